/// The workspace's leads, addressed by row and by id.
///
/// Commands reach leads only through this type, so its layout could change without
/// touching a command: the loaded leads live in a shared, immutable `LeadTable` (one
/// column per field, the file's bytes for the rest), and edits sit beside it as whole
/// `Lead` values. Copying a store copies a reference and the (small) edits, which is
/// what makes scenarios and undo cheap on a million leads.
public struct LeadStore: Sendable, Equatable {
    let table: LeadTable
    /// Current values of table rows changed since loading, by table row. A lead edited
    /// back to its loaded value leaves this map, so it saves to its original bytes.
    private(set) var edited: [Int: Lead] = [:]
    /// Row → table row (≥ 0) or `-1 - key` of an inserted lead; nil while the rows are
    /// exactly the table's (no insert or remove), the case the column scans are fast for.
    private(set) var layout: [Int]?
    private var inserted: [Int: Lead] = [:]
    private var nextKey = 0
    /// Row of each table row (-1 when removed) and of each inserted id; only with a layout.
    private var positions: [Int32] = []
    private var insertedRows: [String: Int] = [:]

    /// An empty store.
    public init() {
        table = .empty
    }

    /// A store of `leads`; fails with the first repeated id.
    public init(_ leads: [Lead]) throws(DuplicateLeadID) {
        table = try LeadTable.build(leads)
    }

    init(table: LeadTable) {
        self.table = table
    }

    public var count: Int { layout?.count ?? table.count }
    public var isEmpty: Bool { count == 0 }

    /// The table row (≥ 0) or inserted key (< 0) behind `row`.
    @inline(__always)
    func slot(of row: Int) -> Int { layout?[row] ?? row }

    /// The table row behind `row` when the columns describe it (loaded, not edited).
    @inline(__always)
    func columnRow(of row: Int) -> Int? {
        let slot = slot(of: row)
        return slot >= 0 && (edited.isEmpty || edited[slot] == nil) ? slot : nil
    }

    /// The lead in `row` (0-based, in file order).
    public subscript(row: Int) -> Lead {
        let slot = slot(of: row)
        if slot < 0 { return inserted[-1 - slot] ?? Lead(id: "", stage: "") }
        return edited[slot] ?? table.lead(at: slot)
    }

    /// The lead with `id`, if present.
    public subscript(id id: String) -> Lead? {
        row(of: id).map { self[$0] }
    }

    /// The row of the lead with `id`.
    public func row(of id: String) -> Int? {
        guard layout != nil else { return table.row(of: id) }
        if let tableRow = table.row(of: id), positions[tableRow] >= 0 { return Int(positions[tableRow]) }
        return insertedRows[id]
    }

    /// The id of the lead in `row`, without decoding the lead.
    public func id(at row: Int) -> String {
        let slot = slot(of: row)
        if slot < 0 { return inserted[-1 - slot]?.id ?? "" }
        return table.id(at: slot)
    }

    /// The stage id of the lead in `row`, without decoding the lead.
    public func stage(at row: Int) -> String {
        guard let tableRow = columnRow(of: row) else { return self[row].stage }
        let code = Int(table.columns.stage[tableRow])
        return table.funnel.stages.indices.contains(code) ? table.funnel.stages[code].id : self[row].stage
    }

    /// Every lead id, in row order.
    public var ids: [String] { (0..<count).map { id(at: $0) } }

    /// The leads, in row order. Prefer row access for large stores.
    public var all: [Lead] { (0..<count).map { self[$0] } }

    /// Replaces the lead with the same id and returns the previous value.
    @discardableResult
    public mutating func replace(_ lead: Lead) throws(LeadStoreError) -> Lead {
        guard let row = row(of: lead.id) else { throw .noSuchLead(lead.id) }
        let old = self[row]
        let slot = slot(of: row)
        if slot < 0 {
            inserted[-1 - slot] = lead
        } else if lead == table.lead(at: slot) {
            edited[slot] = nil
        } else {
            edited[slot] = lead
        }
        return old
    }

    /// Inserts a lead at `row` (the end when nil); its id must be new.
    public mutating func insert(_ lead: Lead, at row: Int? = nil) throws(LeadStoreError) {
        if let first = self.row(of: lead.id) { throw .duplicateID(lead.id, firstRow: first, secondRow: count) }
        let position = min(max(row ?? count, 0), count)
        var rows = layout ?? Array(0..<table.count)
        // Putting a removed lead back (undo) restores its table row, so the store can
        // return to the plain layout the column scans are fastest on.
        if let tableRow = table.row(of: lead.id), lead == table.lead(at: tableRow) {
            rows.insert(tableRow, at: position)
        } else {
            inserted[nextKey] = lead
            rows.insert(-1 - nextKey, at: position)
            nextKey += 1
        }
        setLayout(rows)
    }

