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
        guard let base = json.baseAddress else { return }
        let count = json.count
        let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
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
                append(UnsafeBufferPointer(start: base + run, count: i - run))
                i += 1
                run = i
            case UInt8(ascii: ","), UInt8(ascii: ":"):
                append(UnsafeBufferPointer(start: base + run, count: i + 1 - run))
                appendByte(0x20)
                i += 1
                run = i
            default:
                i += 1
            }
        }
        append(UnsafeBufferPointer(start: base + run, count: count - run))
    }
}
