import Foundation

/// The workspace's scoring rules compiled for one query environment.
///
/// When rules exist, a lead's fit is the sum of the points of the fit rules it meets and
/// its interest the decayed points of its activities, each clamped to 0–100; without
/// rules the stored values stand. Both paths read from here, the per-lead one (edited
/// leads, `score ID`) and the column one (a million loaded leads in one pass), and they
/// add the same numbers in the same order, so they agree to the last bit.
final class ScoringEngine {
    struct CompiledFitRule {
        let number: Int
        let rule: Scoring.FitRule
        let query: RowQuery
        /// True when the rule reads the clock or a variable.
        let dependsOnContext: Bool
    }

    let scoring: Scoring
    let fitRules: [CompiledFitRule]
    /// Interest rules by activity type (lower-cased), with their numbers (which follow
    /// the fit rules', as `score rules` lists them).
    let interestRules: [String: [(number: Int, rule: Scoring.InterestRule)]]
    /// Rules that did not compile, by number: reported to queries that use the scores,
    /// skipped everywhere else so a table can still be drawn.
    let problems: [(number: Int, rule: String, error: QueryError)]
    private let now: Double
    private let stages: [String]
    private var cached: (table: LeadTable, fit: [Double]?, interest: [Double]?)?

    /// The fields computed from the rules, which fit rules therefore cannot use.
    static let dependentFields: Set<String> = ["fit", "interest", "score", "quadrant", "persona"]

    init(environment: QueryEnvironment) {
        let scoring = environment.workspace.scoring
        self.scoring = scoring
        now = environment.now.timeIntervalSinceReferenceDate
        stages = environment.workspace.funnel.ids
        var compiled: [CompiledFitRule] = []
        var problems: [(Int, String, QueryError)] = []
        // The rules' closures keep the environment they were compiled in; a fresh one
        // (fit rules use no cache of it) keeps them from holding on to `environment`,
        // which holds this engine: no cycle, so a command's caches go when it ends.
        let rulesEnvironment = environment.fresh()
        for (i, rule) in scoring.fit.enumerated() {
            do throws(QueryError) {
                let (query, dependsOnContext) = try QueryCompiler.compileScoringRule(rule.when, in: rulesEnvironment)
                compiled.append(CompiledFitRule(number: i + 1, rule: rule, query: query, dependsOnContext: dependsOnContext))
            } catch {
                problems.append((i + 1, rule.when, error))
            }
        }
        fitRules = compiled
        self.problems = problems
        var byType: [String: [(Int, Scoring.InterestRule)]] = [:]
        for (i, rule) in scoring.interest.enumerated() {
            byType[rule.activity.lowercased(), default: []].append((scoring.fit.count + i + 1, rule))
        }
        interestRules = byType
    }

    // MARK: - One lead

    func fit(of lead: Lead) -> Double? {
        guard scoring.derivesFit else { return lead.fit }
        var total = 0.0
        for rule in fitRules where rule.query.predicate(lead) { total += rule.rule.points }
        return Scoring.clampTotal(total)
    }

    func interest(of lead: Lead) -> Double? {
        guard scoring.derivesInterest else { return lead.interest }
        var total = 0.0
        for activity in lead.activities {
            guard let rules = interestRules[activity.type.lowercased()] else { continue }
            let age = now - activity.at.timeIntervalSinceReferenceDate
            // Not yet happened at the session's clock (a replayed review): nothing yet.
            guard age >= 0 else { continue }
            for (_, rule) in rules { total += rule.points(atAge: age) }
        }
        return Scoring.clampTotal(total)
    }

