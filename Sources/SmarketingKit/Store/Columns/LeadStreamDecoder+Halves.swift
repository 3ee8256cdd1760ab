import Dispatch
import Foundation
import Synchronization


/// Both cores for a large load (issue 18, item 7): the leads array is cut at a lead
/// boundary near its middle, the second half is decoded on another thread into its own
/// columns while this thread decodes the first, and the halves are joined.
///
/// The cut is a guess checked by the first half: its decoder must arrive at exactly that
/// byte as the start of a lead. When it does not (the guess fell inside a lead), or the
/// second half refused anything (an error, a repeated id is only found at the join), the
/// second half's work is dropped and the first decoder reads on as a serial load would,
/// so the table, and every error, are the serial load's.
extension LeadStreamDecoder {
    /// Below this many bytes of leads a second thread is not worth starting: a 10k
    /// workspace (~10 MB) loads in one.
    static let parallelMinimumBytes = 24 << 20

    /// How many loads joined two halves (for tests: that the cut was taken).
    static let halvesJoined = Atomic<Int>(0)

    /// A lead boundary near the middle of the leads from `offset` on: a `{"id"` that
    /// follows a comma (whitespace between); nil when the array is small or none is
    /// found close to the middle.
    static func splitPoint(_ buffer: UnsafeBufferPointer<UInt8>, from offset: Int) -> Int? {
        guard buffer.count - offset >= parallelMinimumBytes, ProcessInfo.processInfo.activeProcessorCount > 1 else { return nil }
        let pattern = Array("{\"id\"".utf8)
        var k = offset + (buffer.count - offset) / 2
        let limit = min(buffer.count - pattern.count, k + (4 << 20))
        while k < limit {
            if buffer[k] == pattern[0], buffer[k + 1] == pattern[1], buffer[k + 2] == pattern[2], buffer[k + 3] == pattern[3],
               buffer[k + 4] == pattern[4] {
                var back = k - 1
                while back > offset, buffer[back] == 0x20 || buffer[back] == 0x0A || buffer[back] == 0x0D || buffer[back] == 0x09 {
                    back -= 1
                }
                if buffer[back] == UInt8(ascii: ",") { return k }
            }
            k += 1
        }
        return nil
    }

