/// Text sort keys as numbers: `leads sort name` at the prompt on a million leads folded a
/// million names on every call (2.4 s). The order of a text column's folded values is
/// worked out once per version of the leads; a sort then compares ranks, which order
/// rows exactly as comparing the folded text does (equal folded text, equal rank, so
/// ties still fall to the row order).
extension LeadStore {
    /// Per row, the rank of `field`'s folded value among the column's distinct folded
    /// values (`-1` when the lead has none), or nil for a field that is not a stored text
    /// column (computed text such as `quadrant` depends on the rules and the clock).
    public func sortRanks(of field: LeadField, in environment: QueryEnvironment) -> [Int32]? {
        guard field.type == .text, let key = ColumnKey(field) else { return nil }
        switch key {
        case .text, .category: break
        default: return nil
        }
        return remembered("sortRanks." + field.name, key: field.name) {
            Self.sortRanks(count: count) { value(of: field, at: $0, in: environment) }
        }
    }

    /// Fewer rows than this are sorted by folding their text: cheaper than working out
    /// the ranks of every lead for a handful of them.
    public static let sortRanksMinimumRows = 4096

    /// The ranks of `value(row)` for rows `0..<count`: each distinct text is folded once,
    /// the distinct folded texts sorted once. Nil when a value is neither text nor none.
    static func sortRanks(count: Int, value: (Int) -> QueryValue) -> [Int32]? {
        var distinct = CategoryColumn()
        distinct.codes = [UInt32](repeating: CategoryColumn.none, count: count)
        for row in 0..<count {
            switch value(row) {
            case .none: continue
            case .text(let text):
                let code = distinct.intern(text)
                distinct.codes[row] = code
            default: return nil
            }
        }
        let folded = distinct.values.map(TextFold.fold)
        let order = folded.indices.sorted { folded[$0] < folded[$1] }
        var rankOf = [Int32](repeating: 0, count: folded.count)
        var rank: Int32 = -1
        for (i, id) in order.enumerated() {
            if i == 0 || folded[order[i - 1]] != folded[id] { rank += 1 }
            rankOf[id] = rank
        }
        return distinct.codes.map { $0 == CategoryColumn.none ? -1 : rankOf[Int($0)] }
    }
}
