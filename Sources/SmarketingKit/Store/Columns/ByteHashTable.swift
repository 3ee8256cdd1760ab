/// An open-addressing hash table from byte strings to small integers, with the keys
/// stored by the caller (in the file buffer, or an interner's own list).
///
/// Dictionaries keyed by `String` would cost one allocation per long key and per lookup;
/// at a million leads times seven interned fields that is most of the load time.
struct ByteHashTable: Sendable {
    private var slots: [Int32]
    private var hashes: [UInt32]
    private(set) var count = 0

    init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: -1, count: size)
        hashes = Array(repeating: 0, count: size)
    }

    /// The table's arrays, for a snapshot (`SnapshotTable`).
    var parts: (slots: [Int32], hashes: [UInt32]) { (slots, hashes) }

    /// A table from the arrays `parts` gave, checked to be one this type could have built
    /// with `count` values 0..<count, each once; nil otherwise.
    init?(slots: [Int32], hashes: [UInt32], count: Int) {
        guard slots.count >= 16, slots.count & (slots.count - 1) == 0, hashes.count == slots.count,
              count >= 0, count * 2 <= slots.count else { return nil }
        var seen = [Bool](repeating: false, count: count)
        var found = 0
        for value in slots where value >= 0 {
            guard Int(value) < count, !seen[Int(value)] else { return nil }
            seen[Int(value)] = true
            found += 1
        }
        guard found == count else { return nil }
        self.slots = slots
        self.hashes = hashes
        self.count = count
    }

    /// FNV-1a over the bytes.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var h: UInt32 = 2_166_136_261
        for byte in bytes { h = (h ^ UInt32(byte)) &* 16_777_619 }
        return h
    }

    /// The value stored for a key with `hash` for which `matches` holds.
    @inline(__always)
    func find(hash: UInt32, matches: (Int32) -> Bool) -> Int32? {
        let mask = slots.count - 1
        var i = Int(hash) & mask
        while true {
            let value = slots[i]
            if value < 0 { return nil }
            if hashes[i] == hash, matches(value) { return value }
            i = (i + 1) & mask
        }
    }

    /// Adds `value` under `hash`; the caller has checked the key is new.
    mutating func insert(hash: UInt32, value: Int32) {
        if (count + 1) * 2 > slots.count { grow() }
        place(hash: hash, value: value)
        count += 1
    }

    private mutating func place(hash: UInt32, value: Int32) {
        let mask = slots.count - 1
        var i = Int(hash) & mask
        while slots[i] >= 0 { i = (i + 1) & mask }
        slots[i] = value
        hashes[i] = hash
    }

    private mutating func grow() {
        let oldSlots = slots, oldHashes = hashes
        slots = Array(repeating: -1, count: oldSlots.count * 2)
        hashes = Array(repeating: 0, count: oldSlots.count * 2)
        for i in 0..<oldSlots.count where oldSlots[i] >= 0 { place(hash: oldHashes[i], value: oldSlots[i]) }
    }
}

extension UnsafeBufferPointer where Element == UInt8 {
    @inline(__always)
    func equals(_ other: UnsafeBufferPointer<UInt8>) -> Bool {
        guard count == other.count else { return false }
        guard let a = baseAddress, let b = other.baseAddress else { return count == 0 }
        if count <= 16 {
            for k in 0..<count where a[k] != b[k] { return false }
            return true
        }
        return memcmp(a, b, count) == 0
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
