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
    /// A journalled change that was read whole but is not replayed on the file as it is
    /// now: `change` is its summary, `by` who made it.
    case replayRefused(change: String, by: String, ReplayConflict)
}

/// Why a journalled change, read fine, does not fit the workspace it would be replayed on.
public enum ReplayConflict: Sendable, Equatable {
    /// An import journalled by reference whose file is gone or changed since.
    case importFile(ImportReplayError)
    /// Leads someone else changed and saved since, in ways this change disagrees with:
    /// each lead's id and the fields both changed to different values (empty when the
    /// lead is gone).
    case changedSince([Disagreement])
    /// A lead in a stage the funnel no longer has.
    case stageGone(lead: String?, FieldFault)

    /// One lead a replayed change and a save since both changed.
    public struct Disagreement: Sendable, Equatable {
        public var lead: String
        /// The fields the two set to different values; empty when the lead is gone.
        public var fields: [String]

        public init(lead: String, fields: [String]) {
            self.lead = lead
            self.fields = fields
        }
    }
}
