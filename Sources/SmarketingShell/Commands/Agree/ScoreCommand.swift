import Foundation
import SmarketingKit

/// `score`: the scoring rules both teams agree on, why a lead has its score, and whether
/// the score predicts conversion.
public enum ScoreCommand: ShellCommand {
    public static let name = "score"
    public static let group = CommandGroup.agree
    public static let summary = "scoring rules (add, drop, weights, high), why a lead scores what it does, and does the score predict?"
    public static let usage = """
        score ID | score rules | score rule add fit "EXPR" POINTS | score rule add interest ACTIVITY POINTS [halflife DURATION] \
        | score rule drop N | score weights fit W interest W | score high fit N interest N \
        | score check [where EXPR|@view] [against customer|FIELD]
        """
    public static let details = """
        Fit rules give points when their expression holds; interest rules give points for
        every activity of a type, halved every half-life so old engagement fades. When a
        workspace has fit (interest) rules, every lead's fit (interest) is the sum of its
        points, kept within 0–100, and stays current as activities are logged; without
        rules the stored values are used. score = fit × weight + interest × weight, and
        the high thresholds split the quadrant.
        score ID lists every rule, whether it held, and the decay applied; score alone lists
        the rules, as score rules does.
        score check compares the score with what happened to leads whose outcome is known:
        against customer (the default), a lead that reached customer converted and a lost
        one did not; against FIELD, a true, yes or non-zero value converted. It shows the
        conversion rate per score decile, the top decile's lift and the ROC AUC. Leads with
        equal scores stay in one decile, so when many share a score there are fewer, wider
        bands (numbered 1, 2, 3…; the title says so, and share is each band's part of the leads).
        """
    public static let examples = ["score L-000001", "score rules", "score check", "score check where source = webinar",
                                  "score rule add fit \"fields.erp = 'SAP'\" 10; score rules; undo",
                                  "score rule add interest meeting 5 halflife 30d; undo"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        // `score` alone: the rules, as DESIGN's `score [ID]` has it.
        guard let first = arguments.peek else { return rules(in: session) }
        switch first.kind == .word ? first.text.lowercased() : "" {
        case "rules":
            _ = try arguments.next("rules")
            try arguments.finish()
            return rules(in: session)
        case "rule":
            _ = try arguments.next("rule")
            return try rule(&arguments, in: session)
        case "weights", "high":
            _ = try arguments.next(first.text)
            return try pair(first.text.lowercased(), &arguments, in: session)
        case "check":
            _ = try arguments.next("check")
            return try check(&arguments, in: session)
        default:
            let subcommands = ["rules", "rule", "weights", "high", "check"]
            if first.kind == .word, session.workspace.leads.row(of: first.text) == nil,
               let near = Suggestion.nearest(to: first.text, in: subcommands) {
                throw .unexpected(found: "'\(first.text)'", expected: "a lead id, rules, rule, weights, high or check — did you mean '\(near)'?",
                                  usage: usage, first.range)
            }
            let ids = try arguments.leadIDs(in: session)
            try arguments.finish()
            let environment = session.queryEnvironment()
            let parts = ids.compactMap { session.workspace.leads[id: $0] }.map { explain($0, environment: environment, in: session) }
            return parts.count == 1 ? parts[0] : .many(parts)
        }
    }

    // MARK: - Rules