    func card(of lead: Lead, quadrant: (Double?, Double?) -> Quadrant) -> ScoreCard {
        var fitLines: [ScoreCard.FitLine] = []
        var fitTotal = 0.0
        for rule in fitRules {
            let holds = rule.query.predicate(lead)
            if holds { fitTotal += rule.rule.points }
            fitLines.append(.init(rule: rule.number, when: rule.rule.when, points: rule.rule.points, holds: holds))
        }
        var interestLines: [ScoreCard.InterestLine] = []
        var interestTotal = 0.0
        var uncounted = 0, later = 0
        for activity in lead.activities {
            let age = now - activity.at.timeIntervalSinceReferenceDate
            guard age >= 0 else { later += 1; continue }
            guard let rules = interestRules[activity.type.lowercased()] else { uncounted += 1; continue }
            for (number, rule) in rules {
                interestTotal += rule.points(atAge: age)
                let kept = rule.halflife.map { Scoring.InterestRule.decay(age: age, halflifeDays: $0) } ?? 1
                interestLines.append(.init(rule: number, activity: activity.type, at: activity.at, points: rule.points,
                                           halflife: rule.halflife, kept: kept))
            }
        }
        let fit = scoring.derivesFit ? Scoring.clampTotal(fitTotal) : lead.fit
        let interest = scoring.derivesInterest ? Scoring.clampTotal(interestTotal) : lead.interest
        return ScoreCard(fitLines: fitLines, interestLines: interestLines, uncounted: uncounted, later: later,
                         fitDerived: scoring.derivesFit, interestDerived: scoring.derivesInterest,
                         fitTotal: fitTotal, interestTotal: interestTotal, fit: fit, interest: interest,
                         score: scoring.score(fit: fit, interest: interest), quadrant: quadrant(fit, interest))
    }

    // MARK: - Columns

    /// Derived fit per table row (NaN never: a lead meeting no rule has 0), or nil when
    /// fit is not derived and the stored column stands.
    func fitColumn(_ table: LeadTable) -> [Double]? {
        guard scoring.derivesFit else { return nil }
        if let cached, cached.table === table, let fit = cached.fit { return fit }
        let compute = { [fitRules] in
            var total = [Double](repeating: 0, count: table.count)
            for rule in fitRules {
                let points = rule.rule.points
                for row in rule.query.plan.evaluate(table).rows { total[row] += points }
            }
            return total.map(Scoring.clampTotal)
        }
        // Kept with the table for the next query, unless a rule reads the clock or a
        // variable, or one did not compile (then the rules seen here are not the rules).
        let keepable = problems.isEmpty && !fitRules.contains(where: \.dependsOnContext)
        let fit = keepable ? table.derived.fit(for: .init(rules: scoring.fit, stages: stages), compute: compute) : compute()
        remember(table, fit: fit)
        return fit
    }

    /// Derived interest per table row, from the activity columns, or nil when interest
    /// is not derived.
    func interestColumn(_ table: LeadTable) -> [Double]? {
        guard scoring.derivesInterest else { return nil }
        if let cached, cached.table === table, let interest = cached.interest { return interest }
        let interest = table.derived.interest(for: .init(rules: scoring.interest, now: now)) { computeInterest(table) }
        remember(table, interest: interest)
        return interest
    }

    private func computeInterest(_ table: LeadTable) -> [Double] {
        let columns = table.columns
        let rulesOfCode: [[Scoring.InterestRule]] = columns.activityTypes.values.map { type in
            (interestRules[type.lowercased()] ?? []).map(\.rule)
        }
        var interest = [Double](repeating: 0, count: table.count)
        columns.activityTypes.codes.withUnsafeBufferPointer { codes in
            columns.activityAt.withUnsafeBufferPointer { at in
                for row in 0..<table.count {
                    var total = 0.0
                    for k in columns.activityRange(of: row) {
                        let code = codes[k]
                        let age = now - at[k]
                        guard code != CategoryColumn.none, age >= 0 else { continue }
                        for rule in rulesOfCode[Int(code)] { total += rule.points(atAge: age) }
                    }
                    interest[row] = Scoring.clampTotal(total)
                }
            }
        }
        return interest
    }

    private func remember(_ table: LeadTable, fit: [Double]? = nil, interest: [Double]? = nil) {
        if let cached, cached.table === table {
            self.cached = (table, fit ?? cached.fit, interest ?? cached.interest)
        } else {
            cached = (table, fit, interest)
        }
    }
}
