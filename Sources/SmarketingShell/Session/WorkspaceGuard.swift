import Foundation
import SmarketingKit

/// What identifies one version of a file on disk: a save replaces the file (a new inode)
/// and changes its time and size.
struct FileStamp: Equatable {
    var inode: UInt64
    var seconds: Int
    var nanoseconds: Int
    var size: Int64

    init?(_ path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        inode = UInt64(info.st_ino)
        seconds = Int(info.st_mtim.tv_sec)
        nanoseconds = Int(info.st_mtim.tv_nsec)
        size = Int64(info.st_size)
    }
}

/// Guards a session's workspace file: takes the write lock (or makes the session
/// read-only and says who holds it), and finds changes a crashed session left in the
/// journal, offering to apply them again.
public final class WorkspaceGuard {
    public let lock: WorkspaceLock
    public private(set) var holdsLock = false
    /// Set when the session leaves without being asked (the terminal went away, or the
    /// input ended at the quit question): `release` then keeps the journal for a replay.
    public var keepJournal = false

    /// Takes the lock and sets up the journal for `session` (which must have a path).
    /// `ask` answers yes/no questions (nil in scripts: nothing is replayed, nothing lost).
    /// `taken` is the outcome of `takeLock`, called before the file was read, so that no
    /// one saves between our reading and our locking.
    public init(session: Session, forceUnlock: Bool, ask: ((String) -> Bool)?, taken: WorkspaceLock.Outcome? = nil) {
        let path = session.path ?? ""
        lock = WorkspaceLock(workspacePath: path)
        AtomicFile.removeStaleTemporaries(of: WorkspaceLock.realPath(path))
        if lock.home != WorkspaceLock.realPath(path) { AtomicFile.removeStaleTemporaries(of: lock.home) }
        let outcome = taken ?? lock.acquire(user: session.actor, now: Date(), force: forceUnlock)
        var info = stat()
        let holds: Bool
        switch outcome {
        case .acquired, .tookOverStale, .tookOverForced: holds = true
        case .heldBy, .cannotLock: holds = false
        }
        if holds, stat(path, &info) == 0, info.st_nlink > 1, !WorkspaceHome.isRecorded(on: path) {
            // Hard links share the file's flock (one writer) and are saved in place, but
            // without a recorded home (the lock records it when it can) each name keeps its
            // own journal and pending copy.
            session.err.write("warning: \(URL(fileURLWithPath: path).lastPathComponent) has \(info.st_nlink) hard links and its file system "
                              + "keeps no extended attributes: the names share one writer, but not the journal (use a symlink to share a workspace)\n")
        }
        switch outcome {
        case .acquired:
            holdsLock = true
        case .tookOverStale(let holder):
            holdsLock = true
            session.err.write("note: took over the lock of \(holder), whose process is gone\n")
        case .tookOverForced(let holder):
            holdsLock = true
            session.err.write("note: took the lock from \(holder) (--force-unlock)\n")
        case .cannotLock(let reason):
            session.err.write("note: cannot lock \(URL(fileURLWithPath: path).lastPathComponent) (\(reason)); changes are not journalled\n")
            return
        case .heldBy(let holder):
            session.readOnlyReason = "\(holder) holds this workspace"
            followed = FileStamp(path)
            writer = holder.user
            if forceUnlock {
                session.err.write("\(URL(fileURLWithPath: path).lastPathComponent) is held by \(holder), whose smk is still running on this "
                                  + "machine: --force-unlock does not take a lock from a running session (its next save would write over "
                                  + "yours); ask them to quit. Opened read-only\n")
            } else {
                session.err.write("\(URL(fileURLWithPath: path).lastPathComponent) is held by \(holder); opened read-only "
                                  + "(--force-unlock takes it over once they are gone)\n")
            }
            return
        }
        let journal = Journal(workspacePath: path)
        var (entries, unreadable) = journal.pending(funnel: session.workspace.funnel)
        for refusal in journal.refusals { session.err.write("warning: \(refusal)\n") }
        // Sorted against the file as it is now: changes a save already wrote (a kill
        // between the save's rename and the journal's removal) are dropped, and changes to
        // something another session changed and saved since are not replayed over it.
        // A change to a lead someone changed since is merged with theirs when the two do
        // not disagree (their note and my tag); otherwise it is a conflict, kept aside.
        var scratch = session.workspace
        var alreadyIn = 0, merged = 0
        var conflicts: [Journal.Entry] = []
        var replayable: [Journal.Entry] = []
        for entry in entries {
            switch entry.fit(in: scratch) {
            case .alreadyIn: alreadyIn += 1
            case .changedSince:
                if let remade = entry.merged(into: scratch) {
                    _ = try? remade.change.apply(to: &scratch)
                    replayable.append(remade)
                    merged += 1
                } else {
                    conflicts.append(entry)
                    // Which lead and which field, where the two can be told apart.
                    let disagreements = entry.before.map { LeadMerge.disagreements(entry.change, inverse: $0, onto: scratch) } ?? []
                    if !disagreements.isEmpty {
                        session.err.write("warning: \(WorkspaceError.replayRefused(change: entry.summary, by: entry.by, .changedSince(disagreements)))\n")
                    }
                }
            case .fits:
                _ = try? entry.change.apply(to: &scratch)
                replayable.append(entry)
            }
        }
        entries = replayable
        let refused = journal.refusals.count
        if entries.isEmpty && unreadable == 0 && conflicts.isEmpty && refused == 0 {
            if alreadyIn > 0 { session.err.write("note: the journal's \(alreadyIn) change(s) were already saved; journal removed\n") }
            journal.clear()
            session.journal = journal
            return
        }
        let people = Array(Set(entries.map(\.by))).sorted().joined(separator: ", ")
        var report = "\(entries.count) change(s) by \(people.isEmpty ? "nobody" : people) were not saved by a session that ended"
        if let first = entries.first?.at, let last = entries.last?.at {
            report += " (\(Timestamp.formatShort(first)) – \(Timestamp.formatShort(last)))"
        }
        if unreadable > 0 { report += "; \(unreadable) journal line(s) could not be read" }
        if refused > 0 { report += "; \(refused) read but not replayable (said above)" }
        if alreadyIn > 0 { report += "; \(alreadyIn) already saved" }
        if merged > 0 { report += "; \(merged) merged with changes saved since to the same leads" }
        if !conflicts.isEmpty {
            report += "; \(conflicts.count) not replayable because the file changed since (someone saved over it): "
                + conflicts.prefix(3).map { "'\($0.summary)'" }.joined(separator: ", ") + (conflicts.count > 3 ? ", …" : "")
        }
        guard let ask else {
            session.err.write("warning: \(report). They stay in \(journal.path); open the workspace at the prompt to replay them.\n")
            return
        }
        session.err.write(report + ":\n" + entries.map { "  \(Timestamp.formatShort($0.at))  \($0.by)  \($0.summary)\n" }.joined())
        if !entries.isEmpty, ask("Replay them? [y/N] ") {
            var applied = 0
            for entry in entries {
                do {
                    try session.replay(entry)
                    applied += 1
                } catch {
                    session.err.write("could not replay '\(entry.summary)': \(error)\n")
                }
            }
            // The journal now holds exactly what this session replayed.
            let kept = conflicts.isEmpty && refused == 0 ? nil : journal.setAside(at: Date())
            if kept == nil { journal.clear() }
            for record in session.done { try? journal.append(record) }
            session.journal = journal
            session.err.write("replayed \(applied) change(s); save to keep them"
                              + (kept.map { "; the journal with the ones not replayed is kept in \($0)" } ?? "") + "\n")
        } else {
            let kept = journal.setAside(at: Date())
            session.journal = journal
            session.err.write("not replayed; the journal is kept in \(kept ?? journal.path)\n")
        }
    }

