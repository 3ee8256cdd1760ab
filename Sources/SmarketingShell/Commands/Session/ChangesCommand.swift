import SmarketingKit

/// `changes`: this session's changes, oldest first: when, who, what, how many leads.
public enum ChangesCommand: ShellCommand {
    public static let name = "changes"
    public static let group = CommandGroup.session
    public static let summary = "list this session's changes: when, who, what, how many leads"
    public static let usage = "changes"
    public static let examples = ["as anna; move L-000002 to sal; changes; undo"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        try arguments.finish()
        let rows: [[TableValue]] = session.done.enumerated().map { index, record in
            [.number(Double(index + 1)), .date(record.at), .text(record.by), .text(record.summary), .number(Double(record.change.leadCount))]
        }
        let undone = session.undone.count
        return .table(Table(columns: ["#", "at", "by", "what", "leads"], rows: rows,
                            footer: undone > 0 ? "\(Thousands.format(undone)) undone change(s) can be redone" : nil))
    }
}
