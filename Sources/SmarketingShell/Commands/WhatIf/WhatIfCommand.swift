import Foundation
import SmarketingKit

/// `whatif`: plan backwards from a revenue target, or see what a better rate would bring.
public enum WhatIfCommand: ShellCommand {
    public static let name = "whatif"
    public static let group = CommandGroup.whatIf
    public static let summary = "plan back from a revenue target, or see what a changed rate brings"
    public static let usage = "whatif target AMOUNT [over DURATION] [deal AMOUNT] [rate A->B P%]… | whatif rate A->B P% [deal AMOUNT]"
    public static let details = """
        Backwards: customers = ⌈target ÷ deal⌉, and each earlier stage = ⌈next stage ÷ rate⌉,
        rounded up at every step, compared with the leads in each stage now (the gap).
        Rates given here win over assumed ones (rate A->B P%), which win over the rates
        measured from the leads' history. The deal size defaults to the average value of
        won customers. With over 90d the target is for the next 90 days, and each stage's
        need is compared with what it took in over the last 90 days (from the leads'
        history); without over it is compared with the leads in each stage now, and the
        output says so. Forwards: the customers and revenue the pipeline is expected to
        bring with the measured rates, and with the changed one, side by side.
        """
    public static let examples = ["whatif target 10000 deal 1000 rate lead->customer 2%", "whatif target 500k", "whatif target 1m over 90d",
                                  "whatif rate mql->sal 80%"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        var target: Double?
        var deal: Double?
        var rates: [WhatIf.Rate] = []
        var period: Double?
        while !arguments.isAtEnd {
            if arguments.take("target") { target = try amount(&arguments, "a revenue target such as 10000 or 500k") }
            else if arguments.take("over") { period = try SlaCommand.duration(&arguments, "a period such as 90d") }
            else if arguments.take("deal") { deal = try amount(&arguments, "a deal size such as 1000 or 12k") }
            else if arguments.take("rate") {
                let (from, to) = try RateCommand.parseStep(try arguments.text("a step such as lead->customer"), in: session, usage: usage)
                rates.append(WhatIf.Rate(from: from, to: to, value: try RateCommand.parseRate(try arguments.text("a rate such as 2%"), usage: usage)))
            } else if let token = arguments.peek {
                throw arguments.unexpected(token, expected: "target, over, deal or rate")
            }
        }
        let workspace = session.workspace
        let analysis = try FunnelCommand.analysis(of: Array(0..<workspace.leads.count), session: session)
        let dealSize = deal ?? workspace.leads.remembered("averageDeal", key: AnalysisKey(workspace)) { averageDeal(in: workspace) }
        let currency = workspace.currency.map { " " + $0 } ?? ""
        if let target {
            guard let dealSize else { throw .refused(WhatIf.PlanError.noDealSize.description) }
            let plan: WhatIf.Plan
            do {
                plan = try WhatIf.backward(target: target, deal: dealSize, rates: rates, assumed: RateCommand.assumed(in: workspace),
                                           measured: analysis, stages: analysis.stages.map(\.stage))
            } catch { throw .refused(error.description) }
            // Like with like: over a period, what each stage took in over the last period of
            // that length; without one, the leads in each stage now.
            var intake: [String: Int]?
            if let period {
                intake = FunnelIntake.measure(workspace, from: session.now.addingTimeInterval(-period), to: session.now,
                                              isInterrupted: { session.isInterrupted() })
                if intake == nil { throw .interrupted }
            }
            // Without a period the last stage's leads now are customers already won: the
            // target asks for new ones, so they are not subtracted from it.
            let lastStage = plan.steps.last?.stage
            let won = intake == nil ? plan.steps.last?.now ?? 0 : 0
            let rows: [[TableValue]] = plan.steps.map { step in
                let alreadyWon = intake == nil && step.stage == lastStage
                let have = alreadyWon ? 0 : intake.map { $0[step.stage] ?? 0 } ?? step.now
                let gap = step.needed.map { max(0, $0 - have) }
                return [.text(step.stage), TableValue(step.needed), alreadyWon ? .missing("–") : .number(Double(have)), TableValue(gap),
                        step.rate.map { .percent($0) } ?? .null, TableValue(step.rateSource)]
            }
            let customers = plan.steps.last?.needed ?? 0
            var footer = "target \(money(target))\(currency) at \(money(dealSize))\(currency) a customer: \(money(Double(customers))) customers"
            if let period {
                let days = NumberText.format((period / 86_400 * 10).rounded() / 10)
                footer += " in the next \(days) days; took in: what each stage took in over the last \(days) days "
                    + "(\(Timestamp.formatShort(session.now.addingTimeInterval(-period))) to \(Timestamp.formatShort(session.now)))"
            } else {
                footer += "; no period given: compared with the leads in each stage now (over 90d compares with what each stage took in over the last 90 days)"
                if won > 0, let lastStage {
                    footer += won == 1 ? "; the 1 lead already in \(lastStage) does not count toward it"
                        : "; the \(Thousands.format(Double(won))) leads already in \(lastStage) do not count toward it"
                }
            }
            if let missing = plan.missingRate {
                footer += "; no rate for \(missing.from)->\(missing.to) (none measured): give one with rate \(missing.from)->\(missing.to) P%"
            }
            return .table(Table(columns: ["stage", "needed", period == nil ? "now" : "took in", "gap", "rate on", "rate from"], rows: rows,
                                footer: footer, stageColumns: [0]))
        }
        guard !rates.isEmpty else { throw .missing(expected: "target AMOUNT or rate A->B P%", usage: usage, SourceRange(arguments.text.count, arguments.text.count + 1)) }
        let assumed = RateCommand.assumed(in: workspace)
        let before = WhatIf.expectedCustomers(analysis, overrides: assumed)
        let after = WhatIf.expectedCustomers(analysis, overrides: assumed + rates)
        var rows: [[TableValue]] = []
        for rate in rates {
            let measured = analysis.rate(from: rate.from, to: rate.to)?.rate
            rows.append([.text("rate \(rate.from)->\(rate.to)"), measured.map { .percent($0) } ?? .null,
                         .percent(rate.value), measured.map { .text(signedPoints(rate.value - $0)) } ?? .null])
        }
        let round1 = { (x: Double) in (x * 10).rounded() / 10 }
        rows.append([.text("new customers expected"), .number(round1(before)), .number(round1(after)), .number(round1(after - before))])
        if let dealSize {
            rows.append([.text("new revenue expected\(currency)"), .number((before * dealSize).rounded()), .number((after * dealSize).rounded()),
                         .number(((after - before) * dealSize).rounded())])
        }
        return .table(Table(columns: ["", "now", "what if", "difference"], rows: rows,
                            footer: "from the \(Thousands.format(workspace.leads.count)) leads in the pipeline now" + (dealSize.map { ", \(money($0))\(currency) a customer" } ?? "")))
    }

