import Foundation

/// An expression seen as the clauses a person wrote, so a refusal can name the one that
/// failed ("attempts >= 1 is false (attempts = 0)") instead of the whole rule.
extension Expr {
    /// The top-level `and` clauses, left to right.
    public var conjuncts: [Expr] {
        if case .and(let left, let right) = self { return left.conjuncts + right.conjuncts }
        return [self]
    }

    /// The span of text the expression was parsed from (parentheses aside).
    public var span: Range<Int> {
        switch self {
        case .and(let a, let b), .or(let a, let b):
            // Each side once: reading `a.span` twice made a chain of n `or`s cost 2^n.
            let left = a.span, right = b.span
            return min(left.lowerBound, right.lowerBound)..<max(left.upperBound, right.upperBound)
        case .not(let a):
            return a.span
        case .compare(let field, _, let operand):
            return field.range.lowerBound..<operand.range.upperBound
        case .isIn(let field, let operands, _):
            return field.range.lowerBound..<((operands.last?.range.upperBound).map { $0 + 1 } ?? field.range.upperBound)
        case .between(let field, _, let high):
            return field.range.lowerBound..<high.range.upperBound
        case .isNone(let field, let negated):
            return field.range.lowerBound..<(field.range.upperBound + (negated ? 12 : 8))
        }
    }

    /// The fields the expression reads, in order of appearance.
    public var fieldNames: [String] {
        switch self {
        case .and(let a, let b), .or(let a, let b): return a.fieldNames + b.fieldNames
        case .not(let a): return a.fieldNames
        case .compare(let f, _, _), .isIn(let f, _, _), .between(let f, _, _), .isNone(let f, _): return [f.name]
        }
    }
}

/// A rule made of clauses (a stage's entry rule, a persona's criteria), checked for one
/// lead at a time, clause by clause.
public struct EntryRule {
    public let stage: String
    public let text: String
    private let clauses: [(text: String, holds: LeadPredicate, fields: [LeadField])]

    /// Compiles `text` (the stage's `entry`) once; fails with the rule's own error.
    public init(stage: String, text: String, environment: QueryEnvironment) throws(QueryError) {
        self.stage = stage
        self.text = text
        let expr = try ExpressionParser.parse(text)
        let characters = Array(text)
        let conjuncts = expr.conjuncts
        let starts = conjuncts.map { $0.span.lowerBound }
        var clauses: [(String, LeadPredicate, [LeadField])] = []
        for (i, clause) in conjuncts.enumerated() {
            // A clause's text runs to the next clause's start, less the `and` between them.
            let end = i + 1 < starts.count ? starts[i + 1] : characters.count
            var clauseText = String(characters[max(0, starts[i])..<min(characters.count, max(starts[i], end))])
                .trimmingCharacters(in: .whitespaces)
            if i + 1 < starts.count, clauseText.lowercased().hasSuffix("and") {
                clauseText = String(clauseText.dropLast(3)).trimmingCharacters(in: .whitespaces)
            }
            while clauseText.hasSuffix(")"), clauseText.filter({ $0 == ")" }).count > clauseText.filter({ $0 == "(" }).count {
                clauseText = String(clauseText.dropLast()).trimmingCharacters(in: .whitespaces)
            }
            let predicate = try QueryCompiler.compile(clause, in: environment)
            clauses.append((clauseText, predicate, clause.fieldNames.compactMap(LeadField.named)))
        }
        self.clauses = clauses
        self.environment = environment
    }

    private let environment: QueryEnvironment

    /// Whether every clause holds for the lead: `refusal` without the words (what an
    /// import counts over a million rows).
    public func admits(_ lead: Lead) -> Bool {
        clauses.allSatisfy { $0.holds(lead) }
    }

    /// Nil when the lead may enter; otherwise the first failing clause and the values it
    /// saw: "attempts >= 1 is false (attempts = 0)".
    public func refusal(for lead: Lead) -> String? {
        guard let failed = check(lead).first(where: { !$0.holds }) else { return nil }
        return "\(failed.text) is false" + (failed.values.isEmpty ? "" : " (\(failed.values))")
    }

    /// Every clause, whether it holds for the lead, and the values it read ("fit = 42").
    public func check(_ lead: Lead) -> [(text: String, holds: Bool, values: String)] {
        clauses.map { clause in
            let values = clause.fields.map { "\($0.name) = \(describe($0.value(of: lead, in: environment)))" }
            return (clause.text, clause.holds(lead), values.joined(separator: ", "))
        }
    }

    private func describe(_ value: QueryValue) -> String {
        if case .text(let text) = value { return text }
        return value.description
    }
}
