/// Writes `JSONValue`s as UTF-8 bytes.
///
/// Two layouts: `compact` for one-record-per-line sections (a lead is one line, so a
/// diff of two saves shows which leads changed) and `pretty` for the small sections a
/// person may edit by hand.
public struct JSONWriter {
    /// What was written and not yet handed to `drain` (all of it, when not streaming).
    public private(set) var bytes: [UInt8] = []
    /// Streaming: where `flushIfFull` hands each chunk of at least `chunkBytes`; false
    /// when it could not take it (a write failed). Nil keeps everything in `bytes`.
    private let drain: ((UnsafeRawBufferPointer) -> Bool)?
    private let chunkBytes: Int
    /// A chunk `drain` refused: the output is incomplete and the writer should stop.
    public private(set) var drainFailed = false

    public init(reservingCapacity capacity: Int = 0) {
        drain = nil
        chunkBytes = .max
        bytes.reserveCapacity(capacity)
    }

    /// A writer that streams: a saved million-lead file goes to its file a chunk at a
    /// time instead of being held whole in memory first (issue 18, item 4), which also
    /// spares faulting in and freeing a buffer the size of the file.
    public init(chunkBytes: Int, drain: @escaping (UnsafeRawBufferPointer) -> Bool) {
        self.drain = drain
        self.chunkBytes = max(chunkBytes, 1)
        bytes.reserveCapacity(self.chunkBytes + self.chunkBytes / 4)
    }

    /// Hands the bytes written so far to `drain` once they fill a chunk.
    mutating func flushIfFull() {
        if bytes.count >= chunkBytes { flush() }
    }

    /// Hands whatever is written to `drain` (when streaming); false once a chunk was
    /// refused. Call once at the end.
    @discardableResult
    public mutating func flush() -> Bool {
        guard let drain, !drainFailed else { return !drainFailed }
        if !bytes.isEmpty {
            if !bytes.withUnsafeBytes(drain) { drainFailed = true }
            bytes.removeAll(keepingCapacity: true)
        }
        return !drainFailed
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
