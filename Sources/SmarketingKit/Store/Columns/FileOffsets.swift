/// A byte offset per row into the table's file (where each lead, or its `fields`
/// object, starts and ends; -1 for none), in 32 bits a row while the file is under
/// 4 GiB, which every workspace that fits in memory beside its columns is, and in 64
/// past that. A million leads' four such columns were 32 MB as `[Int]`, now 16 MB
/// (issue 18, item 7: the memory of a load).
struct FileOffsets: Sendable, Equatable, RandomAccessCollection, ExpressibleByArrayLiteral {
    /// The offsets, `UInt32.max` standing for -1; unused once `wide` is set.
    private var narrow: [UInt32] = []
    private var wide: [Int]? = nil

    init() {}

    init(arrayLiteral elements: Int...) {
        for element in elements { append(element) }
    }

    /// Offsets as a snapshot stores them (`narrowValues`).
    init(narrow values: [UInt32]) {
        narrow = values
    }

    var startIndex: Int { 0 }
    var endIndex: Int { wide?.count ?? narrow.count }

    subscript(row: Int) -> Int {
        if let wide { return wide[row] }
        let value = narrow[row]
        return value == .max ? -1 : Int(value)
    }

    mutating func append(_ offset: Int) {
        if wide != nil {
            wide?.append(offset)
        } else if offset >= 0, offset < Int(UInt32.max) {
            narrow.append(UInt32(offset))
        } else if offset == -1 {
            narrow.append(.max)
        } else {
            var all = Array(self)
            all.append(offset)
            wide = all
            narrow = []
        }
    }

    mutating func append(contentsOf other: FileOffsets) {
        if wide == nil, other.wide == nil {
            narrow.append(contentsOf: other.narrow)
        } else {
            for offset in other { append(offset) }
        }
    }

    mutating func reserveCapacity(_ capacity: Int) {
        if wide != nil { wide?.reserveCapacity(capacity) } else { narrow.reserveCapacity(capacity) }
    }

    /// The offsets in 32 bits (`UInt32.max` for -1), what a snapshot stores; nil for a
    /// file past 4 GiB, whose table a snapshot then does not hold.
    var narrowValues: [UInt32]? { wide == nil ? narrow : nil }
}