    static func rules(in session: Session) -> CommandResult {
        let scoring = session.workspace.scoring
        let environment = session.queryEnvironment()
        let broken = Dictionary(environment.scoringProblems.map { ($0.number, $0.reason) }, uniquingKeysWith: { a, _ in a })
        var rows: [[TableValue]] = []
        for (i, rule) in scoring.fit.enumerated() {
            var matching: TableValue = .null
            if broken[i + 1] == nil, let query = try? QueryCompiler.compileRows(rule.when, in: environment) {
                matching = .number(Double(query.rows(in: session.workspace.leads).count))
            }
            rows.append([.number(Double(i + 1)), .text("fit"), .text(broken[i + 1].map { rule.when + " ⚠ " + $0 } ?? rule.when),
                         .number(rule.points), .null, matching])
        }
        for (i, rule) in scoring.interest.enumerated() {
            rows.append([.number(Double(scoring.fit.count + i + 1)), .text("interest"), .text("each " + rule.activity),
                         .number(rule.points), rule.halflife.map { .text(NumberText.format($0) + "d") } ?? .null, .null])
        }
        let fitSource = scoring.derivesFit ? "fit from the rules" : "fit as stored (no fit rules)"
        let interestSource = scoring.derivesInterest ? "interest from the rules" : "interest as stored (no interest rules)"
        let footer = "score = fit × \(NumberText.format(scoring.fitWeight)) + interest × \(NumberText.format(scoring.interestWeight)); "
            + "high: fit ≥ \(NumberText.format(scoring.highFit)), interest ≥ \(NumberText.format(scoring.highInterest)); "
            + "\(fitSource), \(interestSource)"
        return .document(scoring.json, display: .table(Table(columns: ["#", "kind", "rule", "points", "halflife", "leads"],
                                                             rows: rows, footer: footer)))
    }

    static func rule(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        let action = try arguments.text("add or drop")
        var scoring = session.workspace.scoring
        switch action.text.lowercased() {
        case "add":
            let kind = try arguments.text("fit or interest")
            switch kind.text.lowercased() {
            case "fit":
                let expression = try arguments.text("the rule's expression in quotes")
                let points = try Self.points(&arguments)
                try arguments.finish()
                let offset = expression.range.start + (expression.kind == .string ? 1 : 0)
                do {
                    try QueryCompiler.checkScoringRule(expression.text, in: session.queryEnvironment())
                } catch {
                    throw .query(error.shifted(by: offset))
                }
                if let same = scoring.fit.firstIndex(where: { $0.when.trimmingCharacters(in: .whitespaces) == expression.text.trimmingCharacters(in: .whitespaces) }) {
                    throw .refused("fit rule \(same + 1) already gives points when \(expression.text); drop it first to change its points")
                }
                scoring.fit.append(.init(when: expression.text, points: points))
                if let proposed = try session.agree(.setScoring(scoring), summary: "score rule add fit \(expression.text) → \(NumberText.format(points))") { return proposed }
                return .message("added fit rule \(scoring.fit.count): \(expression.text) → \(NumberText.format(points)) points"
                                + unknownFieldsNote(expression.text, in: session))
            case "interest":
                let activity = try arguments.text("an activity type (\(LogCommand.types.joined(separator: ", ")))")
                let type = activity.text.lowercased()
                guard ActivityTypes.all(in: session.workspace).contains(type) || session.workspace.leads.count == 0 || knownActivity(type, in: session) else {
                    throw .unexpected(found: "'\(activity.text)'", expected: "an activity type (\(LogCommand.types.joined(separator: ", ")))"
                                      + (Suggestion.nearest(to: activity.text, in: LogCommand.types).map { " — did you mean '\($0)'?" } ?? ""),
                                      usage: usage, activity.range)
                }
                let points = try Self.points(&arguments)
                var halflife: Double?
                if let next = arguments.peek, !next.isKeyword("halflife") {
                    throw .unexpected(found: "'\(next.text)'", expected: "halflife DURATION or the end of the command"
                                      + (Suggestion.nearest(to: next.text, in: ["halflife"]).map { " — did you mean '\($0)'?" } ?? ""),
                                      usage: usage, next.range)
                }
                if arguments.take("halflife") {
                    let token = try arguments.text("a half-life such as 30d")
                    guard case .duration(let seconds) = try LetCommand.literal(token), seconds > 0 else {
                        throw arguments.unexpected(token, expected: "a half-life such as 30d or 12w")
                    }
                    halflife = seconds / 86_400
                }
                try arguments.finish()
                if let same = scoring.interest.firstIndex(where: { $0.activity.lowercased() == type }) {
                    throw .refused("rule \(scoring.fit.count + same + 1) already scores each \(type); drop it first to change it")
                }
                scoring.interest.append(.init(activity: type, points: points, halflife: halflife))
                if let proposed = try session.agree(.setScoring(scoring), summary: "score rule add interest \(type) → \(NumberText.format(points))") { return proposed }
                let fades = halflife.map { ", halved every \(NumberText.format($0)) days" } ?? ", never fading"
                return .message("added interest rule \(scoring.fit.count + scoring.interest.count): each \(type) → \(NumberText.format(points)) points\(fades)")
            default:
                throw arguments.unexpected(kind, expected: "fit or interest")
            }
        case "drop":
            let count = scoring.fit.count + scoring.interest.count
            guard count > 0 else { throw .refused("there are no scoring rules to drop") }
            let number = try arguments.integer("a rule number from score rules (1–\(count))", in: 1...count)
            try arguments.finish()
            let dropped: String
            if number <= scoring.fit.count {
                dropped = "fit rule \(number): " + scoring.fit.remove(at: number - 1).when
            } else {
                dropped = "interest rule \(number): each " + scoring.interest.remove(at: number - scoring.fit.count - 1).activity
            }
            if let proposed = try session.agree(.setScoring(scoring), summary: "score rule drop \(dropped)") { return proposed }
            let left = scoring.fit.isEmpty && scoring.interest.isEmpty ? "; no rules left, so the stored fit and interest count again" : ""
            return .message("dropped \(dropped)\(left)")
        default:
            throw arguments.unexpected(action, expected: "add or drop")
        }
    }

