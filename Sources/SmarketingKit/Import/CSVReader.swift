import Foundation

/// Reads a CSV export as CRMs and spreadsheets really write it: a UTF-8 byte-order mark,
/// CRLF or LF (or a lone CR) line ends, no final newline, quoted fields holding
/// separators, doubled quotes and line breaks, trailing empty columns, and Windows-1252 /
/// Latin-1 text (converted, never shown as mojibake).
///
/// Pure: bytes in, a document out, so it is easy to test and to fuzz
/// (`CSVReader.read(bytes)` never traps on any input). Every record keeps the line of the
/// file it starts on, which is how `import` names a bad row.
public enum CSVReader {
    /// Reads `bytes`; `separator` is sniffed from the header line when nil.
    ///
    /// With `keepRecords` false only the header is split off: the records stay in the
    /// document's `text`, read one at a time by `CSVDocument.forEachRecord` (an import of
    /// a million rows must not hold every row's cells at once).
    public static func read(_ bytes: [UInt8], separator: UInt8? = nil, keepRecords: Bool = true) throws(CSVError) -> CSVDocument {
        var encoding = CSVDocument.Encoding.utf8
        var text = bytes
        if text.starts(with: [0xEF, 0xBB, 0xBF]) {
            text.removeFirst(3)
            encoding = .utf8BOM
        } else if text.starts(with: [0xFF, 0xFE]) || text.starts(with: [0xFE, 0xFF]) {
            throw .unsupportedEncoding("UTF-16 (save the file as \"CSV UTF-8\")")
        }
        if let bad = firstInvalidUTF8(text) {
            // A file that holds UTF-8 characters elsewhere is UTF-8 with a broken byte, not
            // Latin-1: converting it would garble every accented name. Say where instead.
            if containsUTF8Character(text) {
                let line = text[..<bad].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
                throw .unsupportedEncoding("UTF-8 with a broken byte (0x\(String(text[bad], radix: 16)) on line \(line)); "
                                           + "fix that line or export the file again as CSV UTF-8")
            }
            // Not UTF-8: a spreadsheet's Windows-1252 or Latin-1. Converted byte by byte;
            // the five bytes Windows-1252 leaves undefined mean it is neither.
            guard let converted = windows1252ToUTF8(text) else {
                throw .unsupportedEncoding("neither UTF-8 nor Latin-1 (byte 0x\(String(text[bad], radix: 16)) at offset \(bad))")
            }
            text = converted
            encoding = .latin1
        }
        let sep = separator ?? sniffSeparator(text)
        var document = CSVDocument(separator: sep, encoding: encoding)
        var parser = Parser(bytes: text, separator: sep)
        var first = true
        while let (line, fields) = try parser.next() {
            if first {
                var header = fields
                while header.count > 1, header.last?.isEmpty == true { header.removeLast() }
                document.header = header
                document.bodyStart = parser.i
                document.bodyLine = parser.line
                first = false
                if !keepRecords { break }
            } else {
                document.records.append(CSVRecord(line: line, fields: fields))
            }
        }
        if first { throw .empty }
        if !keepRecords {
            // The line ends the records use, found without splitting them into cells.
            var i = document.bodyStart
            var quoted = false
            while i < text.count {
                let c = text[i]
                if c == 0x22 { quoted.toggle() } else if !quoted, c == 0x0D {
                    if i + 1 < text.count, text[i + 1] == 0x0A { parser.sawCRLF = true; i += 1 } else { parser.sawCR = true }
                } else if !quoted, c == 0x0A { parser.sawLF = true }
                i += 1
            }
        }
        document.lineEnding = parser.sawCRLF ? "CRLF" : (parser.sawLF ? "LF" : (parser.sawCR ? "CR" : "none"))
        document.finalNewline = text.last == 0x0A || text.last == 0x0D
        document.text = text
        return document
    }

    /// The separator the header line uses most, outside quotes: `,` `;` or tab (`,` on a tie).
    public static func sniffSeparator(_ bytes: [UInt8]) -> UInt8 {
        var counts: [UInt8: Int] = [0x2C: 0, 0x3B: 0, 0x09: 0]
        var quoted = false
        for byte in bytes {
            if byte == 0x22 { quoted.toggle(); continue }
            if !quoted, byte == 0x0A || byte == 0x0D { break }
            if !quoted, counts[byte] != nil { counts[byte, default: 0] += 1 }
        }
        var best: UInt8 = 0x2C
        for candidate: UInt8 in [0x3B, 0x09] where counts[candidate, default: 0] > counts[best, default: 0] { best = candidate }
        return best
    }

