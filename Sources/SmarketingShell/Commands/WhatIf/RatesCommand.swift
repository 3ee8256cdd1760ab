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
        let analysis = FunnelAnalysis.remembered(session.workspace, rows: rows, now: session.now)
        var table: [[TableValue]] = analysis.cohorts.map { cohort in
            [.text("\(cohort.from)->\(cohort.to)"), .number(Double(cohort.reachedFrom)), .number(Double(cohort.reachedTo)),
             cohort.rate.map { .percent($0) } ?? .null, .number(Double(cohort.inProgress)),
             .number(Double(cohort.droppedOut)), cohort.decidedRate.map { .percent($0) } ?? .null]
        }
        if let first = analysis.stages.first?.stage, let last = analysis.stages.last?.stage, let overall = analysis.rate(from: first, to: last) {
            table.append([.text("\(first)->\(last)"), .number(Double(overall.reachedFrom)), .number(Double(overall.reachedTo)),
                          overall.rate.map { .percent($0) } ?? .null, .number(Double(overall.inProgress)),
                          .number(Double(overall.droppedOut)), overall.decidedRate.map { .percent($0) } ?? .null])
        }
        let assumed = RateCommand.assumed(in: session.workspace)
        let footer = assumed.isEmpty ? nil : "assumed: " + assumed.map { "\($0.from)->\($0.to) \(Percent.format($0.value))" }.joined(separator: ", ")
        return .table(Table(columns: ["step", "reached", "went on", "rate", "in progress", "dropped", "decided"], rows: table, footer: footer))
    }
}
