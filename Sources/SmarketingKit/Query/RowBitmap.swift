/// A set of rows as bits: what a column scan produces, combined with `and`, `or` and
/// `not` a word (64 rows) at a time.
struct RowBitmap: Sendable, Equatable {
    private(set) var words: [UInt64]
    let count: Int

    init(count: Int, filled: Bool = false) {
        self.count = count
        words = Array(repeating: filled ? ~0 : 0, count: (count + 63) / 64)
        if filled { clearTail() }
    }

    /// The rows below `count` for which `test` holds.
    @inline(__always)
    init(count: Int, where test: (Int) -> Bool) {
        self.count = count
        var words = [UInt64](repeating: 0, count: (count + 63) / 64)
        words.withUnsafeMutableBufferPointer { out in
            var row = 0
            for w in 0..<out.count {
                var word: UInt64 = 0
                let end = min(row + 64, count)
                var bit: UInt64 = 1
                while row < end {
                    if test(row) { word |= bit }
                    bit <<= 1
                    row += 1
                }
                out[w] = word
            }
        }
        self.words = words
    }

    /// The rows of `mask` (all rows below `count` when nil) for which `test` holds;
    /// with a mask, only its set rows are tested.
    @inline(__always)
    init(count: Int, within mask: RowBitmap?, where test: (Int) -> Bool) {
        guard let mask else {
            self = RowBitmap(count: count, where: test)
            return
        }
        var words = [UInt64](repeating: 0, count: (count + 63) / 64)
        words.withUnsafeMutableBufferPointer { out in
            mask.words.withUnsafeBufferPointer { maskWords in
                for w in 0..<maskWords.count {
                    var bits = maskWords[w]
                    var word: UInt64 = 0
                    while bits != 0 {
                        let bit = bits.trailingZeroBitCount
                        if test(w << 6 + bit) { word |= 1 << UInt64(bit) }
                        bits &= bits - 1
                    }
                    out[w] = word
                }
            }
        }
        self = RowBitmap(count: count, words: words)
    }

    private init(count: Int, words: [UInt64]) {
        self.count = count
        self.words = words
    }

    subscript(row: Int) -> Bool {
        get { words[row >> 6] & (1 << UInt64(row & 63)) != 0 }
        set {
            if newValue { words[row >> 6] |= 1 << UInt64(row & 63) } else { words[row >> 6] &= ~(1 << UInt64(row & 63)) }
        }
    }

    mutating func formIntersection(_ other: RowBitmap) {
        for w in words.indices { words[w] &= other.words[w] }
    }

    mutating func formUnion(_ other: RowBitmap) {
        for w in words.indices { words[w] |= other.words[w] }
    }

    mutating func invert() {
        for w in words.indices { words[w] = ~words[w] }
        clearTail()
    }

    private mutating func clearTail() {
        let extra = words.count * 64 - count
        if extra > 0, !words.isEmpty { words[words.count - 1] &= ~0 >> UInt64(extra) }
    }

    var cardinality: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    /// The set rows, ascending.
    var rows: [Int] {
        var result: [Int] = []
        result.reserveCapacity(cardinality)
        for (w, word) in words.enumerated() {
            var bits = word
            while bits != 0 {
                result.append(w << 6 + bits.trailingZeroBitCount)
                bits &= bits - 1
            }
        }
        return result
    }
}
