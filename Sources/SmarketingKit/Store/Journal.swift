import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The changes applied since the last save, written beside the workspace as they happen
/// (`ws.json.smk-journal`, one JSON line each), so a crash loses nothing: the next open
/// finds them and offers to apply them again. A save empties it.
///
/// Each line is written with one `write(2)`: once it returns, the line survives the
/// process being killed (the kernel holds it); it is not flushed to the disk itself, so
/// a power cut may lose the last changes — the price of not waiting on the disk for
/// every keystroke-sized change.
public final class Journal {
    public let path: String
    private var descriptor: Int32 = -1
    /// The changes the last `pending` read whole but cannot replay: an import whose file
    /// is gone or changed, a lead in a stage the funnel no longer has. Not counted as
    /// unreadable: each says which change, which lead and why.
    public private(set) var refusals: [WorkspaceError] = []

    /// One journalled change.
    public struct Entry: Sendable, Equatable {
        public var at: Date
        public var by: String
        public var summary: String
        public var change: Change
        /// What the change replaced (its inverse when it was made), so a replay can tell
        /// whether the workspace still holds what the change was made on; nil in journals
        /// written before it was kept.
        public var before: Change? = nil
        /// Set when the entry is an import journalled by reference (its `change` was made
        /// again from the file): kept so the entry is journalled the same way again.
        public var changeImport: ImportReference? = nil

        /// How this entry fits the workspace it would be replayed on.
        public enum Fit: Sendable, Equatable {
            /// The workspace holds what the change was made on: replay it.
            case fits
            /// The change is already in the workspace (saved just before a crash).
            case alreadyIn
            /// Someone changed what it touches since: replaying would overwrite their work.
            case changedSince
        }

        /// Whether replaying this entry on `workspace` is safe, already done or a conflict.
        public func fit(in workspace: Workspace) -> Fit {
            var scratch = workspace
            let inverse: Change
            do { inverse = try change.apply(to: &scratch) } catch {
                if changeImport != nil, case .group(let members) = change, case .duplicateLead = error {
                    // An import a save wrote just before the crash: every lead is there as added.
                    let allIn = members.allSatisfy { member in
                        guard case .insertLead(let lead, _) = member else { return true }
                        return workspace.leads[id: lead.id] == lead
                    }
                    return allIn ? .alreadyIn : .changedSince
                }
                switch (change, error) {
                case (.insertLead(let lead, _), .duplicateLead): return workspace.leads[id: lead.id] == lead ? .alreadyIn : .changedSince
                case (.removeLead, .noSuchLead): return .alreadyIn
                default: return .changedSince
                }
            }
            if scratch == workspace { return .alreadyIn }
            if let before, !Self.sameContent(inverse, before) {
                // An import's `before` holds only what its updates replaced: its added
                // leads' inverses (removing them) say nothing about the workspace.
                guard changeImport != nil, Self.sameContent(Self.updates(of: inverse), before) else { return .changedSince }
            }
            return .fits
        }

        /// This entry made again on `workspace` as it is now, merged lead by lead with
        /// what was changed and saved since (`LeadMerge`: a field only one side changed
        /// takes that side's value, tags merge as sets, new activities of both are kept),
        /// for an entry that changes leads only, each once, and does not disagree with
        /// theirs; nil otherwise (two values for one field: a conflict).
        public func merged(into workspace: Workspace) -> Entry? {
            guard let before, let rebased = LeadMerge.rebase(change, inverse: before, onto: workspace) else { return nil }
            var entry = self
            entry.change = rebased
            var scratch = workspace
            guard let inverse = try? entry.change.apply(to: &scratch), scratch != workspace else { return nil }
            entry.before = inverse
            return entry
        }

        /// True when two changes say the same, as the journal writes them. `before` was
        /// read back from the journal, so its leads remember which keys were written
        /// (`Lead.writtenKeys`); a lead this session made (an import, `add`) was never read
        /// from a file and remembers none, though nothing in it differs. Comparing the
        /// written form keeps such a lead from looking changed by a save that never was.
        static func sameContent(_ a: Change, _ b: Change) -> Bool {
            a == b || a.json == b.json
        }

        /// The `updateLead` members of a group, as a group.
        static func updates(of change: Change) -> Change {
            guard case .group(let members) = change else { return .group([]) }
            return .group(members.filter { if case .updateLead = $0 { true } else { false } })
        }
    }

