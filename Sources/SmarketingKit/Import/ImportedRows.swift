import Foundation

/// The leads an add-only import brought in, held the way a loaded workspace holds its
/// leads: one column per field, filled straight from the file's cells, and the file's
/// own bytes, which the text columns point into. No `Lead` value is kept per row; the
/// rare caller that needs a whole lead (`show`, a save, an edit) gets it made again from
/// its row of the file by `ImportedRows`, through the same code the import planned with.
///
/// A million leads were a million `Lead` values (strings, a dictionary of custom fields,
/// a history array each) held by the plan, the change and the table at once: ten times
/// the size of the CSV. This keeps the CSV once and about 210 bytes a row beside it: 175
/// of columns (the layout a loaded workspace has), 17 of id index, 4 of row offsets (the
/// lines are kept as runs), and the history note of a lead in a side stage (what
/// `reason` reads).
public final class ImportedLeads: Sendable, Equatable, CustomStringConvertible {
    let table: LeadTable

    init(table: LeadTable) {
        self.table = table
    }

    /// How many leads the import added.
    public var count: Int { table.count }

    /// The lead in `row` (0-based, in the order of the file).
    public func lead(at row: Int) -> Lead { table.lead(at: row) }

    /// The id of the lead in `row`, read from the id column.
    public func id(at row: Int) -> String { table.id(at: row) }

    /// One batch is only ever equal to itself: it is compared by identity, as the table is.
    public static func == (lhs: ImportedLeads, rhs: ImportedLeads) -> Bool { lhs === rhs }

    public var description: String { "ImportedLeads(\(count))" }
}

/// Where each imported lead's row is in the file, and how a row reads, so a lead can be
/// made again from its row on demand.
struct ImportedRows: Sendable {
    /// What reading a row takes: the columns with their fields (and custom kinds as the
    /// whole file showed them), the clauses, and what the history entry says.
    struct Decoder: Sendable {
        let layout: ImportPlanner.Layout
        let spec: ImportSpec
        let dates: ImportDate
        let file: String
        let actor: String
        let now: Date
    }

    let decoder: Decoder
    let separator: UInt8
    /// Where each row's record starts in the table's `source` (never decreasing, so held
    /// as `RowEnds` are: 32 bits a row), and its line in the file.
    let rowStart: RowEnds
    let rowLine: RowLines

    /// The cells of `row`'s record.
    func fields(of row: Int, in source: FileBytes) -> [String] {
        // An import's table holds its CSV as an array (`ImportedRowsBuilder.table`), so
        // this is no copy.
        var parser = CSVReader.Parser(bytes: source.array, separator: separator)
        parser.i = rowStart[row]
        parser.line = rowLine[row]
        return ((try? parser.next()) ?? nil)?.1 ?? []
    }

    /// The lead in `row` of `table`, as the import made it.
    func lead(at row: Int, in table: LeadTable) -> Lead {
        var tally = ImportTally()
        let d = decoder
        var lead = ImportPlanner.read(fields(of: row, in: table.source), layout: d.layout, spec: d.spec, dates: d.dates,
                                      custom: true, tally: &tally).lead
        lead.id = table.id(at: row)
        // An owner the import gave (the sales person importing) is in the column only.
        if lead.owner == nil { lead.owner = table.columns.categories[CategoryField.owner.rawValue].value(at: row) }
        let code = Int(table.columns.stage[row])
        lead.stage = table.funnel.stages.indices.contains(code) ? table.funnel.stages[code].id : "lead"
        lead.history = [StageChange(at: lead.created ?? d.now, from: nil, to: lead.stage, by: d.actor,
                                    note: "imported from \(d.file) at line \(rowLine[row])")]
        return lead
    }

    /// The custom fields `row` holds: its answered cells in columns kept as `fields.NAME`.
    func customFieldNames(at row: Int, in table: LeadTable) -> [String] {
        let fields = fields(of: row, in: table.source)
        return decoder.layout.columns.indices.compactMap { index in
            guard case .custom(let key) = decoder.layout.columns[index].field, index < fields.count,
                  decoder.layout.value(fields[index], spec: decoder.spec) != nil else { return nil }
            return key
        }
    }

    /// The value of custom field `key` in `row`, read from its cell alone.
    func customValue(_ key: String, at row: Int, in table: LeadTable) -> JSONValue? {
        guard let index = decoder.layout.columns.firstIndex(where: { $0.field == .custom(key) }) else { return nil }
        let fields = fields(of: row, in: table.source)
        guard index < fields.count, let value = decoder.layout.value(fields[index], spec: decoder.spec) else { return nil }
        if decoder.layout.columns[index].kind == "number", let n = Double(value) { return .number(n) }
        return .string(value)
    }
}

/// The line of the file each imported row came from, held as its runs of consecutive
/// lines: one run for a clean file (a record a line), one more after each blank line,
/// skipped row or record with a quoted line break. A million rows' lines were 4 MB.
struct RowLines: Sendable {
    /// The first row of each run and the line it is on.
    private var runRow: [Int] = []
    private var runLine: [Int] = []
    private(set) var count = 0

    /// Appends the line of the next row.
    mutating func append(_ line: Int) {
        if let lastRow = runRow.last, let lastLine = runLine.last, lastLine + (count - lastRow) == line {
            count += 1
            return
        }
        runRow.append(count)
        runLine.append(line)
        count += 1
    }

