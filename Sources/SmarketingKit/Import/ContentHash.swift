/// A fast 64-bit hash of a file's bytes, so a journalled import can tell whether the CSV
/// it points to is still the one that was imported.
///
/// Not cryptographic: it guards against a file edited or replaced by accident (next
/// week's export saved over this week's), not against someone forging a collision. Four
/// independent lanes over 8-byte words keep it at memory speed, so hashing the 200 MB
/// of a million-row export costs a few hundredths of a second.
public enum ContentHash {
    private static let primes: (UInt64, UInt64, UInt64, UInt64) =
        (0x9E37_79B9_7F4A_7C15, 0xC2B2_AE3D_27D4_EB4F, 0x1656_67B1_9E37_79F9, 0x27D4_EB2F_1656_67C5)

    /// The hash of `bytes`, as 16 lowercase hex digits.
    public static func hex(_ bytes: [UInt8]) -> String {
        let text = String(of(bytes), radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }

    /// The hash of `bytes`.
    public static func of(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { raw in
            var a = primes.0 ^ UInt64(raw.count), b = primes.1, c = primes.2, d = primes.3
            @inline(__always) func round(_ lane: UInt64, _ word: UInt64, _ prime: UInt64) -> UInt64 {
                let mixed = (lane ^ word) &* prime
                return (mixed << 31 | mixed >> 33) ^ (mixed >> 29)
            }
            var offset = 0
            while offset + 32 <= raw.count {
                a = round(a, raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self), primes.0)
                b = round(b, raw.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self), primes.1)
                c = round(c, raw.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self), primes.2)
                d = round(d, raw.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self), primes.3)
                offset += 32
            }
            while offset < raw.count {
                a = round(a, UInt64(raw[offset]) | UInt64(offset & 31) << 8, primes.0)
                offset += 1
            }
            var h = a ^ (b << 1 | b >> 63) ^ (c << 2 | c >> 62) ^ (d << 3 | d >> 61)
            // fmix64 (MurmurHash3's finaliser): every input bit reaches every output bit.
            h ^= h >> 33
            h = h &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 33
            h = h &* 0xC4CE_B9FE_1A85_EC53
            h ^= h >> 33
            return h
        }
    }
}
