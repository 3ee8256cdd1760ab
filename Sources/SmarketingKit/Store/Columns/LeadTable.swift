import Foundation

/// A decoded leads array: the columns, the file bytes they point into, and the leads
/// that are kept whole. Immutable once built and shared by every copy of a `LeadStore`,
/// so forking a million-lead workspace copies a reference, not the leads.
final class LeadTable: Sendable {
    let columns: LeadColumns
    /// The workspace file as read (or mapped); text columns and raw lead slices point into it.
    let source: FileBytes
    /// Byte range of each lead's object in `source`; empty when the row was built from a
    /// `Lead` value (see `whole`).
    let rawStart: FileOffsets
    let rawEnd: FileOffsets
    /// True when the lead's text is exactly what `Lead.json` would write, so saving an
    /// unedited lead copies its bytes.
    let canonical: [Bool]
    /// True when the lead's text is what `Lead.json` would write but for its whitespace,
    /// so saving an unedited lead copies its bytes with the spacing rewritten.
    let respaced: [Bool]
    /// Leads kept as values: rows built from `Lead`s, or leads the streaming decoder left
    /// to the tree decoder.
    let whole: [Int: Lead]
    /// The funnel the stage codes and materialized leads were decoded with.
    let funnel: Funnel
    let index: LeadIDIndex
    /// Rows of an import, kept as the CSV file (`source`) they were read from: a lead is
    /// made again from its row (see `ImportedLeads`).
    let rows: ImportedRows?
    /// Columns derived from this table and the workspace's rules, kept between queries.
    let derived = DerivedColumns()
    /// Answers computed from this table's rows (duplicates, the search index, analyses).
    let memo = TableMemo()

    init(columns: LeadColumns, source: FileBytes, rawStart: FileOffsets, rawEnd: FileOffsets, canonical: [Bool], respaced: [Bool] = [],
         whole: [Int: Lead], funnel: Funnel, index: LeadIDIndex, rows: ImportedRows? = nil) {
        self.rows = rows
        self.columns = columns
        self.source = source
        self.rawStart = rawStart
        self.rawEnd = rawEnd
        self.canonical = canonical
        self.respaced = respaced
        self.whole = whole
        self.funnel = funnel
        self.index = index
    }

    static let empty = LeadTable(columns: LeadColumns(), source: .empty, rawStart: [], rawEnd: [], canonical: [],
                                 whole: [:], funnel: .standard, index: LeadIDIndex())

    /// A table of `leads`, all kept whole; fails with the first repeated id.
    static func build(_ leads: [Lead], funnel: Funnel = .standard) throws(DuplicateLeadID) -> LeadTable {
        var columns = LeadColumns()
        columns.reserve(leads.count)
        var whole: [Int: Lead] = [:]
        whole.reserveCapacity(leads.count)
        let stageCodes = StageCodes(funnel: funnel)
        for (row, lead) in leads.enumerated() {
            columns.append(lead, codes: stageCodes)
            whole[row] = lead
        }
        var index = LeadIDIndex(capacity: leads.count)
        for row in 0..<leads.count {
            var id = leads[row].id
            let hash = id.withUTF8 { ByteHashTable.hash($0) }
            let inserted = index.insert(row: row, hash: hash) { other in leads[Int(other)].id == leads[row].id }
            if let first = inserted { throw DuplicateLeadID(id: leads[row].id, firstRow: first, secondRow: row) }
        }
        return LeadTable(columns: columns, source: .empty, rawStart: [], rawEnd: [], canonical: [],
                         whole: whole, funnel: stageCodes.funnel, index: index)
    }

    var count: Int { columns.count }

    /// The bytes of a text cell.
    @inline(__always)
    func withBytes<R>(_ ref: TextRef, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if ref.isNone { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        if ref.inArena {
            return columns.arena.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[ref.offset..<(ref.offset + ref.length)])) }
        }
        return source.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[ref.offset..<(ref.offset + ref.length)])) }
    }

    func text(_ field: TextField, at row: Int) -> String? {
        let ref = columns.text[field.rawValue][row]
        if ref.isNone { return nil }
        return withBytes(ref) { String(decoding: $0, as: UTF8.self) }
    }

    func id(at row: Int) -> String {
        text(.id, at: row) ?? ""
    }

    /// The row of the lead with `id`.
    func row(of id: String) -> Int? {
        var key = id
        return key.withUTF8 { bytes in
            index.find(hash: ByteHashTable.hash(bytes)) { row in
                withBytes(columns.text[TextField.id.rawValue][Int(row)]) { $0.equals(bytes) }
            }
        }
    }

    /// The lead in `row`, decoded from its bytes unless it is kept whole.
    func lead(at row: Int) -> Lead {
        if let lead = whole[row] { return lead }
        if let rows { return rows.lead(at: row, in: self) }
        // The decoder validated these bytes with the same rules, so neither step can fail;
        // the fallback keeps the program total should that ever be wrong.
        let value = source.withUnsafeBufferPointer { buffer in
            try? JSONParser.parseValue(in: buffer, at: rawStart[row]).value
        }
        if let value, let lead = try? Lead(json: value, funnel: funnel) { return lead }
        return Lead(id: id(at: row), stage: funnel.stages.indices.contains(Int(columns.stage[row])) ? funnel.stages[Int(columns.stage[row])].id : "lead")
    }

    /// The raw object text of an unedited lead whose spacing alone differs from a save's.
    func respacedBytes(at row: Int) -> Range<Int>? {
        guard row < respaced.count, respaced[row], whole[row] == nil else { return nil }
        return rawStart[row]..<rawEnd[row]
    }

    /// The raw object text of an unedited lead, when saving may copy it.
    func canonicalBytes(at row: Int) -> Range<Int>? {
        guard row < canonical.count, canonical[row], whole[row] == nil else { return nil }
        return rawStart[row]..<rawEnd[row]
    }
}

/// Stage ids to small codes: the position in the funnel.
struct StageCodes {
    private(set) var funnel: Funnel
    private var codes: [String: UInt8] = [:]

    init(funnel: Funnel) {
        self.funnel = funnel
        for (i, stage) in funnel.stages.enumerated() where i < 254 && codes[stage.id] == nil { codes[stage.id] = UInt8(i) }
    }

    /// No stage: the `from` of a lead's first move.
    static let none: UInt8 = 254

    /// The code of a resolved stage id; 255 for a stage the funnel does not have.
    func code(of id: String) -> UInt8 {
        codes[id] ?? 255
    }
}

/// Lead id → row, hashing the id bytes where they are stored.
struct LeadIDIndex: Sendable {
    private var table: ByteHashTable

    init(capacity: Int = 16) {
        table = ByteHashTable(capacity: capacity)
    }

    /// An index restored from a snapshot (`ByteHashTable.init(slots:hashes:count:)`).
    init?(slots: [Int32], hashes: [UInt32], rows: Int) {
        guard let table = ByteHashTable(slots: slots, hashes: hashes, count: rows) else { return nil }
        self.table = table
    }

    var parts: (slots: [Int32], hashes: [UInt32]) { table.parts }

    func find(hash: UInt32, matches: (Int32) -> Bool) -> Int? {
        table.find(hash: hash, matches: matches).map(Int.init)
    }

    /// Adds `row`; returns the row that already has the same id instead, if any.
    mutating func insert(row: Int, hash: UInt32, sameID: (Int32) -> Bool) -> Int? {
        if let first = table.find(hash: hash, matches: sameID) { return Int(first) }
        table.insert(hash: hash, value: Int32(row))
        return nil
    }
}
