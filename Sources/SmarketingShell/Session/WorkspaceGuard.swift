import Foundation
import SmarketingKit

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
        switch taken ?? lock.acquire(user: session.actor, now: Date(), force: forceUnlock) {
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
            session.err.write("\(URL(fileURLWithPath: path).lastPathComponent) is held by \(holder); opened read-only "
                              + "(--force-unlock takes it over once they are gone)\n")
            return
        }
        let journal = Journal(workspacePath: path)
        var (entries, unreadable) = journal.pending(funnel: session.workspace.funnel)
        // Sorted against the file as it is now: changes a save already wrote (a kill
        // between the save's rename and the journal's removal) are dropped, and changes to
        // something another session changed and saved since are not replayed over it.
        var scratch = session.workspace
        var alreadyIn = 0
        var conflicts: [Journal.Entry] = []
        entries = entries.filter { entry in
            switch entry.fit(in: scratch) {
            case .alreadyIn: alreadyIn += 1; return false
            case .changedSince: conflicts.append(entry); return false
            case .fits: _ = try? entry.change.apply(to: &scratch); return true
            }
        }
        if entries.isEmpty && unreadable == 0 && conflicts.isEmpty {
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
        if alreadyIn > 0 { report += "; \(alreadyIn) already saved" }
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
            let kept = conflicts.isEmpty ? nil : journal.setAside(at: Date())
            if kept == nil { journal.clear() }
            for record in session.done { try? journal.append(record) }
            session.journal = journal
            session.err.write("replayed \(applied) change(s); save to keep them"
                              + (kept.map { "; the journal with the conflicting ones is kept in \($0)" } ?? "") + "\n")
        } else {
            let kept = journal.setAside(at: Date())
            session.journal = journal
            session.err.write("not replayed; the journal is kept in \(kept ?? journal.path)\n")
        }
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
