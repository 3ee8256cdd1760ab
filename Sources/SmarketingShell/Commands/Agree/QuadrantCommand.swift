import SmarketingKit

/// `quadrant`: the fit × interest grid, with counts and shares per cell.
public enum QuadrantCommand: ShellCommand {
    public static let name = "quadrant"
    public static let group = CommandGroup.agree
    public static let summary = "the fit × interest 2×2: ideal, nurture, curious, cold, with counts and shares"
    public static let usage = "quadrant [where EXPR|@view]"
    public static let details = """
        The thresholds are the scoring's high fit and high interest (50 and 50 unless the
        workspace says otherwise). The cells are queryable: leads where quadrant = ideal.
        """
    public static let examples = ["quadrant", "quadrant where stage = mql"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        let selector = try LeadSelector.parse(&arguments, in: session)
        try arguments.finish()
        let environment = session.queryEnvironment()
        let rows = try selector.rows(in: session, environment: environment)
        let workspace = session.workspace
        // Fit and interest come from the columns: a million leads are not decoded.
        // Kept until the leads, the rules or the clock change; Ctrl-C stops the first pass.
        guard let counts = workspace.leads.remembered("quadrant", key: AnalysisKey(workspace, rows: rows, now: environment.now),
                                                unlessStopped: {
            workspace.leads.quadrantCounts(of: rows, in: environment, isInterrupted: { session.isInterrupted() })
        }) else { throw .interrupted }
        let fit = NumberText.format(workspace.scoring.highFit)
        let interest = NumberText.format(workspace.scoring.highInterest)
        // Counts grouped as every count smk prints (`46,583`), right-aligned to the widest,
        // with a space before it however wide (`nurture  466,156`, not `nurture 466,156`).
        let width = max(6, 1 + (Quadrant.allCases.map { Thousands.format(counts[$0] ?? 0).count }.max() ?? 0))
        func cell(_ quadrant: Quadrant) -> String {
            let count = counts[quadrant] ?? 0
            return DisplayWidth.pad(quadrant.rawValue, to: 8) + DisplayWidth.pad(Thousands.format(count), to: width, right: true)
                + "  " + DisplayWidth.pad(Percent.format(count, of: rows.count), to: 6, right: true)
        }
        let left = 12
        let column = max(26, 8 + width + 2 + 6 + 2)
        var text = String(repeating: " ", count: left) + DisplayWidth.pad("interest < \(interest)", to: column) + "│ interest ≥ \(interest)\n"
        text += DisplayWidth.pad("fit ≥ \(fit)", to: left) + DisplayWidth.pad(cell(.nurture), to: column) + "│ " + cell(.ideal) + "\n"
        text += String(repeating: " ", count: left) + String(repeating: "─", count: column) + "┼" + String(repeating: "─", count: column) + "\n"
        text += DisplayWidth.pad("fit < \(fit)", to: left) + DisplayWidth.pad(cell(.cold), to: column) + "│ " + cell(.curious) + "\n"
        text += "\(Thousands.count(rows.count, "lead")); high fit ≥ \(fit), high interest ≥ \(interest)\n"
        let document = JSONObject(Quadrant.allCases.map { JSONMember($0.rawValue, .number(counts[$0] ?? 0)) }
                                  + [JSONMember("leads", .number(rows.count))])
        return .document(.object(document), display: .text(text))
    }
}
