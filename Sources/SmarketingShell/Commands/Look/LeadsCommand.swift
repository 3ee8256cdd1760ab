import SmarketingKit

/// `leads`: the leads as a table, in file order.
public enum LeadsCommand: ShellCommand {
    public static let name = "leads"
    public static let group = CommandGroup.look
    public static let summary = "list leads as a table"
    public static let usage = "leads [limit N]"
    public static let details = """
        Shows id, name, company, country, stage, owner, fit, interest and value, one lead
        per row, in the order of the workspace file. Tables fit the terminal's width;
        use format json|csv|markdown for other shapes.
        """
    public static let examples = ["leads limit 5", "leads limit 3; format json; leads limit 1"]

    public static let columns = ["id", "name", "company", "country", "stage", "owner", "fit", "interest", "value"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        var limit: Int?
        if arguments.take("limit") {
            limit = try arguments.integer("a number of leads")
        }
        try arguments.finish()
        let leads = session.workspace.leads
        let shown = min(leads.count, limit ?? leads.count)
        var rows: [[TableValue]] = []
        rows.reserveCapacity(shown)
        for row in 0..<shown {
            if row % 4096 == 0, session.isInterrupted() { break }
            let lead = leads[row]
            rows.append([.text(lead.id), TableValue(lead.name), TableValue(lead.company), TableValue(lead.country),
                         .text(lead.stage), TableValue(lead.owner), TableValue(lead.fit), TableValue(lead.interest),
                         TableValue(lead.value)])
        }
        let footer = shown < leads.count ? "\(shown) of \(leads.count) leads" : nil
        return .table(Table(columns: columns, rows: rows, footer: footer, stageColumns: [4]))
    }
}
