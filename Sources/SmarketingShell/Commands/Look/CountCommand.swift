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
                          rows: groups.groups.map { [$0.key.cell, .number(Double($0.rows.count)), .text(Percent.format($0.rows.count, of: rows.count))] },
                          footer: "\(rows.count) leads",
                          stageColumns: groupField.type == .stage ? [0] : [])
        return .table(table)
    }
}

/// Leads split by the value of one field; list fields (tags) put a lead in each group.
struct Grouping {
    var groups: [(key: QueryValue, rows: [Int])]

    init(rows: [Int], by field: LeadField, in session: Session, environment: QueryEnvironment) {
        var groups = session.workspace.leads.groups(of: rows, by: field, in: environment)
        let funnel = session.workspace.funnel
        if field.type == .stage {
            groups.sort { (funnel.position(of: $0.key.textValue ?? "") ?? .max) < (funnel.position(of: $1.key.textValue ?? "") ?? .max) }
        } else {
            groups.sort { $0.rows.count != $1.rows.count ? $0.rows.count > $1.rows.count : QueryValue.sortOrder($0.key, $1.key, stages: nil) < 0 }
        }
        self.groups = groups
    }
}

extension QueryValue {
    var textValue: String? {
        if case .text(let text) = self { return text }
        return nil
    }
}

/// Shares as people read them: `42.3%`.
enum Percent {
    static func format(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "–" }
        return format(Double(part) / Double(whole))
    }

    static func format(_ fraction: Double) -> String {
        let value = (fraction * 1000).rounded() / 10
        return NumberText.format(value) + "%"
    }
}
