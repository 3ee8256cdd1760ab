import SmarketingKit

/// `report by F`: per group, the numbers a review argues about.
public enum ReportCommand: ShellCommand {
    public static let name = "report"
    public static let group = CommandGroup.look
    public static let summary = "per group: count, share, average fit/interest/score, value, customers"
    public static let usage = "report by FIELD [where EXPR|@view]"
    public static let details = """
        One row per value of FIELD: leads, their share, average fit, interest and score,
        the sum of value, and the share of the group's leads that are customers now.
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
        for group in grouping.groups {
            let leads = group.rows.map { workspace.leads[$0] }
            func average(_ values: [Double?]) -> TableValue {
                let present = values.compactMap { $0 }
                guard !present.isEmpty else { return .null }
                return .number((present.reduce(0, +) / Double(present.count) * 10).rounded() / 10)
            }
            let won = leads.filter { $0.stage == customer }.count
            table.append([
                group.key == .none ? .text("(none)") : group.key.cell, .number(Double(leads.count)), .text(Percent.format(leads.count, of: rows.count)),
                average(leads.map(\.fit)), average(leads.map(\.interest)), average(leads.map { workspace.score(of: $0) }),
                .number(leads.compactMap(\.value).reduce(0, +)), .text(Percent.format(won, of: leads.count)),
            ])
        }
        return .table(Table(columns: [field.name, "leads", "share", "fit", "interest", "score", "value", "customers"],
                            rows: table, footer: "\(rows.count) leads", stageColumns: field.type == .stage ? [0] : []))
    }
}
