import SmarketingKit

/// The audit kept in the workspace: every applied change adds one entry (who, when, the
/// command as typed, the leads touched). An undo before the next save takes its entry
/// back, since the file never held that change; after a save, undo and redo are changes
/// of their own and are added as `undo: …` and `redo: …`.
extension Session {
    /// Adds the entry for a change just applied.
    func audit(_ record: ChangeRecord) {
        let entry = AuditEntry(change: record.change, at: record.at, by: record.by, login: login, command: currentCommand,
                               what: record.summary)
        workspace.audit.append(entry)
    }

    /// Adds (or takes back) the entry for an undo (`back`) or a redo of `record`.
    func audit(taking record: ChangeRecord, back: Bool) {
        let what = back ? record.summary : "undo: " + record.summary
        if workspace.audit.count > workspace.shape.savedAudit, let last = workspace.audit.last, last.what == what,
           !back || (last.at == record.at && last.by == record.by) {
            workspace.audit.removeLast()
            return
        }
        let change = back ? record.inverse : record.change
        workspace.audit.append(AuditEntry(change: change, at: now, by: actor, login: login, command: currentCommand,
                                          what: (back ? "undo: " : "redo: ") + record.summary))
    }
}
