extension SharedWorkspace {
    /// Builds the workspace file's text from `document` and the leads as
    /// `COPY (SELECT id, stage, data, version …) TO STDOUT (FORMAT binary)` sends them,
    /// row by row while they arrive, and keeps each lead's version, in file order.
    ///
    /// Why binary COPY: the server only reads the rows and sends their bytes (no
    /// aggregate, no per-row function), and no value needs unescaping here. On 100k
    /// leads it took the server's part of opening from about 2.3 s (`string_agg` into
    /// one text value) to about 0.25 s, and the text is built while the rows arrive
    /// rather than after (docs/PERFORMANCE.md).
    ///
    /// The binary format: an 11-byte signature, a 32-bit flags word and a 32-bit header
    /// extension length (and that many bytes); then per row a 16-bit field count and, per
    /// field, a 32-bit length (-1: NULL) and the bytes; a field count of -1 ends it. All
    /// big-endian. `text` and `json` come as their UTF-8 text, `bigint` as 8 bytes.
    struct CopyAssembler {
        private(set) var out: [UInt8] = []
        private(set) var versions: [Int64] = []
        /// Bytes of a row not complete yet (the server may split or join rows).
        private var pending: [UInt8] = []
        private var headerRead = false
        private(set) var ended = false
        private var first = true
        private let tail: Substring

        /// `reserve`: about how many bytes the leads take (memory reserved, not touched).
        init(document: String, reserve: Int) throws(SharedStoreError) {
            guard let marker = document.range(of: leadsMarker) else { throw .badData("the workspace document has no leads key") }
            out.reserveCapacity(document.utf8.count + reserve + 64)
            out.append(contentsOf: document[..<marker.lowerBound].utf8)
            out.append(contentsOf: "\n  \"leads\": [".utf8)
            tail = document[marker.upperBound...]
        }

        /// Takes one piece of the COPY data; false when it is not in the expected format.
        mutating func feed(_ piece: UnsafeBufferPointer<UInt8>) -> Bool {
            if pending.isEmpty {
                guard let used = consume(piece) else { return false }
                if used < piece.count { pending.append(contentsOf: UnsafeBufferPointer(rebasing: piece[used...])) }
                return true
            }
            var buffer: [UInt8] = []
            swap(&buffer, &pending)
            buffer.append(contentsOf: piece)
            let used = buffer.withUnsafeBufferPointer { consume($0) }
            guard let used else { return false }
            buffer.removeFirst(used)
            pending = buffer
            return true
        }

        /// The whole text, once the end marker came.
        mutating func finish() throws(SharedStoreError) -> (bytes: [UInt8], versions: [Int64]) {
            guard ended, pending.isEmpty else { throw .badData("the leads the server sent ended early") }
            out.append(contentsOf: (versions.isEmpty ? "]" : "\n  ]").utf8)
            out.append(contentsOf: tail.utf8)
            return (out, versions)
        }

        /// Reads the complete rows at the start of `bytes`; how many bytes they took, or
        /// nil when the data is not COPY's binary format.
        private mutating func consume(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
            var i = 0
            func int(_ at: Int, _ size: Int) -> Int64 {
                var value: Int64 = 0
                for k in 0..<size { value = value << 8 | Int64(bytes[at + k]) }
                // Sign-extend the 16- and 32-bit fields (-1 ends the data, marks NULL).
                if size < 8, value & (1 << (size * 8 - 1)) != 0 { value -= 1 << (size * 8) }
                return value
            }
            if !headerRead {
                guard bytes.count >= 19 else { return 0 }
                let signature: [UInt8] = [0x50, 0x47, 0x43, 0x4F, 0x50, 0x59, 0x0A, 0xFF, 0x0D, 0x0A, 0x00]
                guard Array(bytes[0..<11]) == signature else { return nil }
                let extensionLength = int(15, 4)
                guard extensionLength >= 0 else { return nil }
                guard bytes.count >= 19 + Int(extensionLength) else { return 0 }
                i = 19 + Int(extensionLength)
                headerRead = true
            }
            while !ended {
                let rowStart = i
                guard i + 2 <= bytes.count else { return rowStart }
                let fields = int(i, 2)
                i += 2
                if fields == -1 { ended = true; return i }
                guard fields == 4 else { return nil }
                var starts = (0, 0, 0, 0), ends = (0, 0, 0, 0)
                for field in 0..<4 {
                    guard i + 4 <= bytes.count else { return rowStart }
                    let length = int(i, 4)
                    guard length >= 0 else { return nil }
                    i += 4
                    guard i + Int(length) <= bytes.count else { return rowStart }
                    switch field {
                    case 0: starts.0 = i; ends.0 = i + Int(length)
                    case 1: starts.1 = i; ends.1 = i + Int(length)
                    case 2: starts.2 = i; ends.2 = i + Int(length)
                    default: starts.3 = i; ends.3 = i + Int(length)
                    }
                    i += Int(length)
                }
                guard ends.3 - starts.3 == 8 else { return nil }
                out.append(contentsOf: (first ? "\n    {\"id\":" : ",\n    {\"id\":").utf8)
                first = false
                Self.appendJSONString(bytes[starts.0..<ends.0], to: &out)
                out.append(contentsOf: ",\"stage\":".utf8)
                Self.appendJSONString(bytes[starts.1..<ends.1], to: &out)
                // The data object without its opening brace, after a comma unless empty.
                var body = starts.2
                while body < ends.2, Self.isSpace(bytes[body]) { body += 1 }
                guard body < ends.2, bytes[body] == UInt8(ascii: "{") else { return nil }
                body += 1
                var next = body
                while next < ends.2, Self.isSpace(bytes[next]) { next += 1 }
                if next < ends.2, bytes[next] != UInt8(ascii: "}") { out.append(UInt8(ascii: ",")) }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[body..<ends.2]))
                versions.append(int(starts.3, 8))
            }
            return i
        }

        private static func isSpace(_ byte: UInt8) -> Bool {
            byte == 32 || byte == 9 || byte == 10 || byte == 13
        }

        /// `text` (UTF-8 from the server) as a JSON string: quoted, with `"`, `\` and
        /// control characters escaped.
        private static func appendJSONString(_ text: Slice<UnsafeBufferPointer<UInt8>>, to out: inout [UInt8]) {
            out.append(UInt8(ascii: "\""))
            if !text.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: text))
            } else {
                let hex = Array("0123456789abcdef".utf8)
                for byte in text {
                    switch byte {
                    case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
                    case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
                    case 0..<0x20:
                        out.append(contentsOf: "\\u00".utf8)
                        out.append(hex[Int(byte >> 4)])
                        out.append(hex[Int(byte & 15)])
                    default: out.append(byte)
                    }
                }
            }
            out.append(UInt8(ascii: "\""))
        }
    }
}