    subscript(row: Int) -> Int {
        precondition(row >= 0 && row < count, "RowLines: row out of range")
        // The last run starting at or before `row`.
        var low = 0
        var high = runRow.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if runRow[middle] <= row { low = middle } else { high = middle - 1 }
        }
        return runLine[low] + (row - runRow[low])
    }

    /// The lines as ranges of consecutive lines, in row order.
    var ranges: [ClosedRange<Int>] {
        runRow.indices.map { k in
            let rows = (k + 1 < runRow.count ? runRow[k + 1] : count) - runRow[k]
            return runLine[k]...(runLine[k] + rows - 1)
        }
    }
}

/// Fills the columns of an import row by row (see `ImportedLeads`).
struct ImportedRowsBuilder {
    private var columns = LeadColumns()
    private var rowStart = RowEnds()
    private var rowLine = RowLines()
    private let source: [UInt8]
    private let codes: StageCodes
    /// The column of the file each text field comes from, when one does.
    private let textColumn: [Int?]

    private let separator: UInt8
    /// Whether each stage code is a side stage (lost, nurture).
    private let isSide: [Bool]

    init(source: [UInt8], separator: UInt8, funnel: Funnel, columns: [ImportPlan.Column]) {
        self.source = source
        self.separator = separator
        codes = StageCodes(funnel: funnel)
        var side = [Bool](repeating: false, count: 256)
        for (code, stage) in funnel.stages.enumerated() where code < 254 { side[code] = stage.isSide }
        isSide = side
        textColumn = TextField.allCases.map { field in
            let wanted: ImportField = switch field {
            case .id: .id
            case .name: .name
            case .email: .email
            case .phone: .phone
            case .company: .company
            case .title: .title
            }
            return columns.firstIndex { $0.field == wanted }
        }
    }

    var count: Int { columns.count }

    /// Makes room for `rows` rows, so no
    /// column is copied to a buffer twice its size as it grows (the old and the new
    /// buffer of each column at once were the peak of a large import).
    mutating func reserve(_ rows: Int) {
        columns.reserve(rows)
        columns.historyFrom.reserveCapacity(rows)
        columns.historyTo.reserveCapacity(rows)
        columns.historyAt.reserveCapacity(rows)
        columns.historyNote.reserveCapacity(rows)
        columns.historyReject.reserveCapacity(rows)
        columns.tagEnd.reserveCapacity(rows)
        rowStart.reserveCapacity(rows)
    }

    /// At most how many records `text` holds after `start`: its lines that are not empty
    /// (a quoted line break makes it a little more), and no more than a record of
    /// `columns` cells could fit in. Counted with one pass over the bytes.
    ///
    /// A line counts when it holds anything but its line end: a CRLF file's lines (every
    /// export smk writes) counted none before, so a million rows' columns grew by
    /// doubling, each copy leaving its old buffer in the heap (issue 16, item 7).
    static func estimatedRows(in text: [UInt8], from start: Int, columns: Int) -> Int {
        var lines = 0
        text.withUnsafeBufferPointer { bytes in
            var content = false
            var i = start
            while i < bytes.count {
                let byte = bytes[i]
                if byte == 0x0A {
                    if content { lines += 1 }
                    content = false
                } else if byte != 0x0D {
                    content = true
                }
                i += 1
            }
            if content { lines += 1 }
        }
        return min(lines, max(0, text.count - start) / max(2, columns + 1))
    }

    /// Appends `lead` (planned from the record at `start`, whose cells are at `ranges`);
    /// returns its row. A text field whose value is its cell's bytes points at them.
    mutating func append(_ lead: Lead, line: Int, start: Int, ranges: [Range<Int>]) -> Int {
        let row = columns.count
        let columnOf = textColumn
        // The history note ("imported from FILE at line N") is kept in the columns only
        // where a column reader reads it: a move into a side stage, whose note is the
        // lead's `reason`. The lead made from its row always has it (40 bytes a lead saved).
        var stored = lead
        if !isSide[Int(codes.code(of: lead.stage))] {
            for k in stored.history.indices { stored.history[k].note = nil }
        }
        source.withUnsafeBufferPointer { bytes in
            columns.append(stored, codes: codes, fieldSpans: false) { field, value in
                guard let column = columnOf[field.rawValue], column < ranges.count else { return nil }
                let range = ranges[column]
                var text = value
                let same = text.withUTF8 { $0.count == range.count && UnsafeBufferPointer(rebasing: bytes[range]).equals($0) }
                return same ? TextRef(offset: range.lowerBound, length: range.count, inArena: false) : nil
            }
        }
        rowStart.append(start)
        rowLine.append(line)
        return row
    }

    /// The line of the file `row` came from.
    func line(of row: Int) -> Int { rowLine[row] }

    /// Whether the id of `row` is `bytes`.
    func id(of row: Int, equals bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let ref = columns.text[TextField.id.rawValue][row]
        if ref.isNone { return bytes.isEmpty }
        let storage = ref.inArena ? columns.arena : source
        return storage.withUnsafeBufferPointer { UnsafeBufferPointer(rebasing: $0[ref.offset..<(ref.offset + ref.length)]).equals(bytes) }
    }

    /// The table of the rows appended, reading leads with `decoder`.
    func table(decoder: ImportedRows.Decoder, index: LeadIDIndex) -> LeadTable {
        LeadTable(columns: columns, source: FileBytes(source), rawStart: [], rawEnd: [], canonical: [], whole: [:], funnel: codes.funnel,
                  index: index, rows: ImportedRows(decoder: decoder, separator: separator, rowStart: rowStart, rowLine: rowLine))
    }
}