    /// A note naming custom fields the rule uses that no lead has (a typo, most likely).
    static func unknownFieldsNote(_ text: String, in session: Session) -> String {
        guard let expr = try? ExpressionParser.parse(text) else { return "" }
        let known = LeadField.names(in: session.workspace)
        let lowered = Set(known.map { $0.lowercased() })
        let missing = expr.fieldRefs.map(\.name).filter { $0.lowercased().hasPrefix("fields.") && !lowered.contains($0.lowercased()) }
        guard let first = missing.first else { return "" }
        let near = Suggestion.nearest(to: first, in: known.filter { $0.hasPrefix("fields.") })
        return "\nnote: no lead has \(first)" + (near.map { " — did you mean '\($0)'?" } ?? "; the rule matches nobody yet")
    }

    /// True when some lead has logged an activity of `type` (imported types are fair game).
    static func knownActivity(_ type: String, in session: Session) -> Bool {
        let leads = session.workspace.leads
        for row in 0..<min(leads.count, 5000) where leads[row].activities.contains(where: { $0.type.lowercased() == type }) { return true }
        return false
    }

    static func points(_ arguments: inout Arguments) throws(ShellError) -> Double {
        let token = try arguments.text("points, such as 20 or -10")
        guard !token.text.hasSuffix("%"), case .number(let value) = try LetCommand.literal(token), value.isFinite, abs(value) <= 100 else {
            throw arguments.unexpected(token, expected: "points from -100 to 100")
        }
        return value
    }

