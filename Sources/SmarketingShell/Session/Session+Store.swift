import Foundation
import SmarketingKit

/// The session's side of its store (a file or a shared workspace, alike): each change
/// of main goes to the store before the shell calls it done, and others' changes are
/// applied between commands (and, at the prompt, as they arrive), one line each.
extension Session {
    /// Sends an applied change to the store and returns the record as committed. On
    /// refusal the workspace is put back as it was (the change's inverse) and, on a
    /// conflict, brought up to date. Then, with `rebase`, a change to leads only is
    /// merged with theirs (`LeadMerge`: tags, new activities) and sent again; when it
    /// does not merge, or without `rebase` (undo, redo), the refusal is thrown with the
    /// store's words (who changed what).
    func commitToStore(_ record: ChangeRecord, rebase: Bool) throws(ShellError) -> ChangeRecord {
        guard scenario == nil else { return record }
        var record = record
        // Another writer going flat out can win every round; back off a random while,
        // growing, for about five seconds in all before giving up.
        for attempt in 0..<60 {
            if attempt >= 2 { usleep(UInt32.random(in: 0...UInt32(min(100_000, 1_000 << min(attempt, 10))))) }
            do {
                try store.append(record, to: workspace)
                return record
            } catch {
                _ = try? record.inverse.apply(to: &workspace)
                if error.kind == .conflict { catchUp(force: true) }
                guard error.kind == .conflict, rebase, let merged = rebased(record) else { throw .refused(error.message) }
                record = merged
            }
        }
        throw .refused("others keep changing these leads; your change was not made (try again)")
    }

    /// `record` made again on the workspace as it is now, its leads merged with the
    /// changes others made to them; applied, or nil when it does not merge.
    private func rebased(_ record: ChangeRecord) -> ChangeRecord? {
        guard !record.change.touchesSettings else { return nil }
        guard let change = LeadMerge.rebase(record.change, inverse: record.inverse, onto: workspace) else { return nil }
        guard let inverse = try? change.apply(to: &workspace) else { return nil }
        return ChangeRecord(change: change, inverse: inverse, at: record.at, by: record.by, summary: record.summary)
    }

    /// Applies the changes others committed since the last look; prints one line for
    /// each. Cheap when nothing arrived (no query is sent). Called before every command,
    /// and by the line editor when the store's socket turns readable.
    public func catchUp(force: Bool = false) {
        let records: [ChangeRecord]
        do { records = try store.follow(workspace, force: force) } catch {
            records = []
        }
        for notice in store.takeNotices() { say(notice) }
        for record in records {
            let before = workspace
            let inverse: Change
            do { inverse = try record.change.apply(to: &workspace) } catch {
                say("note: \(record.by)'s change could not be applied here (\(error)); open the workspace again to see it")
                continue
            }
            // My undo stack stays valid: its inverses name leads by id, and the store
            // refuses an undo of a lead someone has changed since.
            _ = inverse
            // The audit shows everyone's changes, not only this shell's: a settings change
            // writes the workspace document with this audit, which must not drop theirs.
            workspace.audit.append(AuditEntry(change: record.change, at: record.at, by: record.by, login: nil,
                                              command: record.summary, what: record.summary))
            for id in record.change.leadIDs { remoteNotes[id] = "\(record.by) (\(record.summary))" }
            for line in RemoteChangeLine.lines(for: record, before: before, after: workspace) { say(line) }
        }
    }

    /// Why `record` (my newest change) cannot be undone in a shared workspace: a lead it
    /// touched is no longer as it left it, so someone changed it since. Nil otherwise.
    func overtaken(_ record: ChangeRecord) -> String? {
        changedSince(record.change).map { "not undone: \($0); undo takes back only changes nobody has built on" }
    }

    /// Why `record` (my newest undone change) cannot be made again in a shared
    /// workspace: a lead is no longer as the undo left it. Nil otherwise.
    func overtakenSinceUndo(_ record: ChangeRecord) -> String? {
        changedSince(record.inverse).map { "not redone: \($0) after your undo; redo makes again only changes nobody has built on" }
    }

    /// The first lead `change` touched that is no longer as `change` left it, and who
    /// changed it (as far as this shell saw), in a shared workspace; nil when none.
    private func changedSince(_ change: Change) -> String? {
        guard store.isShared, scenario == nil else { return nil }
        // What my change left each lead as (the last state, when it touched one twice).
        var left: [String: Lead?] = [:]
        func walk(_ change: Change) {
            switch change {
            case .updateLead(let lead), .insertLead(let lead, _): left[lead.id] = .some(lead)
            case .removeLead(let id): left[id] = .some(nil)
            case .appendLeads(let batch): for row in 0..<batch.count { left[batch.id(at: row)] = .some(batch.lead(at: row)) }
            case .group(let changes): changes.forEach(walk)
            default: break
            }
        }
        walk(change)
        guard let id = change.leadIDs.first(where: { id in (left[id] ?? nil) != workspace.leads[id: id] }) else { return nil }
        return remoteNotes[id].map { "\(id) was changed since by \($0)" } ?? "\(id) was changed since by someone else"
    }

    private func say(_ line: String) {
        if let announce { announce(line) } else { out.write(line + "\n") }
    }
}

/// How another person's change reads when it arrives: `erik moved L-000042 mql → sal
/// (accepted in review)` for a move, what a proposal says for a proposal made, approved
/// or declined (`erik approved #2: scoring: fit source = 'Referral' → 10`), the command
/// they typed otherwise, and what the database wrote for an edit made with plain SQL
/// (`erik changed L-000042 with SQL: stage mql → sal`).
enum RemoteChangeLine {
    static func lines(for record: ChangeRecord, before: Workspace, after: Workspace) -> [String] {
        if record.summary.contains(" with SQL"), record.summary.hasPrefix("changed ") || record.summary.hasPrefix("removed ") {
            return ["\(record.by) \(record.summary)"]
        }
        let decided = proposalLines(by: record.by, before: before.proposals, after: after.proposals)
        if !decided.isEmpty { return decided }
        var moves: [String] = []
        for id in record.change.leadIDs {
            guard let old = before.leads[id: id], let new = after.leads[id: id], old.stage != new.stage else { continue }
            let note = new.history.last?.note.map { " (\($0))" } ?? ""
            moves.append("\(record.by) moved \(id) \(old.stage) → \(new.stage)\(note)")
        }
        if moves.count > 3 {
            return ["\(record.by): \(record.summary) (\(Thousands.count(moves.count, "lead")) moved)"]
        }
        return moves.isEmpty ? ["\(record.by): \(record.summary)"] : moves
    }

    /// The proposals `by` made, approved or declined, as the proposal says what it
    /// changes: the other reviewer sees what was agreed, not only `approve #2: scoring`.
    /// Empty when the proposals did not change that way (an undo puts them back).
    static func proposalLines(by: String, before: [Proposal], after: [Proposal]) -> [String] {
        guard before != after else { return [] }
        let old = Dictionary(before.map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a })
        return after.compactMap { (p: Proposal) -> String? in
            let what = "#\(p.number): \(p.subject): \(p.wording.new)"
            switch (old[p.number]?.status, p.status) {
            case (nil, .open): return "\(by) proposed \(what) (now: \(p.wording.old))"
            case (.open?, .approved): return "\(by) approved \(what) (proposed by \(p.by))"
            case (.open?, .declined): return "\(by) declined \(what)" + (p.why.map { " (\($0))" } ?? "")
            default: return nil
            }
        }
    }
}