    /// The journal of the workspace at `workspacePath`, beside the file's home, so every
    /// name of the file (symlinks, hard links) finds the same journal.
    public init(workspacePath: String) {
        path = WorkspaceHome.of(workspacePath) + ".smk-journal"
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Appends one change; the line is in the kernel's hands when this returns.
    public func append(_ record: ChangeRecord) throws(WorkspaceError) {
        if descriptor < 0 {
            descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
            guard descriptor >= 0 else { throw .cannotSave(path: path, reason: AtomicFile.errnoText()) }
        }
        var writer = JSONWriter()
        var members = [
            JSONMember("at", .string(Timestamp.format(record.at))), JSONMember("by", .string(record.by)),
            JSONMember("summary", .string(record.summary)),
        ]
        if let reference = record.changeImport {
            // An import by reference: the file and its clauses, and its few updates whole.
            let updates = Entry.updates(of: record.change)
            members.append(JSONMember("change", .object(JSONObject([
                JSONMember("op", .string(Self.importOp)), JSONMember("import", reference.json), JSONMember("updates", updates.json),
            ]))))
            members.append(JSONMember("before", Entry.updates(of: record.inverse).json))
        } else {
            members.append(JSONMember("change", record.change.json))
            // The undo of an import: what it replaced is the import itself, not worth a copy.
            if record.inverseImport == nil { members.append(JSONMember("before", record.inverse.json)) }
        }
        writer.compact(.object(JSONObject(members)))
        writer.raw("\n")
        let bytes = writer.bytes
        let written = bytes.withUnsafeBytes { buffer in write(descriptor, buffer.baseAddress, buffer.count) }
        guard written == bytes.count else { throw .cannotSave(path: path, reason: AtomicFile.errnoText()) }
    }

    /// The `op` of an import journalled by reference.
    static let importOp = "importFile"

    /// Empties the journal after a save.
    public func clear() {
        if descriptor >= 0 { close(descriptor); descriptor = -1 }
        unlink(path)
    }

    /// The entries left by a session that did not save, and lines that could not be read
    /// (a line cut short by the crash is expected and skipped).
    public func pending(funnel: Funnel) -> (entries: [Entry], unreadable: Int) {
        refusals = []
        guard let bytes = try? AtomicFile.readAll(path), !bytes.isEmpty else { return ([], 0) }
        var entries: [Entry] = []
        var unreadable = 0
        for line in bytes.split(separator: 0x0A) where !line.isEmpty {
            do {
                let value = try JSONParser.parse(Array(line))
                var r = try FieldReader(value, field: "")
                guard let changeValue = r.value("change") else { throw FieldFault(field: "change", problem: .missing) }
                let before = try r.value("before").map { value throws in try Change(json: value, funnel: funnel) }
                var entry = Entry(at: try r.requiredDate("at"), by: try r.string("by") ?? "unknown",
                                  summary: try r.string("summary") ?? "", change: .group([]), before: before)
                if case .object(let object) = changeValue, object["op"] == .string(Self.importOp) {
                    var c = FieldReader(object)
                    guard let referenceValue = c.value("import") else { throw FieldFault(field: "change.import", problem: .missing) }
                    let reference = try ImportReference(json: referenceValue)
                    let updates = try c.value("updates").map { value throws in try Change(json: value, funnel: funnel) }
                    let leads: [Lead]
                    do { leads = try reference.addedLeads(funnel: funnel) } catch {
                        refusals.append(.replayRefused(change: entry.summary, by: entry.by, .importFile(error)))
                        continue
                    }
                    var members = leads.map { Change.insertLead($0, row: nil) }
                    if case .group(let more)? = updates { members += more }
                    entry.change = .group(members)
                    entry.changeImport = reference
                } else {
                    do { entry.change = try Change(json: changeValue, funnel: funnel) } catch {
                        // A stage the funnel saved since no longer has: the line was read fine.
                        guard case .notAStage = error.problem else { throw error }
                        var lead: String?
                        if case .object(let object) = changeValue, case .object(let fields)? = object["lead"] { lead = fields["id"]?.stringValue }
                        refusals.append(.replayRefused(change: entry.summary, by: entry.by, .stageGone(lead: lead, error)))
                        continue
                    }
                }
                entries.append(entry)
            } catch {
                unreadable += 1
            }
        }
        return (entries, unreadable)
    }

    /// Moves the journal aside (kept, not applied) and returns where it went.
    public func setAside(at now: Date) -> String? {
        let target = path + "." + Timestamp.format(now).replacingOccurrences(of: ":", with: "")
        return rename(path, target) == 0 ? target : nil
    }
}
