/// Why a workspace could not be loaded or saved. Every case says where and what, so the
/// person at the shell can fix the file; the wording lives in `WorkspaceError+Description`.
public indirect enum WorkspaceError: Error, Sendable, Equatable {
    case cannotRead(path: String, reason: String)
    case malformedJSON(path: String?, JSONSyntaxError)
    case notAnObject(path: String?, found: String)
    case notAWorkspace(path: String?, format: String)
    case unsupportedVersion(path: String?, version: String)
    /// A field of a lead is wrong; `index` is 1-based, as a person counts.
    case badLead(path: String?, index: Int, id: String?, FieldFault)
    case duplicateLeadID(path: String?, id: String, firstIndex: Int, secondIndex: Int)
    /// A record outside the leads is wrong: `section` is like `stages[2]` or `sla`.
    case badSection(path: String?, section: String, FieldFault)
    case duplicateStage(path: String?, id: String)
    case cannotSave(path: String, reason: String)
    /// Several leads are wrong: the first few, and how many more, so one round of fixes
    /// can cover them all.
    case badLeads([WorkspaceError], more: Int)
}
