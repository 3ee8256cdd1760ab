import SmarketingKit

/// `lose SEL "reason"`: disqualifies leads or closes them as lost, with a reason.
public enum LoseCommand: ShellCommand {
    public static let name = "lose"
    public static let group = CommandGroup.change
    public static let summary = "close leads as lost (disqualified or closed-lost), with the reason"
    public static let usage = "lose ID,…|where EXPR|@view \"reason\""
    public static let examples = ["as anna; lose L-000002 \"chose a competitor\"; undo"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        try MoveCommand.moveSideways(&arguments, in: session, team: .sales, route: .lose, verb: ("lose", "lost"))
    }
}
