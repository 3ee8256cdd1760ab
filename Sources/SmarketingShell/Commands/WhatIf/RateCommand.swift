import SmarketingKit

/// `rate A->B P%`: an assumed conversion rate, kept in the workspace, used by `whatif`
/// instead of the measured one.
public enum RateCommand: ShellCommand {
    public static let name = "rate"
    public static let group = CommandGroup.whatIf
    public static let summary = "assume a conversion rate (kept in the workspace) for whatif, or drop it"
    public static let usage = "rate A->B P% | rate A->B none"
    public static let details = """
        Assumed rates stand in for the measured ones in whatif (a rate given on the whatif
        line wins over both). In a scenario, the assumption stays in the scenario.
        """
    public static let examples = ["rate mql->sal 60%; rates; undo"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        let step = try arguments.text("a step such as mql->sal")
        let (from, to) = try parseStep(step, in: session)
        let valueToken = try arguments.text("a rate such as 35%, or none")
        try arguments.finish()
        var rates = session.workspace.rates
        let key = "\(from)->\(to)"
        if valueToken.text.lowercased() == "none" {
            guard rates[key] != nil else { return .message("no assumed rate for \(key)") }
            rates[key] = nil
        } else {
            let value = try parseRate(valueToken)
            rates[key] = .number(value)
        }
        try session.apply(.setRates(rates), summary: "rate \(key)")
        return .message(rates[key].flatMap(\.doubleValue).map { "assumed \(key) \(Percent.format($0))" } ?? "dropped the assumed rate \(key)")
    }

    /// `A->B` as two ordered stage ids, A before B.
    static func parseStep(_ token: Token, in session: Session, usage: String = RateCommand.usage) throws(ShellError) -> (String, String) {
        let parts = token.text.components(separatedBy: "->")
        let funnel = session.workspace.funnel
        guard parts.count == 2 else {
            throw .unexpected(found: "'\(token.text)'", expected: "a step such as lead->mql", usage: usage, token.range)
        }
        var ids: [String] = []
        for part in parts {
            guard let id = funnel.resolve(part), funnel.rank(of: id) != nil else {
                throw .noSuchStage(part, suggestion: Suggestion.nearest(to: part, in: funnel.stages.filter { !$0.isSide }.map(\.id)), token.range)
            }
            ids.append(id)
        }
        guard let a = funnel.rank(of: ids[0]), let b = funnel.rank(of: ids[1]), a < b else {
            throw .unexpected(found: "'\(token.text)'", expected: "a step forward in the funnel (\(ids[1]) comes before \(ids[0]))", usage: usage, token.range)
        }
        return (ids[0], ids[1])
    }

    /// `35%`, `0.35`: a rate above 0 and at most 1.
    static func parseRate(_ token: Token, usage: String = RateCommand.usage) throws(ShellError) -> Double {
        guard case .number(let value) = try LetCommand.literal(token), value > 0, value <= 1 else {
            throw .unexpected(found: "'\(token.text)'", expected: "a rate above 0% and at most 100% (35% or 0.35)", usage: usage, token.range)
        }
        return value
    }

    /// The workspace's assumed rates.
    static func assumed(in workspace: Workspace) -> [WhatIf.Rate] {
        workspace.rates.members.compactMap { member in
            let parts = member.key.components(separatedBy: "->")
            guard parts.count == 2, let value = member.value.doubleValue else { return nil }
            return WhatIf.Rate(from: parts[0], to: parts[1], value: value)
        }
    }
}
