import SmarketingKit

/// `recycle SEL "reason"`: sales hands leads back to marketing (to nurture), with a reason.
public enum RecycleCommand: ShellCommand {
    public static let name = "recycle"
    public static let group = CommandGroup.change
    public static let summary = "hand leads back to marketing (to nurture), with the reason"
    public static let usage = "recycle ID,…|where EXPR|@view \"reason\""
    public static let details = """
        The way into nurture: not ready yet, said with a reason marketing can act on. Made
        by the team that owns the lead's current stage.
        """
    public static let examples = ["as anna; recycle L-000002 \"no budget until Q2\"; undo"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        let selector = try LeadSelector.parse(&arguments, in: session, required: true)
        let reason = try arguments.text("the reason in quotes").text
        try arguments.finish()
        guard let nurture = session.workspace.funnel.stages.first(where: { $0.isSide && $0.team == .marketing }) else {
            throw .refused("this workspace has no recycle stage (a side stage owned by marketing)")
        }
        return try MoveCommand.moveRows(try LeadEditing.rows(selector, in: session), to: nurture.id, via: .recycle, note: reason,
                                        force: nil, in: session, verb: ("recycle", "recycled"))
    }
}