    /// `score weights fit 0.6 interest 0.4`, `score high fit 60 interest 40`.
    static func pair(_ which: String, _ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        var scoring = session.workspace.scoring
        var given: [String: Double] = [:]
        while !arguments.isAtEnd {
            let part = try arguments.text("fit or interest")
            let key = part.text.lowercased()
            guard key == "fit" || key == "interest", given[key] == nil else { throw arguments.unexpected(part, expected: "fit or interest") }
            let token = try arguments.text(which == "weights" ? "a weight such as 0.5" : "a threshold from 0 to 100")
            guard case .number(let value) = try LetCommand.literal(token), value >= 0, value <= (which == "weights" ? 1 : 100) else {
                throw arguments.unexpected(token, expected: which == "weights" ? "a weight from 0 to 1" : "a threshold from 0 to 100")
            }
            given[key] = value
        }
        guard !given.isEmpty else { _ = try arguments.text("fit or interest"); return .none }
        if which == "weights" {
            scoring.fitWeight = given["fit"] ?? scoring.fitWeight
            scoring.interestWeight = given["interest"] ?? scoring.interestWeight
        } else {
            scoring.highFit = given["fit"] ?? scoring.highFit
            scoring.highInterest = given["interest"] ?? scoring.highInterest
        }
        let said = given.keys.sorted().map { "\($0) \(NumberText.format(given[$0] ?? 0))" }.joined(separator: " ")
        if let proposed = try session.agree(.setScoring(scoring), summary: "score \(which) \(said)") { return proposed }
        let sum = scoring.fitWeight + scoring.interestWeight
        let note = abs(sum - 1) > 1e-9 ? " (the weights add up to \(NumberText.format(sum)), so scores run from 0 to \(NumberText.format(sum * 100)))" : ""
        return which == "weights"
            ? .message("score = fit × \(NumberText.format(scoring.fitWeight)) + interest × \(NumberText.format(scoring.interestWeight))" + note)
            : .message("high fit ≥ \(NumberText.format(scoring.highFit)), high interest ≥ \(NumberText.format(scoring.highInterest))")
    }

    // MARK: - One lead

    static func explain(_ lead: Lead, environment: QueryEnvironment, in session: Session) -> CommandResult {
        let card = environment.scoreCard(of: lead)
        let scoring = session.workspace.scoring
        var parts: [CommandResult] = []
        func number(_ value: Double?) -> String { value.map(NumberText.format) ?? "none" }
        let summary = Record(title: [lead.id, lead.name].compactMap { $0 }.joined(separator: " "), fields: [
            .init("score", TableValue(card.score)),
            .init("quadrant", .text(card.quadrant.rawValue)),
            .init("fit", .text(number(card.fit) + (card.fitDerived ? " (from the fit rules)" : " (stored; no fit rules)"))),
            .init("interest", .text(number(card.interest) + (card.interestDerived ? " (from the interest rules, on \(Timestamp.formatShort(environment.now)))" : " (stored; no interest rules)"))),
            .init("formula", .text("\(number(card.fit)) × \(NumberText.format(scoring.fitWeight)) + \(number(card.interest)) × \(NumberText.format(scoring.interestWeight)) = \(number(card.score))")),
        ])
        parts.append(.record(summary))
        if card.fitDerived {
            let clamp = card.fitTotal != card.fit ? " (\(NumberText.format(card.fitTotal)) kept within 0–100)" : ""
            parts.append(.table(Table(title: "fit rules", columns: ["#", "rule", "holds", "points"],
                                      rows: card.fitLines.map { [.number(Double($0.rule)), .text($0.when), .text($0.holds ? "✓" : "✗"),
                                                                 $0.holds ? .number($0.points) : .null] },
                                      footer: "fit \(number(card.fit))\(clamp)")))
        }
        if card.interestDerived {
            let clamp = Scoring.clampTotal(card.interestTotal) != Scoring.tenthsRounded(card.interestTotal) ? " (\(NumberText.format(Scoring.tenthsRounded(card.interestTotal))) kept within 0–100)" : ""
            let uncounted = (card.uncounted == 0 ? "" : card.uncounted == 1 ? "; 1 other activity counts nothing"
                : "; \(card.uncounted) other activities count nothing")
                + (card.later == 0 ? "" : "; \(card.later) after \(Timestamp.formatShort(environment.now)) not counted yet")
            parts.append(.table(Table(title: "interest rules", columns: ["#", "activity", "at", "points", "halflife", "kept", "earned"],
                                      rows: card.interestLines.map { line in
                                          [.number(Double(line.rule)), .text(line.activity), .date(line.at), .number(line.points),
                                           line.halflife.map { .text(NumberText.format($0) + "d") } ?? .null,
                                           .percent(line.kept), .number(Scoring.tenthsRounded(line.earned))]
                                      },
                                      footer: "interest \(number(card.interest))\(clamp)\(uncounted)")))
        }
        return .many(parts)
    }

