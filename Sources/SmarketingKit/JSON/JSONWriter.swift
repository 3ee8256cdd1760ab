/// Writes `JSONValue`s as UTF-8 bytes.
///
/// Two layouts: `compact` for one-record-per-line sections (a lead is one line, so a
/// diff of two saves shows which leads changed) and `pretty` for the small sections a
/// person may edit by hand.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []

    public init(reservingCapacity capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends raw ASCII/UTF-8 text (punctuation, indentation).
    public mutating func raw(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// Appends bytes that are already JSON (a lead's text copied from the file).
    mutating func append(_ json: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: json)
    }

    /// Appends one byte of JSON punctuation or spacing.
    mutating func appendByte(_ byte: UInt8) {
        bytes.append(byte)
    }

    /// Appends `value` on one line, with a space after `:` and `,` for readability.
    public mutating func compact(_ value: JSONValue) {
        switch value {
        case .null: raw("null")
        case .bool(let flag): raw(flag ? "true" : "false")
        case .number(let text): raw(text)
        case .string(let text): string(text)
        case .array(let elements):
            bytes.append(UInt8(ascii: "["))
            for (i, element) in elements.enumerated() {
                if i > 0 { raw(", ") }
                compact(element)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let object):
            bytes.append(UInt8(ascii: "{"))
            for (i, member) in object.members.enumerated() {
                if i > 0 { raw(", ") }
                string(member.key)
                raw(": ")
                compact(member.value)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    /// Appends `value` indented by two spaces per level, starting at `level`.
    public mutating func pretty(_ value: JSONValue, level: Int = 0) {
        switch value {
        case .array(let elements) where !elements.isEmpty:
            raw("[\n")
            for (i, element) in elements.enumerated() {
                indent(level + 1)
                pretty(element, level: level + 1)
                raw(i + 1 < elements.count ? ",\n" : "\n")
            }
            indent(level)
            raw("]")
        case .object(let object) where !object.isEmpty:
            raw("{\n")
            for (i, member) in object.members.enumerated() {
                indent(level + 1)
                string(member.key)
                raw(": ")
                pretty(member.value, level: level + 1)
                raw(i + 1 < object.members.count ? ",\n" : "\n")
            }
            indent(level)
            raw("}")
        default:
            compact(value)
        }
    }

    public mutating func indent(_ level: Int) {
        for _ in 0..<(level * 2) { bytes.append(0x20) }
    }

    /// Appends a quoted, escaped string; non-ASCII text is written as UTF-8, not escaped.
    public mutating func string(_ text: String) {
        bytes.append(0x22)
        for byte in text.utf8 {
            switch byte {
            case 0x22: raw("\\\"")
            case 0x5C: raw("\\\\")
            case 0x0A: raw("\\n")
            case 0x0D: raw("\\r")
            case 0x09: raw("\\t")
            case 0x00..<0x20:
                raw("\\u00")
                bytes.append(Self.hexDigit(byte >> 4))
                bytes.append(Self.hexDigit(byte & 0xF))
            default: bytes.append(byte)
            }
        }
        bytes.append(0x22)
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? 0x30 + nibble : 0x61 + nibble - 10
    }
}

extension JSONValue {
    /// The value as compact JSON text.
    public var compactText: String {
        var writer = JSONWriter()
        writer.compact(self)
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}
