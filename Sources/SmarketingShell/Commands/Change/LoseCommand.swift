import SmarketingKit

/// `lose SEL "reason"`: disqualifies leads or closes them as lost, with a reason.
public enum LoseCommand: ShellCommand {
    public static let name = "lose"
    public static let group = CommandGroup.change
    public static let summary = "close leads as lost (disqualified or closed-lost), with the reason"
    public static let usage = "lose ID,…|where EXPR|@view \"reason\""
    public static let examples = ["as anna; lose L-000002 \"chose a competitor\"; undo"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        let selector = try LeadSelector.parse(&arguments, in: session, required: true)
        let reason = try arguments.text("the reason in quotes").text
        try arguments.finish()
        guard let lost = session.workspace.funnel.stages.first(where: { $0.isSide && $0.team == .sales }) else {
            throw .refused("this workspace has no lost stage (a side stage owned by sales)")
        }
        return try MoveCommand.moveRows(try LeadEditing.rows(selector, in: session), to: lost.id, via: .lose, note: reason,
                                        force: nil, in: session, verb: ("lose", "lost"))
    }
}
