/// Which custom fields the leads hold, for the warning on a mistyped `fields.NAME` (a
/// field no lead has matches nothing, and would otherwise count 0 without a word).
extension LeadStore {
    /// The custom fields (`fields.NAME` without `fields.`) the lead in `row` holds, read
    /// from the file's bytes as `fields.NAME` queries are, so no lead is decoded.
    public func customFieldNames(at row: Int) -> [String] {
        guard let tableRow = columnRow(of: row) else { return self[row].fields.keys }
        // An import's rows keep no spans of a JSON object: the fields are its CSV cells.
        if let rows = table.rows { return rows.customFieldNames(at: tableRow, in: table) }
        let start = table.columns.fieldsStart[tableRow]
        guard start >= 0 else { return table.whole[tableRow]?.fields.keys ?? [] }
        let object = table.source.withUnsafeBufferPointer { try? JSONParser.parseValue(in: $0, at: start).value }
        guard case .object(let members)? = object else { return [] }
        return members.keys
    }
}