    /// Appends `leads` at the end, as `insert(_:at: nil)` one by one would, but in one
    /// pass: an import of 100,000 leads must not rebuild the row layout 100,000 times.
    /// An empty store simply becomes a store of the leads (the fast column layout).
    public mutating func append<Leads: Collection>(contentsOf leads: Leads) throws(LeadStoreError) where Leads.Element == Lead {
        guard !leads.isEmpty else { return }
        if count == 0, table.count == 0, inserted.isEmpty {
            do { self = LeadStore(table: try LeadTable.build(collection: leads)) } catch {
                throw .duplicateID(error.id, firstRow: error.firstRow, secondRow: error.secondRow)
            }
            return
        }
        var seen: [String: Int] = [:]
        for (offset, lead) in leads.enumerated() {
            if let first = row(of: lead.id) ?? seen[lead.id] { throw .duplicateID(lead.id, firstRow: first, secondRow: count + offset) }
            seen[lead.id] = count + offset
        }
        var rows = layout ?? Array(0..<table.count)
        rows.reserveCapacity(rows.count + leads.count)
        for lead in leads {
            if let tableRow = table.row(of: lead.id), positions.isEmpty || positions[tableRow] < 0, lead == table.lead(at: tableRow) {
                rows.append(tableRow)
            } else {
                inserted[nextKey] = lead
                rows.append(-1 - nextKey)
                nextKey += 1
            }
        }
        setLayout(rows)
    }

    /// Appends the leads of an import. An empty store becomes a store of its table (the
    /// columns over the file, no lead made); otherwise the leads are appended as values.
    public mutating func append(_ batch: ImportedLeads) throws(LeadStoreError) {
        if count == 0, table.count == 0, inserted.isEmpty, edited.isEmpty {
            self = LeadStore(table: batch.table)
            return
        }
        try append(contentsOf: (0..<batch.count).lazy.map { batch.lead(at: $0) })
    }

    /// Empties the store and returns its leads as the import they came from, when it
    /// holds exactly the `n` unedited leads of one (the undo of that import); nil otherwise.
    mutating func takeImported(_ n: Int) -> ImportedLeads? {
        guard n > 0, n == count, table.rows != nil, table.count == n, layout == nil, edited.isEmpty, inserted.isEmpty else { return nil }
        let batch = ImportedLeads(table: table)
        self = LeadStore()
        return batch
    }

    /// Removes the last `n` leads, as `remove(id:)` from the end one by one would, in one
    /// pass (the undo of an import). Returns them in row order.
    @discardableResult
    public mutating func removeLast(_ n: Int) -> [Lead] {
        let n = min(n, count)
        guard n > 0 else { return [] }
        let removed = ((count - n)..<count).map { self[$0] }
        var rows = layout ?? Array(0..<table.count)
        for slot in rows.suffix(n) {
            if slot < 0 { inserted[-1 - slot] = nil } else { edited[slot] = nil }
        }
        rows.removeLast(n)
        setLayout(rows)
        return removed
    }

    /// Removes the lead with `id`, returning it and the row it was in.
    @discardableResult
    public mutating func remove(id: String) throws(LeadStoreError) -> (lead: Lead, row: Int) {
        guard let row = row(of: id) else { throw .noSuchLead(id) }
        let lead = self[row]
        var rows = layout ?? Array(0..<table.count)
        let slot = rows.remove(at: row)
        if slot < 0 { inserted[-1 - slot] = nil } else { edited[slot] = nil }
        setLayout(rows)
        return (lead, row)
    }

    private mutating func setLayout(_ rows: [Int]) {
        if rows.count == table.count, inserted.isEmpty, rows.enumerated().allSatisfy({ $0.offset == $0.element }) {
            layout = nil
            positions = []
            insertedRows = [:]
            return
        }
        layout = rows
        positions = Array(repeating: -1, count: table.count)
        insertedRows = [:]
        for (row, slot) in rows.enumerated() {
            if slot >= 0 { positions[slot] = Int32(row) } else if let lead = inserted[-1 - slot] { insertedRows[lead.id] = row }
        }
    }

    /// What the store holds beside its table: with the table itself, which rows it has.
    /// Two stores over one table with equal edits have the same leads in the same order,
    /// which is what answers kept beside the table (`TableMemo`) are keyed by.
    struct Edits: Equatable, Sendable {
        let edited: [Int: Lead]
        let layout: [Int]?
        let inserted: [Int: Lead]
    }

    var edits: Edits { Edits(edited: edited, layout: layout, inserted: inserted) }

    public static func == (lhs: LeadStore, rhs: LeadStore) -> Bool {
        guard lhs.count == rhs.count else { return false }
        if lhs.table === rhs.table, lhs.layout == nil, rhs.layout == nil {
            for slot in Set(lhs.edited.keys).union(rhs.edited.keys) where lhs[slot] != rhs[slot] { return false }
            return true
        }
        for row in 0..<lhs.count where lhs[row] != rhs[row] { return false }
        return true
    }
}

/// Why the lead store refused an operation.
public enum LeadStoreError: Error, Sendable, Equatable {
    case duplicateID(String, firstRow: Int, secondRow: Int)
    case noSuchLead(String)
}

/// Two leads with the same id: the store refuses them, since every command addresses
/// leads by id.
public struct DuplicateLeadID: Error, Sendable, Equatable {
    public var id: String
    public var firstRow: Int
    public var secondRow: Int
}
