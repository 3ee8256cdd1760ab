/// One past each row's last item in a flattened column (the activities, moves or tags
/// of every lead, lead after lead): what `LeadColumns` spans a row's items with.
///
/// Kept in the least memory that holds it (issues 16 and 18, item 7: the memory of a
/// million leads). While every row so far has the same number of items, which is what
/// an import makes (no activity, one move each), the column is that number alone: no
/// array at all. Otherwise 32 bits a row, which hold up to four billion items (far more
/// than a table fits in memory), and 64 bits only past that. A million leads' three
/// such columns were 24 MB as `[Int]`; they are 12 MB loaded, and 0 to 4 MB imported.
struct RowEnds: Sendable, Equatable, RandomAccessCollection {
    /// While non-nil: every row has this many items, so row `i` ends at `(i + 1) * step`.
    private var step: Int? = nil
    private var narrow: [UInt32] = []
    /// Used instead of `narrow` once an end passes `UInt32.max`.
    private var wide: [Int]? = nil
    private(set) var count = 0

    init() {}

    /// The ends in `values`, which must never decrease (checked by the caller).
    init(_ values: [UInt32]) {
        count = values.count
        step = nil
        narrow = values
    }

    var startIndex: Int { 0 }
    var endIndex: Int { count }

    subscript(row: Int) -> Int {
        precondition(row >= 0 && row < count, "RowEnds: row out of range")
        if let step { return (row + 1) * step }
        if let wide { return wide[row] }
        return Int(narrow[row])
    }

    /// Whether the column is held as one number, not an array (for tests).
    var isUniform: Bool { step != nil }

    /// Appends the end of the next row.
    mutating func append(_ end: Int) {
        if count == 0 {
            step = end
            count = 1
            return
        }
        if let step {
            if end == (count + 1) * step {
                count += 1
                return
            }
            materialize(step)
        }
        if wide != nil {
            wide?.append(end)
        } else if let small = UInt32(exactly: end) {
            narrow.append(small)
        } else {
            var all = narrow.map(Int.init)
            all.append(end)
            wide = all
            narrow = []
        }
        count += 1
    }

    /// Appends `other`'s ends, each plus `offset` (the items before `other`'s first).
    mutating func append(contentsOf other: RowEnds, plus offset: Int) {
        if other.count == 0 { return }
        if let step, let otherStep = other.step, step == otherStep, offset == count * step {
            count += other.count
            return
        }
        reserveCapacity(count + other.count)
        for row in 0..<other.count { append(other[row] + offset) }
    }

    mutating func reserveCapacity(_ capacity: Int) {
        if step != nil { return }
        if wide != nil { wide?.reserveCapacity(capacity) } else { narrow.reserveCapacity(capacity) }
    }

    /// The ends as 32-bit values (what a snapshot stores); nil past `UInt32.max`.
    var narrowValues: [UInt32]? {
        if wide != nil { return nil }
        if let step {
            guard UInt32(exactly: count * step) != nil else { return nil }
            return (0..<count).map { UInt32(($0 + 1) * step) }
        }
        return narrow
    }

    /// Turns a uniform column into an array of its `count` ends so far.
    private mutating func materialize(_ step: Int) {
        self.step = nil
        if UInt32(exactly: count * step) != nil {
            narrow = (0..<count).map { UInt32(($0 + 1) * step) }
        } else {
            wide = (0..<count).map { ($0 + 1) * step }
        }
    }
}