    // MARK: - Check

    static func check(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        let selector = try LeadSelector.parse(&arguments, in: session, stops: ["against"])
        var outcomeField: LeadField?
        var against = "customer"
        if arguments.take("against") {
            let token = try arguments.text("customer or a field")
            against = token.text
            if token.text.lowercased() != "customer" {
                let custom = LeadField.names(in: session.workspace).filter { $0.hasPrefix("fields.") }
                guard token.text.lowercased().hasPrefix("fields."), custom.contains(where: { $0.lowercased() == token.text.lowercased() }),
                      let field = LeadField.named(token.text) else {
                    let near = Suggestion.nearest(to: token.text, in: custom + custom.map { String($0.dropFirst(7)) })
                        .map { $0.hasPrefix("fields.") ? $0 : "fields." + $0 }
                    throw .unexpected(found: "'\(token.text)'", expected: "customer or a custom field holding the outcome (fields.NAME)"
                                      + (near.map { " — did you mean '\($0)'?" } ?? ""), usage: usage, token.range)
                }
                outcomeField = field
            }
        }
        try arguments.finish()
        let environment = session.queryEnvironment()
        let rows = try selector.rows(in: session, environment: environment)
        let leads = session.workspace.leads
        guard let scoreField = LeadField.named("score") else { return .none }
        let customerRank = session.workspace.funnel.rank(of: "customer")
        var samples: [(score: Double, converted: Bool)] = []
        var unknown = 0, unscored = 0
        samples.reserveCapacity(rows.count)
        for (index, row) in rows.enumerated() {
            if index & 0xFFF == 0, session.isInterrupted() { throw .interrupted }
            let outcome: Bool?
            if let outcomeField {
                outcome = truth(leads.value(of: outcomeField, at: row, in: environment))
            } else {
                let stage = leads.stage(at: row)
                if stage == "lost" { outcome = false }
                else if let customerRank, let rank = session.workspace.funnel.rank(of: stage), rank >= customerRank { outcome = true }
                else { outcome = nil }
            }
            guard let outcome else { unknown += 1; continue }
            guard case .number(let score) = leads.value(of: scoreField, at: row, in: environment) else { unscored += 1; continue }
            samples.append((score, outcome))
        }
        let result = ScoreCheck(samples)
        guard result.leads > 0 else {
            // Say which of the two is missing: Olist's 842 customers have an outcome and
            // no score (no rules yet), which the count of unknowns alone left unsaid.
            let noScore = unscored > 0
                ? "; \(Thousands.format(unscored)) with an outcome have no score (no fit or interest value, nor rules to give one: score rule add fit \"EXPR\" POINTS)"
                : ""
            if outcomeField != nil, unscored == 0 {
                throw .refused("no lead has a yes/no, true/false or number in \(against) (\(Thousands.format(unknown)) leads without an outcome), so nothing can be checked")
            }
            throw .refused("no lead with a known outcome and a score (\(Thousands.format(unknown)) without an outcome against \(against)"
                           + (outcomeField == nil ? ": neither customer nor lost" : "") + ")" + noScore)
        }
        // Bands are numbered in order, with no gap where ties emptied a decile, and each
        // says what share of the leads it holds: with ties they are not tenths.
        let rows2: [[TableValue]] = result.deciles.enumerated().map { band, d in
            [.number(Double(band + 1)), .text(scoreRange(d)), .number(Double(d.leads)), .share(d.leads, of: result.leads),
             .number(Double(d.converted)), .percent(d.rate), result.rate > 0 ? .number((d.rate / result.rate * 100).rounded() / 100) : .null]
        }
        var footer = "\(Thousands.format(result.leads)) lead\(result.leads == 1 ? "" : "s") with a known outcome (against \(against)), "
            + "\(Thousands.format(result.converted)) converted (\(Percent.format(result.rate)))"
        if result.deciles.isEmpty { footer += "; too few leads for deciles (10 or more)" }
        if let lift = result.topLift, let top = result.deciles.first {
            let name = result.tiesMerged ? "top band (\(Percent.format(top.leads, of: result.leads)) of the leads)" : "top decile"
            footer += "; \(name) lift \(NumberText.format((lift * 100).rounded() / 100))×"
        }
        footer += "; AUC " + (result.auc.map { NumberText.format(($0 * 1000).rounded() / 1000) } ?? "undefined (one outcome only)")
        if let auc = result.auc { footer += " (\(verdict(auc)))" }
        if unknown > 0 || unscored > 0 { footer += "; left out: \(Thousands.format(unknown)) without an outcome, \(Thousands.format(unscored)) without a score" }
        let document = JSONValue.object(JSONObject([
            JSONMember("against", .string(against)),
            JSONMember("leads", .number(Double(result.leads))), JSONMember("converted", .number(Double(result.converted))),
            JSONMember("withoutOutcome", .number(Double(unknown))), JSONMember("withoutScore", .number(Double(unscored))),
            JSONMember("auc", result.auc.map { .number($0) } ?? .null), JSONMember("topLift", result.topLift.map { .number($0) } ?? .null),
            JSONMember("tiesMerged", .bool(result.tiesMerged)),
            JSONMember("deciles", .array(result.deciles.enumerated().map { band, d in
                .object(JSONObject([JSONMember("band", .number(Double(band + 1))),
                                    JSONMember("decile", .number(Double(d.number))), JSONMember("lowest", .number(d.lowest)),
                                    JSONMember("highest", .number(d.highest)), JSONMember("leads", .number(Double(d.leads))),
                                    JSONMember("converted", .number(Double(d.converted)))]))
            })),
        ]))
        if result.deciles.isEmpty { return .document(document, display: .message(footer)) }
        let title = result.tiesMerged
            ? "conversion by score band (1 = highest; ties merged deciles into \(result.deciles.count) bands)"
            : "conversion by score decile (1 = highest scores; equal scores kept together)"
        return .document(document, display: .table(Table(title: title,
                                                         columns: [result.tiesMerged ? "band" : "decile", "score", "leads", "share",
                                                                   "converted", "rate", "lift"],
                                                         rows: rows2, footer: footer)))
    }

    /// A band's scores: `50–100`, or `40` when all its leads share one.
    static func scoreRange(_ d: ScoreCheck.Decile) -> String {
        d.lowest == d.highest ? NumberText.format(d.lowest) : NumberText.format(d.lowest) + "–" + NumberText.format(d.highest)
    }

    /// An outcome field's value as converted or not; nil when unknown.
    static func truth(_ value: QueryValue) -> Bool? {
        switch value {
        case .bool(let b): return b
        case .number(let n): return n != 0
        case .text(let t):
            switch t.lowercased() {
            case "yes", "true", "y", "1", "converted", "won": return true
            case "no", "false", "n", "0", "lost": return false
            default: return nil
            }
        default: return nil
        }
    }

    /// A plain reading of an AUC, so the number means something at the review.
    static func verdict(_ auc: Double) -> String {
        switch auc {
        case ..<0.5: "worse than a coin: the score points the wrong way"
        case ..<0.55: "no better than a coin"
        case ..<0.6: "barely better than a coin"
        case ..<0.7: "weak"
        case ..<0.8: "fair"
        case ..<0.9: "good"
        default: "strong"
        }
    }
}
