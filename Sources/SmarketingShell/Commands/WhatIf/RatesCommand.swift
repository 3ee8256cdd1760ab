import SmarketingKit

/// `rates`: stage-to-stage conversion measured as cohorts, with the counts behind them.
public enum RatesCommand: ShellCommand {
    public static let name = "rates"
    public static let group = CommandGroup.whatIf
    public static let summary = "conversion from each stage to the next, from the leads' history, with the counts"
    public static let usage = "rates [where EXPR|@view]"
    public static let details = """
        Of the leads that ever reached a stage, the share that later reached the next, with
        both counts (so "100% of 2" shows as such). Leads that reached a stage and went no
        further are split: still in progress, or dropped out (nurture, lost). "decided"
        leaves the ones in progress out. Assumed rates (rate A->B P%) are listed apart.
        """
    public static let examples = ["rates", "rates where source = referral"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        let selector = try LeadSelector.parse(&arguments, in: session)
        try arguments.finish()
        let rows = try selector.rows(in: session, environment: session.queryEnvironment())
        let analysis = try FunnelCommand.analysis(of: rows, session: session)
        // Leads without history (imported with only where they are now) took no step
        // anyone saw: a step only they reached says so, with how many, never 100%.
        let unseen = analysis.withoutHistory > 0
        func row(_ name: String, _ cohort: FunnelAnalysis.Cohort, outcome: Bool = false) -> [TableValue] {
            let noHistory = unseen && !outcome && cohort.reachedFrom == 0
            var cells: [TableValue] = [.text(name), .number(Double(cohort.reachedFrom)), .number(Double(cohort.reachedTo)),
                                       noHistory ? .missing("no history") : cohort.rate.map { .percent($0) } ?? .null,
                                       .number(Double(cohort.inProgress)), .number(Double(cohort.droppedOut)),
                                       noHistory ? .null : cohort.decidedRate.map { .percent($0) } ?? .null]
            if unseen { cells.append(outcome ? .null : .number(Double(cohort.withoutHistory))) }
            return cells
        }
        var table: [[TableValue]] = analysis.cohorts.map { row("\($0.from)->\($0.to)", $0) }
        var notes: [String] = []
        if let last = analysis.stages.last?.stage {
            if unseen, let entry = analysis.entryStage, let outcome = analysis.outcome(to: last) {
                table.append(row("\(entry)->\(last)", outcome, outcome: true))
                notes.append("\(Thousands.format(Double(analysis.withoutHistory))) lead\(analysis.withoutHistory == 1 ? " has" : "s have") no stage history: "
                             + "their steps were not seen (no history); \(entry)->\(last) counts every lead by where it is now")
            } else if let first = analysis.stages.first?.stage, let overall = analysis.rate(from: first, to: last) {
                table.append(row("\(first)->\(last)", overall))
            }
        }
        let assumed = RateCommand.assumed(in: session.workspace)
        if !assumed.isEmpty {
            notes.append("assumed: " + assumed.map { "\($0.from)->\($0.to) \(Percent.format($0.value))" }.joined(separator: ", "))
        }
        var columns = ["step", "reached", "went on", "rate", "in progress", "dropped", "decided"]
        if unseen { columns.append("no history") }
        return .table(Table(columns: columns, rows: table, footer: notes.isEmpty ? nil : notes.joined(separator: "\n")))
    }
}
