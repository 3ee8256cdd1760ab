/// `undo [N]`: takes back the last change (or the last N), each exactly.
public enum UndoCommand: ShellCommand {
    public static let name = "undo"
    public static let group = CommandGroup.session
    public static let summary = "take back the last change (or the last N)"
    public static let usage = "undo [N]"
    public static let examples = ["note L-000001 \"call back in May\"; undo"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        let steps = arguments.isAtEnd ? 1 : try arguments.integer("a number of steps", in: 1...1_000_000)
        try arguments.finish()
        var lines: [String] = []
        for _ in 0..<steps {
            let record = try session.undo()
            lines.append("undid: \(record.summary)")
        }
        return .message(lines.joined(separator: "\n"))
    }
}
