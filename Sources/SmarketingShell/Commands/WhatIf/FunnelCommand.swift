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
        guard let groupField else { return try chart(rows, title: nil, in: session) }
        let groups = Grouping(rows: rows, by: groupField, in: session, environment: environment)
        var charts: [CommandResult] = []
        for group in groups.groups {
            let label = group.key == .none ? "(none)" : group.key.plainText
            charts.append(try chart(group.rows, title: "\(groupField.name) = \(label)", in: session))
        }
        return .many(charts)
    }

    /// The funnel analysis of `rows` of `workspace` (the session's own by default),
    /// stopped by Ctrl-C.
    static func analysis(of rows: [Int], in workspace: Workspace? = nil, session: Session) throws(ShellError) -> FunnelAnalysis {
        // Kept per version of the leads (FunnelAnalysis+Memo); Ctrl-C stops the first pass.
        guard let analysis = FunnelAnalysis.remembered(workspace ?? session.workspace, rows: rows, now: session.now,
                                                       isInterrupted: { session.isInterrupted() }) else { throw .interrupted }
        return analysis
    }

    /// Which leads' steps were not seen, and how they are counted: those without any
    /// stage history, and those first seen arriving past the entry stage.
    static func unseenNote(_ analysis: FunnelAnalysis) -> String {
        let entry = analysis.entryStage ?? "the first stage"
        var parts: [String] = []
        if analysis.withoutHistory > 0 {
            parts.append("\(Thousands.format(Double(analysis.withoutHistory))) lead\(analysis.withoutHistory == 1 ? " has" : "s have") no stage history: "
                         + "counted where they are now (from \(entry))")
        }
        if analysis.partlySeen > 0 {
            parts.append("\(Thousands.format(Double(analysis.partlySeen))) lead\(analysis.partlySeen == 1 ? " was" : "s were") first seen past \(entry): "
                         + "counted from where they arrived")
        }
        return parts.joined(separator: "; ") + "; steps nobody was seen taking say no history"
    }

    static func chart(_ rows: [Int], title: String?, in session: Session) throws(ShellError) -> CommandResult {
        let analysis = try analysis(of: rows, session: session)
        let unseen = analysis.withoutHistory + analysis.partlySeen > 0
        let top = max(1, analysis.stages.map { $0.reached + $0.reachedWithoutHistory }.max() ?? 1)
        var table: [[TableValue]] = []
        var json: [JSONValue] = []
        for (i, stage) in analysis.stages.enumerated() {
            let next = i < analysis.cohorts.count ? analysis.cohorts[i].rate : nil
            // A step only leads without history reached was never seen taken.
            let unseenStep = unseen && i < analysis.cohorts.count && analysis.cohorts[i].reachedFrom == 0
            let reached = stage.reached + stage.reachedWithoutHistory
            table.append([.text(stage.stage), .number(Double(reached)), .text(Bar.draw(Double(reached) / Double(top), width: 24)),
                          .number(Double(stage.now)), unseenStep ? .missing("no history") : next.map { .percent($0) } ?? .null,
                          stage.medianDays.map { .number(($0 * 10).rounded() / 10) } ?? .null])
            json.append(.object(JSONObject([
                JSONMember("stage", .string(stage.stage)), JSONMember("reached", .number(reached)), JSONMember("now", .number(stage.now)),
                JSONMember("toNext", next.map { .number($0) } ?? .null),
                JSONMember("medianDays", stage.medianDays.map { .number(($0 * 10).rounded() / 10) } ?? .null),
            ])))
        }
        let workspace = session.workspace
        let side = workspace.leads.remembered("funnel-side", key: AnalysisKey(workspace, rows: rows)) {
            workspace.funnel.stages.filter(\.isSide).map { stage in
                "\(stage.id) \(Thousands.format(rows.filter { workspace.leads.stage(at: $0) == stage.id }.count))"
            }
        }
        var footer = "\(Thousands.format(rows.count)) lead\(rows.count == 1 ? "" : "s")" + (side.isEmpty ? "" : "; outside the funnel: " + side.joined(separator: ", "))
        if unseen {
            footer += "\n" + unseenNote(analysis)
        }
        let display = CommandResult.table(Table(title: title, columns: ["stage", "reached", "", "now", "→ next", "days"], rows: table,
                                                footer: footer, stageColumns: [0]))
        var document = JSONObject([JSONMember("stages", .array(json)), JSONMember("leads", .number(rows.count))])
        if unseen {
            document.members.append(JSONMember("withoutHistory", .number(analysis.withoutHistory)))
            document.members.append(JSONMember("firstSeenPastEntry", .number(analysis.partlySeen)))
        }
        if let title { document.members.insert(JSONMember("group", .string(title)), at: 0) }
        return .document(.object(document), display: display)
    }
}