    /// Reads the array (at `[`) in two halves, the second from `split` on another thread.
    mutating func readArrayInHalves(split: Int) throws(StreamRefusal) {
        LargeAllocations.returnWhenFreed()
        let second = SecondHalf(bytes: bytes, split: split, funnel: funnel)
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            second.run()
            done.signal()
        }
        // The buffer must outlive the other thread's reading: wait for it on every path.
        defer { done.wait() }
        try expect(UInt8(ascii: "["))
        // Room for the whole array, not this half: the second half's columns are then
        // appended in place at the join, where growing each column had its old buffer,
        // its new one and the second half's alive at once (the load's peak, issue 18,
        // item 7). Capacity not yet written to takes no memory.
        reserve(forBytes: bytes.count - i)
        skipWhitespace()
        if peek == UInt8(ascii: "]") { i += 1; return }
        guard try readElements(stopAt: split) else { return }  // the array ended before the cut
        done.wait()
        done.signal()  // balances the deferred wait
        if var tail = second.take() {
            try absorb(&tail)
        } else {
            _ = try readElements(stopAt: nil)
        }
    }

    /// Appends the second half's leads to this decoder's, remapping what is numbered
    /// per decoder (interned codes, arena offsets, kept leads' rows) and indexing its ids
    /// (a repeated id refuses the document, as in a serial load). Each of `other`'s
    /// columns is released once appended, so the join needs little more memory than the
    /// joined table.
    mutating func absorb(_ other: inout LeadStreamDecoder) throws(StreamRefusal) {
        let base = columns.count
        let arenaBase = columns.arena.count
        var failed = false
        // In place: a shifted copy of a column was one more column alive at the join.
        func shift(_ refs: inout [TextRef]) {
            for k in refs.indices {
                let ref = refs[k]
                guard !ref.isNone, ref.inArena else { continue }
                guard let moved = TextRef(offset: ref.offset + arenaBase, length: ref.length, inArena: true) else {
                    failed = true
                    continue
                }
                refs[k] = moved
            }
        }
        func move<T>(_ target: inout [T], _ source: inout [T]) {
            target.append(contentsOf: source)
            source = []
        }
        func moveEnds(_ target: inout RowEnds, _ source: inout RowEnds, plus offset: Int) {
            target.append(contentsOf: source, plus: offset)
            source = RowEnds()
        }
        var o = other.columns
        other.columns = LeadColumns()
        for k in columns.text.indices {
            shift(&o.text[k])
            columns.text[k].append(contentsOf: o.text[k])
            o.text[k] = []
        }
        move(&columns.arena, &o.arena)
        move(&columns.stage, &o.stage)
        for k in columns.categories.indices { Self.join(&columns.categories[k], &o.categories[k]) }
        for k in columns.numbers.indices { move(&columns.numbers[k], &o.numbers[k]) }
        move(&columns.attempts, &o.attempts)
        Self.join(&columns.activityTypes, &o.activityTypes)
        moveEnds(&columns.activityEnd, &o.activityEnd, plus: columns.activityAt.count)
        move(&columns.activityAt, &o.activityAt)
        moveEnds(&columns.historyEnd, &o.historyEnd, plus: columns.historyAt.count)
        move(&columns.historyFrom, &o.historyFrom)
        move(&columns.historyTo, &o.historyTo)
        move(&columns.historyAt, &o.historyAt)
        shift(&o.historyNote)
        columns.historyNote.append(contentsOf: o.historyNote)
        o.historyNote = []
        move(&columns.historyReject, &o.historyReject)
        move(&columns.feedbackCount, &o.feedbackCount)
        move(&columns.feedbackLatest, &o.feedbackLatest)
        moveEnds(&columns.tagEnd, &o.tagEnd, plus: columns.tags.codes.count)
        Self.join(&columns.tags, &o.tags)
        func moveOffsets(_ target: inout FileOffsets, _ source: inout FileOffsets) {
            target.append(contentsOf: source)
            source = []
        }
        moveOffsets(&columns.fieldsStart, &o.fieldsStart)
        moveOffsets(&columns.fieldsEnd, &o.fieldsEnd)
        if failed { throw StreamRefusal() }
        columns.setRestoredCount(base + o.count)
        moveOffsets(&rawStart, &other.rawStart)
        moveOffsets(&rawEnd, &other.rawEnd)
        move(&canonical, &other.canonical)
        move(&respaced, &other.respaced)
        for (row, lead) in other.whole { whole[base + row] = lead }
        for row in base..<columns.count { try addToIndex(row) }
        i = other.i
        Self.halvesJoined.add(1, ordering: .relaxed)
    }

    /// Appends `other`'s codes to `target`, interning its values into `target`'s table.
    private static func join(_ target: inout CategoryColumn, _ other: inout CategoryColumn) {
        var codes: [UInt32] = []
        codes.reserveCapacity(other.values.count)
        for value in other.values { codes.append(target.intern(value)) }
        target.codes.append(contentsOf: other.codes.lazy.map { $0 == CategoryColumn.none ? $0 : codes[Int($0)] })
        other = CategoryColumn()
    }
}

/// The second half's decoder, run on another thread: it reads leads from the cut to the
/// array's end, or gives up on the first thing it refuses.
private final class SecondHalf: @unchecked Sendable {
    // Unchecked: `bytes` is read-only and outlives the thread (the first half waits), and
    // `result` is written by the worker before it signals and read after the wait.
    private let bytes: UnsafeBufferPointer<UInt8>
    private let split: Int
    private let funnel: Funnel
    private var result: LeadStreamDecoder?

    init(bytes: UnsafeBufferPointer<UInt8>, split: Int, funnel: Funnel) {
        self.bytes = bytes
        self.split = split
        self.funnel = funnel
    }

    func run() {
        var decoder = LeadStreamDecoder(bytes: bytes, i: split, funnel: funnel, index: LeadIDIndex())
        decoder.indexing = false
        decoder.reserve(forBytes: bytes.count - split)
        guard (try? decoder.readElements(stopAt: nil)) != nil else { return }
        result = decoder
    }

    func take() -> LeadStreamDecoder? {
        defer { result = nil }
        return result
    }
}
