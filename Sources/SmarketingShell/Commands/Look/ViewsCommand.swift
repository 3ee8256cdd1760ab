import SmarketingKit

/// `views`: the saved views and how many leads each holds now.
public enum ViewsCommand: ShellCommand {
    public static let name = "views"
    public static let group = CommandGroup.look
    public static let summary = "list the saved views and how many leads each holds"
    public static let usage = "views"
    public static let examples = ["views"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        try arguments.finish()
        let environment = session.queryEnvironment()
        var rows: [[TableValue]] = []
        for member in session.workspace.views.members {
            let text = member.value.stringValue ?? member.value.compactText
            var count: TableValue = .text("error")
            if let view = try? ViewDefinition.parse(name: member.key, text: text, range: SourceRange(0, 0), in: session),
               let selected = try? view.selector.rows(in: session, environment: environment) {
                count = .number(Double(view.shape.limit.map { min($0, selected.count) } ?? selected.count))
            }
            rows.append([.text("@" + member.key), count, .text(text)])
        }
        return .table(Table(columns: ["view", "leads", "definition"], rows: rows))
    }
}