    /// The offset of the first byte that breaks UTF-8, nil when all of it is UTF-8.
    static func firstInvalidUTF8(_ b: [UInt8]) -> Int? {
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            let length: Int
            if c >= 0xC2 && c <= 0xDF { length = 2 } else if c >= 0xE0 && c <= 0xEF { length = 3 } else if c >= 0xF0 && c <= 0xF4 { length = 4 } else { return i }
            guard i + length <= n else { return i }
            for k in 1..<length where b[i + k] & 0xC0 != 0x80 { return i }
            if length == 3 {
                if c == 0xE0 && b[i + 1] < 0xA0 { return i }
                if c == 0xED && b[i + 1] > 0x9F { return i }
            }
            if length == 4 {
                if c == 0xF0 && b[i + 1] < 0x90 { return i }
                if c == 0xF4 && b[i + 1] > 0x8F { return i }
            }
            i += length
        }
        return nil
    }

    /// Whether `b` holds at least one well-formed multi-byte UTF-8 character (a Latin-1
    /// file practically never does: it would take "Ã" followed by a symbol).
    static func containsUTF8Character(_ b: [UInt8]) -> Bool {
        var i = 0
        while i < b.count {
            let c = b[i]
            if c >= 0xC2 && c <= 0xF4, let bad = firstInvalidUTF8(Array(b[i..<min(b.count, i + 4)])) {
                // Valid when the sequence itself is whole (the check above may stop at
                // the next character's start inside the 4-byte window).
                let length = c <= 0xDF ? 2 : c <= 0xEF ? 3 : 4
                if bad >= length { return true }
            } else if c >= 0xC2 && c <= 0xF4 {
                return true
            }
            i += 1
        }
        return false
    }

    /// Windows-1252 (a superset of Latin-1's printable range) as UTF-8; nil when a byte
    /// has no character in it.
    static func windows1252ToUTF8(_ b: [UInt8]) -> [UInt8]? {
        let high: [UInt32?] = [0x20AC, nil, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, nil, 0x017D, nil,
                               nil, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, nil, 0x017E, 0x0178]
        var out: [UInt8] = []
        out.reserveCapacity(b.count + b.count / 8)
        for byte in b {
            if byte < 0x80 { out.append(byte); continue }
            let scalar: UInt32
            if byte < 0xA0 {
                guard let mapped = high[Int(byte - 0x80)] else { return nil }
                scalar = mapped
            } else {
                scalar = UInt32(byte)
            }
            guard let unicode = Unicode.Scalar(scalar) else { return nil }
            out.append(contentsOf: Array(String(Character(unicode)).utf8))
        }
        return out
    }

    /// The record splitter: one state machine over the bytes.
    struct Parser {
        let bytes: [UInt8]
        let separator: UInt8
        var i = 0
        var line = 1
        var sawCRLF = false, sawLF = false, sawCR = false
        /// The fields of the last record: the next one's array is made that large at once,
        /// not grown field by field (six allocations for a 21-column row).
        var width = 0
        /// Where each cell of the last record is in `bytes` (inside its quotes), when
        /// `keepsRanges`: an import points its text columns there instead of copying.
        var ranges: [Range<Int>] = []
        var keepsRanges = false

        init(bytes: [UInt8], separator: UInt8) {
            self.bytes = bytes
            self.separator = separator
        }

        /// The next record and the line it starts on; nil at the end. Empty lines are no records.
        mutating func next() throws(CSVError) -> (Int, [String])? {
            let n = bytes.count
            // Skip empty lines.
            while i < n, bytes[i] == 0x0A || bytes[i] == 0x0D { endLine() }
            guard i < n else { return nil }
            let start = line
            var fields: [String] = []
            fields.reserveCapacity(width)
            if keepsRanges { ranges.removeAll(keepingCapacity: true) }
            var field: [UInt8] = []
            while true {
                // One field.
                if i < n, bytes[i] == 0x22 {
                    let quoteLine = line
                    i += 1
                    let contentStart = i
                    field.removeAll(keepingCapacity: true)
                    var closed = false
                    while i < n {
                        let c = bytes[i]
                        if c == 0x22 {
                            if i + 1 < n, bytes[i + 1] == 0x22 { field.append(0x22); i += 2; continue }
                            i += 1
                            closed = true
                            break
                        }
                        if c == 0x0D, i + 1 < n, bytes[i + 1] == 0x0A {
                            // A quoted CRLF line break is a line break: kept as "\n".
                            i += 1
                            continue
                        }
                        if c == 0x0A || c == 0x0D { line += 1 }
                        field.append(c)
                        i += 1
                    }
                    guard closed else { throw .unterminatedQuote(line: quoteLine) }
                    if keepsRanges { ranges.append(contentStart..<(i - 1)) }
                    // Text after the closing quote (`"a"b`) is kept, as spreadsheets do.
                    while i < n, bytes[i] != separator, bytes[i] != 0x0A, bytes[i] != 0x0D {
                        field.append(bytes[i])
                        i += 1
                    }
                    fields.append(field.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) })
                } else {
                    let from = i
                    while i < n, bytes[i] != separator, bytes[i] != 0x0A, bytes[i] != 0x0D { i += 1 }
                    if keepsRanges { ranges.append(from..<i) }
                    // Decoded from a buffer pointer: from an array slice it takes the slow,
                    // element-by-element path (a tenth of reading a large file).
                    fields.append(from == i ? "" : bytes.withUnsafeBufferPointer {
                        String(decoding: UnsafeBufferPointer(rebasing: $0[from..<i]), as: UTF8.self)
                    })
                }
                if i < n, bytes[i] == separator {
                    i += 1
                    continue
                }
                if i < n { endLine() }
                width = fields.count
                return (start, fields)
            }
        }

        /// Steps over the line end at `i`.
        mutating func skipLineEnd() { endLine() }

        /// Steps over one line end (CRLF, LF or CR) and counts it.
        private mutating func endLine() {
            if bytes[i] == 0x0D {
                if i + 1 < bytes.count, bytes[i + 1] == 0x0A { sawCRLF = true; i += 2 } else { sawCR = true; i += 1 }
            } else {
                sawLF = true
                i += 1
            }
            line += 1
        }
    }
}

