#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension JSONWriter {
    /// Appends valid JSON text with a save's spacing: no whitespace between tokens but one
    /// space after each `,` and `:` (as `compact` writes). Strings are copied as they are.
    /// Saving a compact file from another tool this way costs a copy, not a decode: runs
    /// of bytes that stay as they are (strings, found with `memchr`, numbers, brackets)
    /// are copied at once, straight into the output.
    mutating func appendRespaced(_ json: UnsafeBufferPointer<UInt8>) {
        guard json.baseAddress != nil, !json.isEmpty else { return }
        // Into scratch space first (at most one added byte per input byte), then appended
        // once: dozens of small appends a lead cost more than the respacing itself.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 2 * json.count) { scratch in
            guard let out = scratch.baseAddress else { return }
            let written = Self.respace(json, into: out)
            append(UnsafeBufferPointer(start: out, count: written))
        }
    }

    /// Writes `json` respaced to `out`, which has room for twice its bytes; the count written.
    private static func respace(_ json: UnsafeBufferPointer<UInt8>, into out: UnsafeMutablePointer<UInt8>) -> Int {
        guard let base = json.baseAddress else { return 0 }
        let count = json.count
        let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
        var written = 0
        func copy(_ from: Int, _ to: Int) {
            guard to > from else { return }
            (out + written).update(from: base + from, count: to - from)
            written += to - from
        }
        var i = 0
        var run = 0
        while i < count {
            let byte = base[i]
            switch byte {
            case quote:
                // To the closing quote: the first one not escaped by an odd number of
                // backslashes; the whole string stays in the run.
                var end = count
                var from = i + 1
                while from < count, let hit = memchr(base + from, Int32(quote), count - from) {
                    let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    var slashes = 0
                    while at - 1 - slashes > i, base[at - 1 - slashes] == backslash { slashes += 1 }
                    if slashes % 2 == 0 {
                        end = at + 1
                        break
                    }
                    from = at + 1
                }
                i = end
            case 0x20, 0x09, 0x0A, 0x0D:
                copy(run, i)
                i += 1
                run = i
            case UInt8(ascii: ","), UInt8(ascii: ":"):
                copy(run, i + 1)
                out[written] = 0x20
                written += 1
                i += 1
                run = i
            default:
                i += 1
            }
        }
        copy(run, count)
        return written
    }
}
