import Foundation

/// A field of a record that could not be read, and why. The caller adds the record.
public struct FieldFault: Error, Sendable, Equatable {
    /// The field's path inside the record: `stage`, `activities[2].at`.
    public var field: String
    public var problem: FieldProblem

    public init(field: String, problem: FieldProblem) {
        self.field = field
        self.problem = problem
    }

    func nested(in parent: String) -> FieldFault {
        if field.isEmpty { return FieldFault(field: parent, problem: problem) }
        return FieldFault(field: parent + (field.hasPrefix("[") ? "" : ".") + field, problem: problem)
    }
}

/// What is wrong with a field's value.
public enum FieldProblem: Sendable, Equatable {
    case missing
    case wrongType(expected: String, found: String)
    case notADate(String)
    case outOfRange(String, allowed: String)
    case notAStage(String, suggestion: String?)
    case notAVerdict(String)
    case empty
}

/// Reads the known keys of one JSON object and keeps the rest as `extra`.
struct FieldReader {
    let object: JSONObject
    private var used: Set<String> = []

    init(_ object: JSONObject) {
        self.object = object
    }

    init(_ value: JSONValue, field: String) throws(FieldFault) {
        guard case .object(let object) = value else {
            throw FieldFault(field: field, problem: .wrongType(expected: "an object", found: value.kindDescription))
        }
        self.object = object
    }

    /// The members that were not read, in their original order.
    var extra: JSONObject {
        JSONObject(object.members.filter { !used.contains($0.key) })
    }

    mutating func value(_ key: String) -> JSONValue? {
        used.insert(key)
        guard let value = object[key], value != .null else { return nil }
        return value
    }

    mutating func string(_ key: String) throws(FieldFault) -> String? {
        guard let value = value(key) else { return nil }
        guard case .string(let text) = value else {
            throw FieldFault(field: key, problem: .wrongType(expected: "a string", found: value.kindDescription))
        }
        return text
    }

    mutating func requiredString(_ key: String) throws(FieldFault) -> String {
        guard let text = try string(key) else { throw FieldFault(field: key, problem: .missing) }
        guard !text.isEmpty else { throw FieldFault(field: key, problem: .empty) }
        return text
    }

    mutating func number(_ key: String) throws(FieldFault) -> Double? {
        guard let value = value(key) else { return nil }
        guard let number = value.doubleValue, number.isFinite else {
            throw FieldFault(field: key, problem: .wrongType(expected: "a number", found: value.kindDescription))
        }
        return number
    }

    mutating func score(_ key: String) throws(FieldFault) -> Double? {
        guard let number = try number(key) else { return nil }
        guard (0...100).contains(number) else {
            throw FieldFault(field: key, problem: .outOfRange(NumberText.format(number), allowed: "0–100"))
        }
        return number
    }

    mutating func integer(_ key: String) throws(FieldFault) -> Int? {
        guard let number = try number(key) else { return nil }
        guard number == number.rounded(), number >= 0, number < 1e12 else {
            throw FieldFault(field: key, problem: .outOfRange(NumberText.format(number), allowed: "a whole number ≥ 0"))
        }
        return Int(number)
    }

    mutating func date(_ key: String) throws(FieldFault) -> Date? {
        guard let text = try string(key) else { return nil }
        guard let date = Timestamp.parse(text) else { throw FieldFault(field: key, problem: .notADate(text)) }
        return date
    }

    mutating func requiredDate(_ key: String) throws(FieldFault) -> Date {
        guard let date = try date(key) else { throw FieldFault(field: key, problem: .missing) }
        return date
    }

    mutating func strings(_ key: String) throws(FieldFault) -> [String] {
        guard let value = value(key) else { return [] }
        guard case .array(let elements) = value else {
            throw FieldFault(field: key, problem: .wrongType(expected: "a list of strings", found: value.kindDescription))
        }
        var result: [String] = []
        for (i, element) in elements.enumerated() {
            guard case .string(let text) = element else {
                throw FieldFault(field: "\(key)[\(i)]", problem: .wrongType(expected: "a string", found: element.kindDescription))
            }
            result.append(text)
        }
        return result
    }

    mutating func object(_ key: String) throws(FieldFault) -> JSONObject? {
        guard let value = value(key) else { return nil }
        guard case .object(let inner) = value else {
            throw FieldFault(field: key, problem: .wrongType(expected: "an object", found: value.kindDescription))
        }
        return inner
    }

    /// Reads an array of records with `read`, naming the element in any fault.
    mutating func records<T>(_ key: String, _ read: (JSONValue, String) throws(FieldFault) -> T) throws(FieldFault) -> [T] {
        guard let value = value(key) else { return [] }
        guard case .array(let elements) = value else {
            throw FieldFault(field: key, problem: .wrongType(expected: "a list", found: value.kindDescription))
        }
        var result: [T] = []
        result.reserveCapacity(elements.count)
        for (i, element) in elements.enumerated() {
            result.append(try read(element, "\(key)[\(i)]"))
        }
        return result
    }
}