    // MARK: Following the writer

    /// The file as this read-only session last loaded it; nil when it writes.
    private var followed: FileStamp?
    /// Who held the lock when this session opened read-only.
    private var writer = "someone"

    /// For a read-only session, before each command (and at an empty prompt when the
    /// writer has quit, see `idleLook`): reloads the file when the writer has saved it
    /// (`anna saved demo.json (1 change): reloaded`), and offers to take over writing once
    /// the writer has quit. Returns what to tell the person, if anything.
    public func follow(_ session: Session) -> String? {
        guard !holdsLock, followed != nil, let path = session.path, session.scenario == nil else { return nil }
        var notes: [String] = []
        if let note = reloadIfSaved(session) { notes.append(note) }
        let name = URL(fileURLWithPath: path).lastPathComponent
        if offerIsDue, let confirm = session.confirm {
            if !notes.isEmpty { session.err.write(notes.joined(separator: "\n") + "\n"); notes = [] }
            asking = true
            let yes = confirm("\(writer) has closed \(name). Take over writing? [y/N] ")
            asking = false
            if yes {
                switch lock.acquire(user: session.actor, now: Date(), force: false) {
                case .acquired, .tookOverStale:
                    holdsLock = true
                    followed = nil
                    // The file may have changed between the last look and the lock.
                    if let fresh = try? Workspace.load(path: path), fresh != session.workspace {
                        session.replaceWorkspace(fresh, path: path)
                        session.workspaceGuard = self
                    }
                    session.readOnlyReason = nil
                    session.journal = Journal(workspacePath: path)
                    notes.append("you now write \(name)")
                case .heldBy(let holder):
                    writer = holder.user
                    notes.append("\(holder) took it first; still read-only")
                case .tookOverForced, .cannotLock:
                    notes.append("could not take \(name) over; still read-only")
                }
            } else {
                // Asked once per writer; the next one to lock the file is followed the same way.
                declined = true
                notes.append("still read-only")
            }
        }
        return notes.isEmpty ? nil : notes.joined(separator: "\n")
    }

