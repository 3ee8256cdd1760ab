import SmarketingKit

/// `count`: how many leads match, overall or per group.
public enum CountCommand: ShellCommand {
    public static let name = "count"
    public static let group = CommandGroup.look
    public static let summary = "count leads, optionally per value of a field"
    public static let usage = "count [where EXPR|@view] [by FIELD]"
    public static let details = """
        Without by, prints one number (usable in let and expect). With by, one row per
        value: count and share, largest first (stages in funnel order).
        """
    public static let examples = ["count", "count where stage = mql and score >= 60", "count by source", "count where stage >= sal by owner"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        let selector = try LeadSelector.parse(&arguments, in: session)
        var groupField: LeadField?
        if arguments.take("by") {
            groupField = try ListingShape.field(try arguments.text("a field to group by"), in: session)
        }
        try arguments.finish()
        let environment = session.queryEnvironment()
        let rows = try selector.rows(in: session, environment: environment)
        guard let groupField else {
            return .document(.number(rows.count), display: .text(String(rows.count)))
        }
        let groups = Grouping(rows: rows, by: groupField, in: session, environment: environment)
        let table = Table(columns: [groupField.name, "count", "share"],
                          rows: groups.groups.map { [$0.key == .none ? .text("(none)") : $0.key.cell, .number(Double($0.rows.count)), TableValue.share($0.rows.count, of: rows.count)] },
                          footer: Thousands.count(rows.count, "lead") + (groups.caseVariantNote().map { "\n" + $0 } ?? ""),
                          stageColumns: groupField.type == .stage ? [0] : [])
        return .table(table)
    }
}
