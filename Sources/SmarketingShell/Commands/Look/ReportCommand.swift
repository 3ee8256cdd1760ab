import SmarketingKit

/// `report by F`: per group, the numbers a review argues about.
public enum ReportCommand: ShellCommand {
    public static let name = "report"
    public static let group = CommandGroup.look
    public static let summary = "per group: count, share, average fit/interest/score, value, share of customers"
    public static let usage = "report by FIELD [where EXPR|@view]"
    public static let details = """
        One row per value of FIELD: leads, their share, average fit, interest and score,
        the sum of value, and (customers %) the share of the group's leads that are
        customers now.
        """
    public static let examples = ["report by source", "report by country where created >= 2026-10-01"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        try arguments.expect("by")
        let field = try ListingShape.field(try arguments.text("a field to group by"), in: session)
        let selector = try LeadSelector.parse(&arguments, in: session)
        try arguments.finish()
        let environment = session.queryEnvironment()
        let rows = try selector.rows(in: session, environment: environment)
        let grouping = Grouping(rows: rows, by: field, in: session, environment: environment)
        let workspace = session.workspace
        let customer = workspace.funnel.stages.last { !$0.isSide }?.id
        var table: [[TableValue]] = []
        // Read from the store's columns, so a report over a million leads decodes none.
        let store = workspace.leads
        let fields = ["fit", "interest", "score", "value"].compactMap(LeadField.named)
        func average(_ values: [Double]) -> TableValue {
            guard !values.isEmpty else { return .null }
            return .number((values.reduce(0, +) / Double(values.count) * 10).rounded() / 10)
        }
        for group in grouping.groups {
            let columns = fields.map { field in group.rows.compactMap { store.value(of: field, at: $0, in: environment).numberValue } }
            let won = group.rows.filter { store.stage(at: $0) == customer }.count
            let count = group.rows.count
            table.append([
                group.key == .none ? .text("(none)") : group.key.cell, .number(Double(count)), TableValue.share(count, of: rows.count),
                average(columns[0]), average(columns[1]), average(columns[2]), .number(columns[3].reduce(0, +)),
                TableValue.share(won, of: count),
            ])
        }
        return .table(Table(columns: [field.name, "leads", "share", "fit", "interest", "score", "value", "customers %"],
                            rows: table, footer: Thousands.count(rows.count, "lead") + (grouping.caseVariantNote().map { "\n" + $0 } ?? ""),
                            stageColumns: field.type == .stage ? [0] : []))
    }
}