    /// What a read-only session sitting at the prompt should see now, looked at every
    /// second by the line editor while it waits: the reload notice when the writer has
    /// saved (the file is reloaded), and whether the take-over question is due (the
    /// writer has quit), which the prompt then asks as a question of its own, so a line
    /// typed for the shell is never taken as the answer. Nothing while a question is open.
    /// `offer` is what to say instead while a line is half typed (the question then comes
    /// before that line runs); nil when no question is due.
    public func idleLook(_ session: Session) -> (notes: [String], offer: String?) {
        guard !holdsLock, followed != nil, !asking, session.scenario == nil, let path = session.path else { return ([], nil) }
        let notes = reloadIfSaved(session).map { [$0] } ?? []
        guard offerIsDue, session.confirm != nil else { return (notes, nil) }
        let name = URL(fileURLWithPath: path).lastPathComponent
        return (notes, "\(writer) has closed \(name): you are asked whether to take it over before your line runs (clear the line to be asked now)")
    }

    /// True while this read-only session follows a writer (the line editor then looks
    /// at the file now and then while it waits at the prompt).
    public var isFollowing: Bool { !holdsLock && followed != nil }

    /// Reloads the file when it changed since the last look; the notice to show.
    private func reloadIfSaved(_ session: Session) -> String? {
        guard let stamp = followed, let path = session.path, let now = FileStamp(path), now != stamp,
              let fresh = try? Workspace.load(path: path) else { return nil }
        let changed = Self.whatChanged(from: session.workspace, to: fresh)
        let reason = session.readOnlyReason
        session.replaceWorkspace(fresh, path: path)
        session.readOnlyReason = reason
        session.workspaceGuard = self
        followed = now
        return "\(writer) saved \(URL(fileURLWithPath: path).lastPathComponent) (\(changed)): reloaded"
    }

    /// True when the writer has quit (nobody holds the lock) and the take-over was not
    /// declined yet; notes who writes when someone does.
    private var offerIsDue: Bool {
        if let holder = lock.holder() {
            writer = holder.user
            declined = false
            return false
        }
        return !declined
    }

    /// Set while the take-over question is open, so the prompt's idle look does not ask it again.
    private var asking = false

    /// Set when the take-over was declined, so it is not asked before every command.
    private var declined = false

    /// What a save brought, in the words of the writer's `changes`: the number of changes
    /// the file's audit gained (one `tag` of three leads is one change), or, when the
    /// audit does not carry on from ours (the file was written by something else), how
    /// many leads differ.
    static func whatChanged(from old: Workspace, to new: Workspace) -> String {
        let kept = old.audit.count
        if new.audit.count > kept, kept == 0 || new.audit[kept - 1] == old.audit[kept - 1] {
            let changes = new.audit.count - kept
            return "\(changes) change\(changes == 1 ? "" : "s")"
        }
        let leads = changedLeads(from: old, to: new)
        return "\(leads) lead\(leads == 1 ? "" : "s") changed"
    }

    /// How many leads differ between two versions of a workspace (added, removed, edited).
    static func changedLeads(from old: Workspace, to new: Workspace) -> Int {
        var changed = 0
        var seen = Set<String>()
        for index in 0..<new.leads.count {
            let lead = new.leads[index]
            seen.insert(lead.id)
            if old.leads[id: lead.id] != lead { changed += 1 }
        }
        for index in 0..<old.leads.count where !seen.contains(old.leads[index].id) { changed += 1 }
        return changed
    }

    /// Takes the lock of `path` before it is read; hand the outcome to `init(taken:)`.
    public static func takeLock(path: String, actor: String, forceUnlock: Bool) -> WorkspaceLock.Outcome {
        WorkspaceLock(workspacePath: path).acquire(user: actor, now: Date(), force: forceUnlock)
    }

    /// Gives back a lock taken by `takeLock` when the file then failed to load.
    public static func giveBack(_ outcome: WorkspaceLock.Outcome, path: String) {
        switch outcome {
        case .acquired, .tookOverStale, .tookOverForced: WorkspaceLock(workspacePath: path).release()
        case .heldBy, .cannotLock: break
        }
    }

    /// Ends the session in order: changes it leaves unsaved were discarded on purpose
    /// (quit answered, quit!, or a script's end), so its journal goes; then the lock.
    public func release(_ session: Session) {
        if !keepJournal || !session.isDirty { session.journal?.clear() }
        if holdsLock { lock.release() }
    }
}
