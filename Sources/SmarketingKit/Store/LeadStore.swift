/// The workspace's leads, addressed by row and by id.
///
/// Commands reach leads only through this type, so its layout can change (today an
/// array of values with an id index; for very large workspaces, one column per field
/// with interned strings) without touching a command. Copying a store is cheap until
/// one copy is changed (copy on write), which is what makes scenarios and undo cheap.
public struct LeadStore: Sendable, Equatable {
    private var rows: [Lead]
    private var rowByID: [String: Int]

    /// An empty store.
    public init() {
        rows = []
        rowByID = [:]
    }

    /// A store of `leads`; fails with the first repeated id.
    public init(_ leads: [Lead]) throws(DuplicateLeadID) {
        rows = leads
        rowByID = Dictionary(minimumCapacity: leads.count)
        for (row, lead) in leads.enumerated() {
            if let first = rowByID[lead.id] {
                throw DuplicateLeadID(id: lead.id, firstRow: first, secondRow: row)
            }
            rowByID[lead.id] = row
        }
    }

    public var count: Int { rows.count }
    public var isEmpty: Bool { rows.isEmpty }

    /// The lead in `row` (0-based, in file order).
    public subscript(row: Int) -> Lead { rows[row] }

    /// The lead with `id`, if present.
    public subscript(id id: String) -> Lead? {
        rowByID[id].map { rows[$0] }
    }

    /// The row of the lead with `id`.
    public func row(of id: String) -> Int? { rowByID[id] }

    /// Every lead id, in row order.
    public var ids: [String] { rows.map(\.id) }

    /// The leads, in row order. Prefer row access for large stores.
    public var all: [Lead] { rows }

    /// Replaces the lead with the same id and returns the previous value.
    @discardableResult
    public mutating func replace(_ lead: Lead) throws(LeadStoreError) -> Lead {
        guard let row = rowByID[lead.id] else { throw .noSuchLead(lead.id) }
        let old = rows[row]
        rows[row] = lead
        return old
    }

    /// Inserts a lead at `row` (the end when nil); its id must be new.
    public mutating func insert(_ lead: Lead, at row: Int? = nil) throws(LeadStoreError) {
        guard rowByID[lead.id] == nil else { throw .duplicateID(lead.id, firstRow: rowByID[lead.id] ?? 0, secondRow: rows.count) }
        let position = min(max(row ?? rows.count, 0), rows.count)
        rows.insert(lead, at: position)
        if position == rows.count - 1 {
            rowByID[lead.id] = position
        } else {
            reindex(from: position)
        }
    }

    /// Removes the lead with `id`, returning it and the row it was in.
    @discardableResult
    public mutating func remove(id: String) throws(LeadStoreError) -> (lead: Lead, row: Int) {
        guard let row = rowByID[id] else { throw .noSuchLead(id) }
        let lead = rows.remove(at: row)
        rowByID[id] = nil
        reindex(from: row)
        return (lead, row)
    }

    private mutating func reindex(from start: Int) {
        for row in start..<rows.count { rowByID[rows[row].id] = row }
    }

    public static func == (lhs: LeadStore, rhs: LeadStore) -> Bool {
        lhs.rows == rhs.rows
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
