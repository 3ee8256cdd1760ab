/// A `LeadTable` as snapshot sections, and back.
///
/// Everything the columns hold is written; what the table computes later (search index,
/// derived columns, memos) is not. The file's bytes are not in the snapshot: the table
/// points into the JSON file, which is read as before, so leads kept whole, `show` and
/// a save of unedited leads work exactly as after a full load.
///
/// Every stored field of `LeadColumns` must appear here, in the same order on both
/// sides; `SnapshotTests` counts them, so a column added without a section fails a test
/// instead of loading empty.
enum SnapshotTable {
    /// How many stored properties of `LeadColumns` the sections below cover.
    static let coveredColumnFields = 22

    static func write(_ table: LeadTable, into w: inout SnapshotWriter) {
        let c = table.columns
        w.value(c.count)
        for column in c.text { w.section(column) }
        w.section(c.arena)
        w.section(c.stage)
        for column in c.categories { write(column, into: &w) }
        for column in c.numbers { w.section(column) }
        w.section(c.attempts)
        write(c.activityTypes, into: &w)
        w.section(c.activityAt)
        section(c.activityEnd, into: &w)
        w.section(c.historyFrom)
        w.section(c.historyTo)
        w.section(c.historyAt)
        section(c.historyEnd, into: &w)
        w.section(c.historyNote)
        w.section(c.historyReject)
        w.section(c.feedbackCount)
        w.section(c.feedbackLatest)
        write(c.tags, into: &w)
        section(c.tagEnd, into: &w)
        section(c.fieldsStart, into: &w)
        section(c.fieldsEnd, into: &w)
        section(table.rawStart, into: &w)
        section(table.rawEnd, into: &w)
        w.section(table.canonical)
        w.section(table.respaced)
        w.section(table.whole.keys.sorted())
        w.strings(table.funnel.stages.map(\.id))
        let index = table.index.parts
        w.section(index.slots)
        w.section(index.hashes)
    }

    /// Row ends as 32-bit values; an empty section (which no reader takes for a table
    /// with rows, so the snapshot is rebuilt, never misread) past `UInt32.max` items.
    private static func section(_ ends: RowEnds, into w: inout SnapshotWriter) {
        w.section(ends.narrowValues ?? [])
    }

    /// File offsets in 32 bits; an empty section past 4 GiB, as for row ends.
    private static func section(_ offsets: FileOffsets, into w: inout SnapshotWriter) {
        w.section(offsets.narrowValues ?? [])
    }

    private static func write(_ column: CategoryColumn, into w: inout SnapshotWriter) {
        w.section(column.codes)
        w.strings(column.values)
    }

    /// The table the sections describe, over `source` (the JSON file's bytes) with
    /// `funnel` (the one the workspace defines where its leads begin). Every offset and
    /// code is checked against what it points into, so even a snapshot that passed the
    /// checksum cannot make a lookup go out of bounds.
    static func read(_ r: inout SnapshotReader, source: FileBytes, funnel: Funnel,
                     leads: Range<Int>) throws(SnapshotUnusable) -> LeadTable {
        var c = LeadColumns()
        let count = try r.value()
        guard count >= 0, count <= source.count else { throw SnapshotUnusable() }
        for k in c.text.indices { c.text[k] = try rows(&r, count) }
        c.arena = try r.section()
        c.stage = try rows(&r, count)
        for k in c.categories.indices { c.categories[k] = try category(&r, count) }
        for k in c.numbers.indices { c.numbers[k] = try rows(&r, count) }
        c.attempts = try rows(&r, count)
        c.activityTypes = try category(&r, nil)
        c.activityAt = try r.section()
        c.activityEnd = try ends(&r, count, total: c.activityAt.count)
        guard c.activityTypes.codes.count == c.activityAt.count else { throw SnapshotUnusable() }
        c.historyFrom = try r.section()
        c.historyTo = try r.section()
        c.historyAt = try r.section()
        c.historyEnd = try ends(&r, count, total: c.historyAt.count)
        c.historyNote = try r.section()
        c.historyReject = try r.section()
        guard [c.historyFrom.count, c.historyTo.count, c.historyNote.count, c.historyReject.count].allSatisfy({ $0 == c.historyAt.count })
        else { throw SnapshotUnusable() }
        c.feedbackCount = try rows(&r, count)
        c.feedbackLatest = try rows(&r, count)
        c.tags = try category(&r, nil)
        c.tagEnd = try ends(&r, count, total: c.tags.codes.count)
        c.fieldsStart = FileOffsets(narrow: try rows(&r, count))
        c.fieldsEnd = FileOffsets(narrow: try rows(&r, count))
        let rawStart = FileOffsets(narrow: try rows(&r, count))
        let rawEnd = FileOffsets(narrow: try rows(&r, count))
        let canonical: [Bool] = try rows(&r, count)
        let respaced: [Bool] = try rows(&r, count)
        let wholeRows: [Int] = try r.section()
        let stageIDs = try r.strings()
        let indexSlots: [Int32] = try r.section()
        let indexHashes: [UInt32] = try r.section()
        guard r.remaining == 0, stageIDs == funnel.stages.map(\.id) else { throw SnapshotUnusable() }
        c.setRestoredCount(count)

        // Bounds: text into the file or the arena, lead and `fields` ranges into the array.
        for column in c.text + [c.historyNote] {
            for ref in column where !ref.isNone {
                guard ref.offset + ref.length <= (ref.inArena ? c.arena.count : source.count) else { throw SnapshotUnusable() }
            }
        }
        for row in 0..<count {
            guard leads.lowerBound < rawStart[row], rawStart[row] < rawEnd[row], rawEnd[row] < leads.upperBound,
                  c.fieldsStart[row] == -1 || (rawStart[row] < c.fieldsStart[row] && c.fieldsStart[row] < c.fieldsEnd[row]
                                               && c.fieldsEnd[row] < rawEnd[row])
            else { throw SnapshotUnusable() }
        }
        // Leads kept whole are decoded again from the file, as the decoder did.
        var whole: [Int: Lead] = [:]
        for row in wholeRows {
            guard row >= 0, row < count,
                  let value = source.withUnsafeBufferPointer({ try? JSONParser.parseValue(in: $0, at: rawStart[row]) }),
                  value.end == rawEnd[row], let lead = try? Lead(json: value.value, funnel: funnel) else { throw SnapshotUnusable() }
            whole[row] = lead
        }
        // The id index as the decoder left it (checked to hold each row once); rebuilt
        // from the ids, which reads every id in the file, only when it is not.
        let index: LeadIDIndex
        if let restored = LeadIDIndex(slots: indexSlots, hashes: indexHashes, rows: count) {
            index = restored
        } else {
            index = try idIndex(c, source: source)
        }
        return LeadTable(columns: c, source: source, rawStart: rawStart, rawEnd: rawEnd, canonical: canonical, respaced: respaced,
                         whole: whole, funnel: funnel, index: index)
    }

