import SmarketingKit

/// `funnel`: the pipeline as a chart: leads per stage, conversion to the next, time spent.
public enum FunnelCommand: ShellCommand {
    public static let name = "funnel"
    public static let group = CommandGroup.whatIf
    public static let summary = "the funnel as a chart: reached, now, conversion to the next stage, days in stage"
    public static let usage = "funnel [where EXPR|@view] [by FIELD]"
    public static let details = """
        One bar per ordered stage: how many leads ever reached it (the bar), how many are
        in it now, the share of those that reached it that went on to the next stage, and
        the median days a lead stayed. by FIELD draws one funnel per value (source,
        campaign, owner…), largest first. Side stages (nurture, lost) are counted in the
        footer.
        """
    public static let examples = ["funnel", "funnel where created >= 2026-10-01", "funnel by source"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        let selector = try LeadSelector.parse(&arguments, in: session)
        var groupField: LeadField?
        if arguments.take("by") { groupField = try ListingShape.field(try arguments.text("a field to group by"), in: session) }
        try arguments.finish()
        let environment = session.queryEnvironment()
        let rows = try selector.rows(in: session, environment: environment)
        guard let groupField else { return chart(rows, title: nil, in: session) }
        let groups = Grouping(rows: rows, by: groupField, in: session, environment: environment)
        return .many(groups.groups.map { group in
            let label = group.key == .none ? "(none)" : group.key.plainText
            return chart(group.rows, title: "\(groupField.name) = \(label)", in: session)
        })
    }

    static func chart(_ rows: [Int], title: String?, in session: Session) -> CommandResult {
        let analysis = FunnelAnalysis.remembered(session.workspace, rows: rows, now: session.now)
        let top = max(1, analysis.stages.map(\.reached).max() ?? 1)
        var table: [[TableValue]] = []
        var json: [JSONValue] = []
        for (i, stage) in analysis.stages.enumerated() {
            let next = i < analysis.cohorts.count ? analysis.cohorts[i].rate : nil
            table.append([.text(stage.stage), .number(Double(stage.reached)), .text(Bar.draw(Double(stage.reached) / Double(top), width: 24)),
                          .number(Double(stage.now)), next.map { .percent($0) } ?? .null,
                          stage.medianDays.map { .number(($0 * 10).rounded() / 10) } ?? .null])
            json.append(.object(JSONObject([
                JSONMember("stage", .string(stage.stage)), JSONMember("reached", .number(stage.reached)), JSONMember("now", .number(stage.now)),
                JSONMember("toNext", next.map { .number($0) } ?? .null),
                JSONMember("medianDays", stage.medianDays.map { .number(($0 * 10).rounded() / 10) } ?? .null),
            ])))
        }
        let workspace = session.workspace
        let side = workspace.leads.remembered("funnel-side", key: AnalysisKey(workspace, rows: rows)) {
            workspace.funnel.stages.filter(\.isSide).map { stage in
                "\(stage.id) \(rows.filter { workspace.leads.stage(at: $0) == stage.id }.count)"
            }
        }
        let footer = "\(rows.count) lead\(rows.count == 1 ? "" : "s")" + (side.isEmpty ? "" : "; outside the funnel: " + side.joined(separator: ", "))
        let display = CommandResult.table(Table(title: title, columns: ["stage", "reached", "", "now", "→ next", "days"], rows: table,
                                                footer: footer, stageColumns: [0]))
        var document = JSONObject([JSONMember("stages", .array(json)), JSONMember("leads", .number(rows.count))])
        if let title { document.members.insert(JSONMember("group", .string(title)), at: 0) }
        return .document(.object(document), display: display)
    }
}