    static func amount(_ arguments: inout Arguments, _ expected: String) throws(ShellError) -> Double {
        let token = try arguments.text(expected)
        guard case .number(let value) = try LetCommand.literal(token), value > 0 else {
            throw .notANumber(token.text, what: expected, token.range)
        }
        return value
    }

    /// The average value of the leads that became customers.
    static func averageDeal(in workspace: Workspace) -> Double? {
        guard let customer = workspace.funnel.stages.last(where: { !$0.isSide })?.id else { return nil }
        let leads = workspace.leads
        // The value from its column: a million leads' customers are not decoded.
        guard let valueField = LeadField.named("value") else { return nil }
        let environment = QueryEnvironment(workspace: workspace, now: Date())
        let values = (0..<leads.count).filter { leads.stage(at: $0) == customer }
            .compactMap { leads.value(of: valueField, at: $0, in: environment).numberValue }
        guard !values.isEmpty else { return nil }
        return (values.reduce(0, +) / Double(values.count)).rounded()
    }

    static func money(_ value: Double) -> String {
        guard value.isFinite, abs(value) < 1e15 else { return NumberText.format(value) }
        let whole = Int(value.rounded())
        var digits = String(abs(whole))
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits = String(digits.dropLast(3))
        }
        return (whole < 0 ? "-" : "") + digits + grouped
    }

    static func signedPoints(_ difference: Double) -> String {
        let points = (difference * 1000).rounded() / 10
        return (points >= 0 ? "+" : "") + NumberText.format(points) + " pts"
    }
}
