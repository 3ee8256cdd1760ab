/// `redo [N]`: applies again what `undo` took back.
public enum RedoCommand: ShellCommand {
    public static let name = "redo"
    public static let group = CommandGroup.session
    public static let summary = "apply again what undo took back"
    public static let usage = "redo [N]"
    public static let examples = ["note L-000001 \"call back in May\"; undo; redo; undo"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        let steps = arguments.isAtEnd ? 1 : try arguments.integer("a number of steps", in: 1...1_000_000)
        try arguments.finish()
        var lines: [String] = []
        for _ in 0..<steps {
            let record = try session.redo()
            lines.append("redid: \(record.summary)")
        }
        return .message(lines.joined(separator: "\n"))
    }
}
