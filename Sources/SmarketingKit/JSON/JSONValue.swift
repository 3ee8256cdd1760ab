/// A JSON value as it appeared in the file.
///
/// Numbers keep their source text and objects keep their key order, so a value the
/// program does not understand (an unknown key, a custom field) is written back exactly
/// as it was read.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// The number's text as written (`12000`, `1.5e3`), so it round-trips unchanged.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// A number value from a `Double`, written without a fraction when it is whole.
    public static func number(_ value: Double) -> JSONValue {
        .number(NumberText.format(value))
    }

    /// A number value from an `Int`.
    public static func number(_ value: Int) -> JSONValue {
        .number(String(value))
    }

    /// The value as a `Double`, when it is a number.
    public var doubleValue: Double? {
        if case .number(let text) = self { return Double(text) }
        return nil
    }

    /// The value as a `String`, when it is a string.
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// A short name of the value's kind, for error messages ("a string", "an array").
    public var kindDescription: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

/// One key and its value inside a JSON object.
public struct JSONMember: Sendable, Hashable {
    public var key: String
    public var value: JSONValue

    public init(_ key: String, _ value: JSONValue) {
        self.key = key
        self.value = value
    }
}

/// A JSON object that keeps its keys in the order they were written.
public struct JSONObject: Sendable, Hashable {
    public var members: [JSONMember]

    public init(_ members: [JSONMember] = []) {
        self.members = members
    }

    public var isEmpty: Bool { members.isEmpty }
    public var keys: [String] { members.map(\.key) }

    /// The value for `key`; setting `nil` removes the key, setting a new key appends it.
    public subscript(key: String) -> JSONValue? {
        get { members.first(where: { $0.key == key })?.value }
        set {
            if let index = members.firstIndex(where: { $0.key == key }) {
                if let newValue { members[index].value = newValue } else { members.remove(at: index) }
            } else if let newValue {
                members.append(JSONMember(key, newValue))
            }
        }
    }
}

/// Formatting of numbers the program computes (fit, value) for JSON and for display.
public enum NumberText {
    /// `72` for whole numbers, the shortest round-tripping decimal otherwise. Infinity
    /// and NaN, which no input lets in, would be `null` rather than invalid JSON (`inf`).
    public static func format(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        return "\(value)"
    }
}
