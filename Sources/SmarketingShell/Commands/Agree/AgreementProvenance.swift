import SmarketingKit

/// Who agreed to the rule in force: the approved proposal that set a stage's entry rule
/// (who proposed it, who approved it, when), or, where it was set at once (no team),
/// the audit entry of the change.
enum AgreementProvenance {
    static func fields(forStage id: String, in session: Session) -> [Record.Field] {
        let workspace = session.workspace
        let approved = workspace.proposals.last { proposal in
            proposal.status == .approved && Self.stageIDs(in: proposal.change).contains(id)
        }
        if let approved, let by = approved.decidedBy, let at = approved.decidedAt {
            return [.init("proposed", .text("by \(approved.by) (\(approved.team)) on \(Timestamp.formatShort(approved.at)), #\(approved.number)")),
                    .init("approved", .text("by \(by) on \(Timestamp.formatShort(at))"))]
        }
        if let entry = workspace.audit.last(where: { $0.what == "stage \(id) entry" }) {
            return [.init("set", .text("by \(entry.by) on \(Timestamp.formatShort(entry.at)) (applied at once)"))]
        }
        return []
    }

    private static func stageIDs(in change: Change) -> [String] {
        switch change {
        case .updateStage(let stage): [stage.id]
        case .group(let changes): changes.flatMap(stageIDs)
        default: []
        }
    }
}