/// A CSV file read: its header and records, and how it was written.
public struct CSVDocument: Sendable, Equatable {
    public enum Encoding: String, Sendable {
        case utf8 = "UTF-8"
        case utf8BOM = "UTF-8 with BOM"
        case latin1 = "Latin-1 (converted to UTF-8)"
    }

    public var header: [String] = []
    /// The records, unless the document was read without them (`keepRecords` false).
    public var records: [CSVRecord] = []
    /// The file's text as UTF-8 (converted from Latin-1 when it was), without a BOM.
    public var text: [UInt8] = []
    /// Where the first record starts in `text`, and its line.
    public var bodyStart = 0
    public var bodyLine = 2
    public var separator: UInt8
    public var encoding: Encoding
    /// `CRLF`, `LF`, `CR` or `none` (a single line).
    public var lineEnding = "none"
    public var finalNewline = true

    public init(separator: UInt8, encoding: Encoding) {
        self.separator = separator
        self.encoding = encoding
    }

    /// The separator as people write it: `,` `;` or `tab`.
    public var separatorName: String {
        separator == 0x09 ? "tab" : String(UnicodeScalar(separator))
    }

    /// The index of the column called `name` (exactly, else ignoring case and spaces).
    public func column(_ name: String) -> Int? {
        if let exact = header.firstIndex(of: name) { return exact }
        let folded = CSVDocument.fold(name)
        return header.firstIndex { CSVDocument.fold($0) == folded }
    }

    /// Calls `body` with each record's line, cells, the cells' byte ranges in `text` and
    /// where the record starts in `text`, reading `text` record by record (a document
    /// made by hand, with no text, gives its `records`, with no ranges and start -1).
    public func forEachRecord(file: String, _ body: (_ line: Int, _ fields: [String], _ ranges: [Range<Int>], _ start: Int) throws(ImportError) -> Void)
        throws(ImportError) {
        if text.isEmpty {
            for record in records { try body(record.line, record.fields, [], -1) }
            return
        }
        var parser = CSVReader.Parser(bytes: text, separator: separator)
        parser.i = bodyStart
        parser.line = bodyLine
        parser.keepsRanges = true
        while true {
            // Empty lines are no records: where this one starts is after them.
            while parser.i < text.count, text[parser.i] == 0x0A || text[parser.i] == 0x0D { parser.skipLineEnd() }
            let start = parser.i
            let next: (Int, [String])?
            do { next = try parser.next() } catch { throw .csv(file: file, error) }
            guard let (line, fields) = next else { return }
            try body(line, fields, parser.ranges, start)
        }
    }

    static func fold(_ text: String) -> String {
        String(text.lowercased().filter { !$0.isWhitespace })
    }
}

/// One record: its fields and the line of the file it starts on (1 is the header).
public struct CSVRecord: Sendable, Equatable {
    public var line: Int
    public var fields: [String]

    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}

/// Why a CSV file could not be read at all (a bad row is not one of these: it is skipped).
public enum CSVError: Error, Sendable, Equatable, CustomStringConvertible {
    case empty
    case unterminatedQuote(line: Int)
    case unsupportedEncoding(String)

    public var description: String {
        switch self {
        case .empty: "the file is empty (no header line)"
        case .unterminatedQuote(let line): "line \(line): a quoted field is never closed (a \" is missing)"
        case .unsupportedEncoding(let what): "the file's text is \(what); smk reads UTF-8 and Latin-1 / Windows-1252"
        }
    }
}

extension CSVReader {
    /// The header of the CSV file at `path` (empty when it cannot be read), reading only
    /// its start: TAB completion of column names must not read a million rows.
    public static func header(ofFile path: String) -> [String] {
        guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? handle.close() }
        let start = Array(handle.readData(ofLength: 64 * 1024))
        var end = start.count
        var quoted = false
        for (index, byte) in start.enumerated() {
            if byte == 0x22 { quoted.toggle() }
            if !quoted, byte == 0x0A || byte == 0x0D { end = index; break }
        }
        return (try? read(Array(start[..<end])).header) ?? []
    }
}
