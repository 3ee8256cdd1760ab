/// A table built from any collection of leads, not only an array: the leads an import
/// inserts are read straight out of its change, so a million of them are not first
/// copied into an array of their own (hundreds of megabytes at the peak of an import).
extension LeadTable {
    /// As `build(_:funnel:)`; the ids are compared where the columns keep them.
    static func build<Leads: Collection>(collection leads: Leads, funnel: Funnel = .standard) throws(DuplicateLeadID) -> LeadTable
        where Leads.Element == Lead {
        var columns = LeadColumns()
        columns.reserve(leads.count)
        var whole: [Int: Lead] = [:]
        whole.reserveCapacity(leads.count)
        let stageCodes = StageCodes(funnel: funnel)
        var row = 0
        for lead in leads {
            columns.append(lead, codes: stageCodes)
            whole[row] = lead
            row += 1
        }
        var index = LeadIDIndex(capacity: row)
        let ids = columns.text[TextField.id.rawValue]
        let duplicate: (first: Int, second: Int)? = columns.arena.withUnsafeBufferPointer { arena in
            func bytes(_ row: Int) -> UnsafeBufferPointer<UInt8> {
                let ref = ids[row]
                if ref.isNone { return UnsafeBufferPointer(start: nil, count: 0) }
                return UnsafeBufferPointer(rebasing: arena[ref.offset..<(ref.offset + ref.length)])
            }
            for row in 0..<ids.count {
                let id = bytes(row)
                if let first = index.insert(row: row, hash: ByteHashTable.hash(id), sameID: { bytes(Int($0)).equals(id) }) {
                    return (first, row)
                }
            }
            return nil
        }
        if let duplicate {
            let id = whole[duplicate.second]?.id ?? ""
            throw DuplicateLeadID(id: id, firstRow: duplicate.first, secondRow: duplicate.second)
        }
        return LeadTable(columns: columns, source: .empty, rawStart: [], rawEnd: [], canonical: [],
                         whole: whole, funnel: stageCodes.funnel, index: index)
    }
}
