/// The JSON grammar, byte by byte: the same rules as `JSONParser`, without building
/// values, and noting whether the text is laid out as `JSONWriter.compact` writes it.
extension LeadStreamDecoder {
    // The few helpers below run for every token of a million leads: inlined, the calls
    // cost more than their bodies did.
    var peek: UInt8 {
        @inline(__always) get { i < bytes.count ? bytes[i] : 0 }
    }

    @inline(__always)
    mutating func expect(_ byte: UInt8) throws(StreamRefusal) {
        guard i < bytes.count, bytes[i] == byte else { throw StreamRefusal() }
        i += 1
    }

    /// Skips whitespace and says how many bytes it skipped.
    @discardableResult @inline(__always)
    mutating func skipWhitespace() -> Int {
        let start = i
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x0A, 0x0D, 0x09: i += 1
            default: return i - start
            }
        }
        return i - start
    }

    /// After `:` a compact writer puts exactly one space.
    @inline(__always)
    mutating func afterColon() {
        if peek == 0x20 {
            i += 1
            if skipWhitespace() > 0 { noteSpacing() }
        } else if skipWhitespace() >= 0 {
            noteSpacing()
        }
    }

    /// After an element: true when `,` says another follows, false at `close`.
    @inline(__always)
    mutating func more(close: UInt8) throws(StreamRefusal) -> Bool {
        if skipWhitespace() > 0 { noteSpacing() }
        guard i < bytes.count else { throw StreamRefusal() }
        if bytes[i] == close { i += 1; return false }
        guard bytes[i] == UInt8(ascii: ",") else { throw StreamRefusal() }
        i += 1
        if peek == 0x20 {
            i += 1
            if skipWhitespace() > 0 { noteSpacing() }
        } else {
            noteSpacing()
            skipWhitespace()
        }
        return true
    }

    mutating func literal(_ word: StaticString) throws(StreamRefusal) {
        let count = word.utf8CodeUnitCount
        guard i + count <= bytes.count else { throw StreamRefusal() }
        let matches = word.withUTF8Buffer { expected in
            for k in 0..<count where bytes[i + k] != expected[k] { return false }
            return true
        }
        guard matches else { throw StreamRefusal() }
        i += count
    }

    /// Scans a string at `"`; returns its content's byte range and whether it had escapes.
    mutating func scanString() throws(StreamRefusal) -> (start: Int, end: Int, escaped: Bool) {
        i += 1
        let start = i
        var escaped = false
        var ascii = true
        let base = bytes.baseAddress
        while i < bytes.count {
            // Eight plain bytes at a time: no quote, backslash, control or non-ASCII byte;
            // a word that holds one goes straight to the first such byte (most strings
            // are short, and stepping to their closing quote a byte at a time, a word
            // loaded at each step, was a third of decoding the demo).
            if let base {
                while i + 8 <= bytes.count {
                    let word = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                    let special = Self.specialBytes(word)
                    if special != 0 {
                        i += special.trailingZeroBitCount >> 3
                        break
                    }
                    i += 8
                }
                guard i < bytes.count else { break }
            }
            let byte = bytes[i]
            if byte == UInt8(ascii: "\"") {
                let end = i
                i += 1
                if !ascii, !Self.isValidUTF8(UnsafeBufferPointer(rebasing: bytes[start..<end])) { throw StreamRefusal() }
                return (start, end, escaped)
            }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                i += 1
                guard i < bytes.count else { throw StreamRefusal() }
                switch bytes[i] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    i += 1
                case UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"):
                    noteLayout()
                    i += 1
                case UInt8(ascii: "u"):
                    // \u escapes (surrogates above all) are rare: the tree decoder reads them.
                    throw StreamRefusal()
                default:
                    throw StreamRefusal()
                }
                continue
            }
            if byte < 0x20 { throw StreamRefusal() }
            if byte >= 0x80 { ascii = false }
            i += 1
        }
        throw StreamRefusal()
    }

    /// The word's special bytes (`"`, `\\`, below 0x20, above 0x7F) marked by their high
    /// bit; zero when there is none. The lowest mark is exact (a borrow only carries
    /// upwards, past a byte that is itself special), so it says where the first one is;
    /// marks above it may be false.
    @inline(__always)
    static func specialBytes(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let quote = word ^ (ones &* 0x22), backslash = word ^ (ones &* 0x5C)
        let zeroQuote = (quote &- ones) & ~quote
        let zeroBackslash = (backslash &- ones) & ~backslash
        let control = (word &- ones &* 0x20) & ~word
        return (zeroQuote | zeroBackslash | control | word) & highs
    }

    /// The content of an escaped string (without `\u`, which `scanString` refuses).
    func unescape(_ start: Int, _ end: Int) throws(StreamRefusal) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(end - start)
        var k = start
        while k < end {
            let byte = bytes[k]
            guard byte == UInt8(ascii: "\\"), k + 1 < end else {
                result.append(byte)
                k += 1
                continue
            }
            switch bytes[k + 1] {
            case UInt8(ascii: "n"): result.append(0x0A)
            case UInt8(ascii: "r"): result.append(0x0D)
            case UInt8(ascii: "t"): result.append(0x09)
            case UInt8(ascii: "b"): result.append(0x08)
            case UInt8(ascii: "f"): result.append(0x0C)
            default: result.append(bytes[k + 1])
            }
            k += 2
        }
        return result
    }

    /// Scans a number with JSON's grammar.
    mutating func scanNumber() throws(StreamRefusal) {
        func digit(_ at: Int) -> Bool { at < bytes.count && bytes[at] &- 0x30 < 10 }
        if peek == UInt8(ascii: "-") { i += 1 }
        guard digit(i) else { throw StreamRefusal() }
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
        } else {
            while digit(i) { i += 1 }
        }
        if peek == UInt8(ascii: ".") {
            i += 1
            guard digit(i) else { throw StreamRefusal() }
            while digit(i) { i += 1 }
        }
        if peek | 0x20 == UInt8(ascii: "e") {
            i += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { i += 1 }
            guard digit(i) else { throw StreamRefusal() }
            while digit(i) { i += 1 }
        }
    }

    /// Skips any value, checking its syntax and layout.
    mutating func skipValue(depth: Int) throws(StreamRefusal) {
        guard depth < 400, i < bytes.count else { throw StreamRefusal() }
        switch bytes[i] {
        case UInt8(ascii: "\""):
            _ = try scanString()
        case UInt8(ascii: "{"):
            i += 1
            if skipWhitespace() > 0 { noteSpacing() }
            if peek == UInt8(ascii: "}") { i += 1; return }
            repeat {
                guard peek == UInt8(ascii: "\"") else { throw StreamRefusal() }
                _ = try scanString()
                if skipWhitespace() > 0 { noteSpacing() }
                try expect(UInt8(ascii: ":"))
                afterColon()
                try skipValue(depth: depth + 1)
            } while try more(close: UInt8(ascii: "}"))
        case UInt8(ascii: "["):
            i += 1
            if skipWhitespace() > 0 { noteSpacing() }
            if peek == UInt8(ascii: "]") { i += 1; return }
            repeat {
                try skipValue(depth: depth + 1)
            } while try more(close: UInt8(ascii: "]"))
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default: try scanNumber()
        }
    }

    /// Strict UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF.
    static func isValidUTF8(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var k = 0
        let n = text.count
        while k < n {
            let b0 = text[k]
            if b0 < 0x80 { k += 1; continue }
            func cont(_ at: Int) -> Bool { at < n && text[at] & 0xC0 == 0x80 }
            switch b0 {
            case 0xC2...0xDF:
                guard cont(k + 1) else { return false }
                k += 2
            case 0xE0...0xEF:
                guard cont(k + 1), cont(k + 2) else { return false }
                let b1 = text[k + 1]
                if b0 == 0xE0, b1 < 0xA0 { return false }
                if b0 == 0xED, b1 >= 0xA0 { return false }
                k += 3
            case 0xF0...0xF4:
                guard cont(k + 1), cont(k + 2), cont(k + 3) else { return false }
                let b1 = text[k + 1]
                if b0 == 0xF0, b1 < 0x90 { return false }
                if b0 == 0xF4, b1 >= 0x90 { return false }
                k += 4
            default:
                return false
            }
        }
        return true
    }
}
