extension SharedWorkspace {
    /// The workspace file's text put back together from `document` and the leads as
    /// `COPY (SELECT id, stage, data, version …) TO STDOUT (FORMAT binary)` sent them,
    /// and each lead's version, in file order.
    ///
    /// Why binary COPY: the server only reads the rows and sends their bytes (no
    /// aggregate, no per-row function), and no value needs unescaping here. Measured on
    /// 100k leads it took the server's part of opening from about 2.3 s (`string_agg`
    /// into one text value) to about 0.3 s (docs/PERFORMANCE.md).
    ///
    /// The binary format: an 11-byte signature, a 32-bit flags word and a 32-bit header
    /// extension length (and that many bytes); then per row a 16-bit field count and, per
    /// field, a 32-bit length (-1: NULL) and the bytes; a field count of -1 ends it. All
    /// big-endian. `text` and `json` are sent as their UTF-8 text, `bigint` as 8 bytes.
    static func assemble(document: String, copy: [UInt8]) throws(SharedStoreError) -> (bytes: [UInt8], versions: [Int64]) {
        guard let marker = document.range(of: leadsMarker) else { throw .badData("the workspace document has no leads key") }
        var out: [UInt8] = []
        out.reserveCapacity(document.utf8.count + copy.count + copy.count / 20 + 64)
        out.append(contentsOf: document[..<marker.lowerBound].utf8)
        out.append(contentsOf: "\n  \"leads\": [".utf8)
        var versions: [Int64] = []
        let ok = copy.withUnsafeBufferPointer { bytes -> Bool in
            var i = 0
            func int(_ size: Int) -> Int64? {
                guard i + size <= bytes.count else { return nil }
                var value: Int64 = 0
                for k in 0..<size { value = value << 8 | Int64(bytes[i + k]) }
                i += size
                // Sign-extend the 16- and 32-bit fields (-1 ends the data, marks NULL).
                if size < 8, value & (1 << (size * 8 - 1)) != 0 { value -= 1 << (size * 8) }
                return value
            }
            guard bytes.count >= 19, Array(bytes[0..<11]) == [0x50, 0x47, 0x43, 0x4F, 0x50, 0x59, 0x0A, 0xFF, 0x0D, 0x0A, 0x00] else { return false }
            i = 15
            guard let extensionLength = int(4), extensionLength >= 0 else { return false }
            i += Int(extensionLength)
            var first = true
            while true {
                guard let fields = int(2) else { return false }
                if fields == -1 { return true }
                guard fields == 4 else { return false }
                var ranges: [Range<Int>] = []
                for _ in 0..<4 {
                    guard let length = int(4), length >= 0, i + Int(length) <= bytes.count else { return false }
                    ranges.append(i..<(i + Int(length)))
                    i += Int(length)
                }
                out.append(contentsOf: (first ? "\n    {\"id\":" : ",\n    {\"id\":").utf8)
                first = false
                appendJSONString(bytes[ranges[0]], to: &out)
                out.append(contentsOf: ",\"stage\":".utf8)
                appendJSONString(bytes[ranges[1]], to: &out)
                // The data object without its opening brace, after a comma unless empty.
                var body = ranges[2].lowerBound
                let end = ranges[2].upperBound
                while body < end, isSpace(bytes[body]) { body += 1 }
                guard body < end, bytes[body] == UInt8(ascii: "{") else { return false }
                body += 1
                var next = body
                while next < end, isSpace(bytes[next]) { next += 1 }
                if next < end, bytes[next] != UInt8(ascii: "}") { out.append(UInt8(ascii: ",")) }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[body..<end]))
                guard ranges[3].count == 8 else { return false }
                i = ranges[3].lowerBound
                guard let version = int(8) else { return false }
                versions.append(version)
            }
        }
        guard ok else { throw .badData("the leads the server sent are not in COPY's binary format") }
        out.append(contentsOf: (versions.isEmpty ? "]" : "\n  ]").utf8)
        out.append(contentsOf: document[marker.upperBound...].utf8)
        return (out, versions)
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 32 || byte == 9 || byte == 10 || byte == 13
    }

    /// `text` (UTF-8 from the server) as a JSON string: quoted, with `"`, `\` and control
    /// characters escaped.
    private static func appendJSONString(_ text: Slice<UnsafeBufferPointer<UInt8>>, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        if !text.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: text))
        } else {
            for byte in text {
                switch byte {
                case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
                case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
                case 0..<0x20:
                    let hex = Array("0123456789abcdef".utf8)
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
