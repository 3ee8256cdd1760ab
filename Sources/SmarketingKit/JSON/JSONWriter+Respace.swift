extension JSONWriter {
    /// Appends valid JSON text with a save's spacing: no whitespace between tokens but one
    /// space after each `,` and `:` (as `compact` writes). Strings are copied as they are.
    /// Saving a compact file from another tool this way costs a copy, not a decode.
    mutating func appendRespaced(_ json: UnsafeBufferPointer<UInt8>) {
        var out: [UInt8] = []
        out.reserveCapacity(json.count + json.count / 8)
        var i = 0
        let count = json.count
        while i < count {
            let byte = json[i]
            switch byte {
            case UInt8(ascii: "\""):
                // Copy the string up to its closing quote, escapes included.
                let start = i
                i += 1
                while i < count, json[i] != UInt8(ascii: "\"") { i += json[i] == UInt8(ascii: "\\") ? 2 : 1 }
                i = min(i + 1, count)
                out.append(contentsOf: UnsafeBufferPointer(rebasing: json[start..<i]))
                continue
            case 0x20, 0x09, 0x0A, 0x0D:
                break
            case UInt8(ascii: ","), UInt8(ascii: ":"):
                out.append(byte)
                out.append(0x20)
            default:
                out.append(byte)
            }
            i += 1
        }
        out.withUnsafeBufferPointer { append($0) }
    }
}
