import SmarketingKit

/// `lose SEL "reason"`: disqualifies leads or closes them as lost, with a reason.
public enum LoseCommand: ShellCommand {
    public static let name = "lose"
    public static let group = CommandGroup.change
    public static let summary = "close leads as lost (disqualified or closed-lost), with the reason"
    public static let usage = "lose ID,…|where EXPR|@view \"reason\""
    public static let details = """
        Who may lose a lead follows the hand-off rules of move: lost is sales' stage, so
        sales loses leads from any stage (an MQL it will not take, a deal gone elsewhere);
        marketing may only where the lost stage's allow lists it ("allow": ["marketing"]),
        and otherwise recycles. Without a team in the workspace anyone may. The reason is
        the lead's field reason (count where stage = lost by reason).
        """
    public static let examples = ["as anna; lose L-000002 \"chose a competitor\"; undo",
                                  "as ioana; lose where stage = mql and fit < 30 \"not our market\"; undo"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        try MoveCommand.moveSideways(&arguments, in: session, team: .sales, route: .lose, verb: ("lose", "lost"))
    }
}
