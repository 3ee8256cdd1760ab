import Foundation

/// A value in a query: what a literal, a `$variable` or a field of a lead evaluates to.
public enum QueryValue: Sendable, Hashable, CustomStringConvertible {
    case none
    case number(Double)
    case text(String)
    case date(Date)
    /// A length of time in seconds (`7d`, `24h`).
    case duration(Double)
    case list([String])
    case bool(Bool)

    public var description: String {
        switch self {
        case .none: "none"
        case .number(let n): NumberText.format(n)
        case .text(let t): "'\(t)'"
        case .date(let d): Timestamp.format(d).hasSuffix("T00:00:00Z") ? Timestamp.formatDay(d) : Timestamp.format(d)
        case .duration(let s): QueryValue.formatDuration(s)
        case .list(let items): "(" + items.map { "'\($0)'" }.joined(separator: ", ") + ")"
        case .bool(let b): b ? "true" : "false"
        }
    }

    /// `7d`, `36h`, `45m`: the largest whole unit that fits, as people write them.
    public static func formatDuration(_ seconds: Double) -> String {
        let s = abs(seconds)
        let sign = seconds < 0 ? "-" : ""
        if s >= 86_400 { return sign + NumberText.format((s / 86_400 * 10).rounded() / 10) + "d" }
        if s >= 3600 { return sign + NumberText.format((s / 3600 * 10).rounded() / 10) + "h" }
        return sign + NumberText.format((s / 60).rounded()) + "min"
    }

    /// The kind of value, for type errors ("fit is a number, not text").
    public var kind: QueryType? {
        switch self {
        case .none: nil
        case .number: .number
        case .text: .text
        case .date: .date
        case .duration: .duration
        case .list: .list
        case .bool: .bool
        }
    }
}

/// The types fields and values have.
public enum QueryType: String, Sendable, Hashable {
    case number, text, date, duration, list, stage, bool
    /// A custom field (`fields.x`): its type is whatever each lead holds.
    case any

    /// "a number", "text", … for messages.
    public var phrase: String {
        switch self {
        case .number: "a number"
        case .text: "text"
        case .date: "a date"
        case .duration: "a duration"
        case .list: "a list"
        case .stage: "a stage"
        case .bool: "true or false"
        case .any: "any value"
        }
    }
}
