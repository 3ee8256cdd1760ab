import SmarketingKit

/// `undo [N]`: takes back the last change (or the last N), each exactly.
public enum UndoCommand: ShellCommand {
    public static let name = "undo"
    public static let group = CommandGroup.session
    public static let summary = "take back the last change (or the last N)"
    public static let usage = "undo [N]"
    public static let examples = ["note L-000001 \"call back in May\"; undo"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        try UndoCommand.repeatSteps(&arguments, "undid") { () throws(ShellError) in try session.undo() }
    }

    /// Runs `step` N times (`undo 3`), one line per change taken back or applied again.
    static func repeatSteps(_ arguments: inout Arguments, _ verb: String,
                            _ step: () throws(ShellError) -> ChangeRecord) throws(ShellError) -> CommandResult {
        let steps = arguments.isAtEnd ? 1 : try arguments.integer("a number of steps", in: 1...1_000_000)
        try arguments.finish()
        var lines: [String] = []
        for _ in 0..<steps { lines.append("\(verb): \(try step().summary)") }
        return .message(lines.joined(separator: "\n"))
    }
}
