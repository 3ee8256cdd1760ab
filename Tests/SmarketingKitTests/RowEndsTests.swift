import Testing
@testable import SmarketingKit

/// The compact per-row columns of the store (issues 16 and 18, item 7: memory): they
/// must read exactly as the arrays they replace, whatever form they take.
@Suite("Row ends and row lines")
struct RowEndsTests {
    @Test("row ends read back as appended: uniform while every row has as many items, 32-bit after, wide past UInt32.max")
    func ends() {
        var uniform = RowEnds()
        for row in 0..<1000 { uniform.append(row + 1) }
        #expect(uniform.isUniform)
        #expect(Array(uniform) == Array(1...1000))
        #expect(uniform.narrowValues == (1...1000).map(UInt32.init))

        var none = RowEnds()
        for _ in 0..<10 { none.append(0) }
        #expect(none.isUniform && Array(none) == Array(repeating: 0, count: 10))

        var mixed = RowEnds()
        let values = [2, 4, 6, 6, 9, 9, 9, 15]
        values.forEach { mixed.append($0) }
        #expect(!mixed.isUniform)
        #expect(Array(mixed) == values)

        var wide = mixed
        let big = Int(UInt32.max) + 10
        wide.append(big)
        wide.append(big + 1)
        #expect(Array(wide) == values + [big, big + 1])
        #expect(wide.narrowValues == nil, "a snapshot cannot hold it in 32 bits: it writes none, and is rebuilt")

        // Joining halves: uniform stays uniform when it lines up, else the values shift.
        var first = RowEnds()
        (1...3).forEach { first.append($0) }
        var second = RowEnds()
        (1...2).forEach { second.append($0) }
        var joined = first
        joined.append(contentsOf: second, plus: 3)
        #expect(joined.isUniform && Array(joined) == [1, 2, 3, 4, 5])
        var shifted = mixed
        shifted.append(contentsOf: first, plus: 15)
        #expect(Array(shifted) == values + [16, 17, 18])
        #expect(Array(RowEnds([0, 3, 3])) == [0, 3, 3])
    }

    @Test("row lines are held as runs of consecutive lines and read back as appended, with their ranges")
    func lines() {
        var lines = RowLines()
        let appended = [2, 3, 4, 7, 8, 10, 12, 13, 14, 15]
        appended.forEach { lines.append($0) }
        #expect((0..<appended.count).map { lines[$0] } == appended)
        #expect(lines.ranges == [2...4, 7...8, 10...10, 12...15])
        var clean = RowLines()
        for line in 2..<100_002 { clean.append(line) }
        #expect(clean[99_999] == 100_001 && clean.ranges == [2...100_001])
    }

    @Test("file offsets read back as appended, -1 for none, in 32 bits until one passes UInt32.max")
    func offsets() {
        var offsets: FileOffsets = [5, -1, 0, 4_000_000_000]
        #expect(Array(offsets) == [5, -1, 0, 4_000_000_000])
        #expect(offsets.narrowValues == [5, .max, 0, 4_000_000_000])
        var other = FileOffsets()
        other.append(7)
        offsets.append(contentsOf: other)
        #expect(Array(offsets) == [5, -1, 0, 4_000_000_000, 7])
        let big = Int(UInt32.max) + 1
        offsets.append(big)
        offsets.append(-1)
        #expect(Array(offsets) == [5, -1, 0, 4_000_000_000, 7, big, -1])
        #expect(offsets.narrowValues == nil, "a snapshot cannot hold it in 32 bits: it writes none, and is rebuilt")
        var joined: FileOffsets = [1]
        joined.append(contentsOf: offsets)
        #expect(Array(joined) == [1] + Array(offsets))
        #expect(Array(FileOffsets(narrow: [3, .max])) == [3, -1])
    }
}
