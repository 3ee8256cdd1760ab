import SmarketingKit

/// `reject SEL "reason"`: sales says "not ready" about MQLs it was handed: back to nurture,
/// with the reason, and counted in the loop as rejected.
public enum RejectCommand: ShellCommand {
    public static let name = "reject"
    public static let group = CommandGroup.change
    public static let summary = "say \"not ready\" about leads handed over (an MQL): back to nurture, with the reason"
    public static let usage = "reject ID,…|where EXPR|@view \"reason\""
    public static let details = """
        Made by the team that owns the next stage (sales, for an MQL), for leads at the
        hand-off only; a lead sales already accepted is recycled instead. The lead goes to
        nurture, back to the marketer who handed it over, and counts in loop as rejected;
        its reason is the field reason (count where rejected = true by reason).
        """
    public static let examples = ["as anna; reject L-000003 \"no project yet, keep warm\"; undo",
                                  "as ioana; reject where stage = mql and fit < 55 \"too small for us\"; undo"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        try MoveCommand.moveSideways(&arguments, in: session, team: .marketing, route: .reject, verb: ("reject", "rejected"))
    }
}
