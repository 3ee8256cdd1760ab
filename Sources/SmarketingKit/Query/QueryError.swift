/// Why a query expression could not be parsed or checked, and where in its text.
/// Worded here, in one place; the shell draws the caret.
public struct QueryError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Problem: Sendable, Equatable {
        case unterminatedString
        case unexpected(found: String, expected: String)
        case badNumber(String)
        case tooLarge(String)
        case badDate(String)
        case unknownField(String, suggestion: String?)
        case unknownValue(field: String, value: String, suggestion: String?)
        case typeMismatch(field: String, fieldType: QueryType, value: String, valueType: QueryType)
        case operatorNotAllowed(op: String, field: String, fieldType: QueryType)
        case undefinedVariable(String, suggestion: String?)
        case recursivePersona(String)
        case tooComplex(String)
        case scoringCycle(String)
        case sideStageOrder(stage: String, op: String)
        case emptyRange(low: String, high: String)
        case badScoringRule(number: Int, rule: String, reason: String)
    }

    public var problem: Problem
    /// Character offsets in the expression text.
    public var range: Range<Int>

    public init(_ problem: Problem, at range: Range<Int>) {
        self.problem = problem
        self.range = range
    }

    /// The same error moved by `offset` characters (the expression sat inside a command).
    public func shifted(by offset: Int) -> QueryError {
        QueryError(problem, at: (range.lowerBound + offset)..<(range.upperBound + offset))
    }

    public var description: String {
        func hint(_ s: String?) -> String { s.map { " — did you mean '\($0)'?" } ?? "" }
        switch problem {
        case .unterminatedString:
            return "unterminated string: add the closing quote"
        case .unexpected(let found, let expected):
            return "unexpected \(found), expected \(expected)"
        case .badNumber(let word):
            return "'\(word)' is not a number (write 12, 1.5k, 2m, 35% or a duration such as 7d or 24h)"
        case .tooLarge(let word):
            return "\(word) is too large a number (smk takes numbers up to 1e15)"
        case .badDate(let word):
            return "'\(word)' is not a date (write 2026-10-01 or 2026-10-01T09:00:00Z)"
        case .unknownField(let name, let suggestion):
            return "no field '\(name)'" + hint(suggestion)
        case .unknownValue(let field, let value, let suggestion):
            return "no \(field) '\(value)'" + hint(suggestion)
        case .typeMismatch(let field, let fieldType, let value, let valueType):
            return "\(field) is \(fieldType.phrase), but \(value) is \(valueType.phrase)"
        case .operatorNotAllowed(let op, let field, let fieldType):
            return "'\(op)' does not apply to \(field), which is \(fieldType.phrase)"
        case .undefinedVariable(let name, let suggestion):
            return "undefined variable $\(name)" + hint(suggestion.map { "$" + $0 })
        case .tooComplex(let what):
            return "the expression is too complex: \(what)"
        case .sideStageOrder(let stage, let op):
            return "\(stage) is a side stage, outside the funnel order, so 'stage \(op) \(stage)' holds for no lead; use stage = \(stage)"
        case .emptyRange(let low, let high):
            return "between \(low) and \(high) holds for nothing: \(low) is above \(high); write the smaller first (between \(high) and \(low))"
        case .scoringCycle(let field):
            return field == "persona"
                ? "a fit rule cannot use persona: a persona's criteria may use the score, which would go round in circles"
                : "a fit rule cannot use \(field): fit, interest, score and quadrant are computed from the scoring rules"
        case .badScoringRule(let number, let rule, let reason):
            return "scoring rule \(number) (\(rule)) is broken: \(reason); see score rules"
        case .recursivePersona(let name):
            return "the criteria of persona '\(name)' use persona, which would never end"
        }
    }
}
