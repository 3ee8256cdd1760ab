/// `clear`: wipes the terminal screen (nothing in scripts or files).
public enum ClearCommand: ShellCommand {
    public static let isRecorded = false
    public static let name = "clear"
    public static let group = CommandGroup.session
    public static let summary = "clear the terminal screen"
    public static let usage = "clear"
    public static let examples = ["clear"]

    /// Home the cursor and erase the screen.
    static let escape = "\u{1B}[H\u{1B}[2J"

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        try arguments.finish()
        guard session.terminalWidth != nil, session.redirect == nil else { return .none }
        return .text(escape)
    }
}
