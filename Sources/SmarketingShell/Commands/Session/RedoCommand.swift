/// `redo [N]`: applies again what `undo` took back.
public enum RedoCommand: ShellCommand {
    public static let name = "redo"
    public static let group = CommandGroup.session
    public static let summary = "apply again what undo took back"
    public static let usage = "redo [N]"
    public static let examples = ["note L-000001 \"call back in May\"; undo; redo; undo"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        try UndoCommand.repeatSteps(&arguments, "redid") { () throws(ShellError) in try session.redo() }
    }
}
