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
    /// Asked for more steps than there are, it takes the ones there are and says so (a
    /// script's `undo 5` after 2 changes goes on); with none at all it fails.
    static func repeatSteps(_ arguments: inout Arguments, _ verb: String,
                            _ step: () throws(ShellError) -> ChangeRecord) throws(ShellError) -> CommandResult {
        let steps = arguments.isAtEnd ? 1 : try arguments.integer("a number of steps", in: 1...1_000_000)
        try arguments.finish()
        var lines: [String] = []
        for _ in 0..<steps {
            do { lines.append("\(verb): \(try step().summary)") } catch {
                guard !lines.isEmpty, error == .nothingToUndo || error == .nothingToRedo else { throw error }
                lines.append("only \(lines.count) change\(lines.count == 1 ? " was" : "s were") there: \(verb) \(lines.count) of \(steps)")
                break
            }
        }
        return .message(lines.joined(separator: "\n"))
    }
}