    /// A section of exactly one value per lead.
    private static func rows<T: BitwiseCopyable>(_ r: inout SnapshotReader, _ count: Int) throws(SnapshotUnusable) -> [T] {
        let values: [T] = try r.section()
        guard values.count == count else { throw SnapshotUnusable() }
        return values
    }

    /// A per-lead "one past the last item" section: never decreasing, ending at `total`.
    private static func ends(_ r: inout SnapshotReader, _ count: Int, total: Int) throws(SnapshotUnusable) -> RowEnds {
        let values: [UInt32] = try rows(&r, count)
        var previous = 0
        for end in values {
            guard Int(end) >= previous else { throw SnapshotUnusable() }
            previous = Int(end)
        }
        guard previous == total else { throw SnapshotUnusable() }
        return RowEnds(values)
    }

    /// An interned column: its codes (one per lead when `count` is given) and values,
    /// interned again in order so the column's lookup table is rebuilt.
    private static func category(_ r: inout SnapshotReader, _ count: Int?) throws(SnapshotUnusable) -> CategoryColumn {
        let codes: [UInt32] = try r.section()
        let values = try r.strings()
        if let count, codes.count != count { throw SnapshotUnusable() }
        var column = CategoryColumn()
        for (code, value) in values.enumerated() {
            guard column.intern(value) == UInt32(code) else { throw SnapshotUnusable() }
        }
        for code in codes where code != CategoryColumn.none && code >= UInt32(values.count) { throw SnapshotUnusable() }
        column.codes = codes
        return column
    }

    /// The id index, rebuilt from the id column; a repeated or missing id (which the
    /// decoder never lets through) makes the snapshot unusable.
    private static func idIndex(_ c: LeadColumns, source: FileBytes) throws(SnapshotUnusable) -> LeadIDIndex {
        var index = LeadIDIndex(capacity: max(16, c.count))
        let ids = c.text[TextField.id.rawValue]
        return try source.withUnsafeBufferPointer { file throws(SnapshotUnusable) in
            try c.arena.withUnsafeBufferPointer { arena throws(SnapshotUnusable) in
                func bytes(_ ref: TextRef) -> UnsafeBufferPointer<UInt8> {
                    UnsafeBufferPointer(rebasing: (ref.inArena ? arena : file)[ref.offset..<(ref.offset + ref.length)])
                }
                for row in 0..<c.count {
                    let ref = ids[row]
                    guard !ref.isNone else { throw SnapshotUnusable() }
                    let mine = bytes(ref)
                    let first = index.insert(row: row, hash: ByteHashTable.hash(mine)) { other in bytes(ids[Int(other)]).equals(mine) }
                    guard first == nil else { throw SnapshotUnusable() }
                }
                return index
            }
        }
    }
}
