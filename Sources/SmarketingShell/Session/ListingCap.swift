import SmarketingKit

/// The `maxrows` cap on listings (as DuckDB's `.maxrows`): a table on the session's own
/// output shows its first rows and says how many more there are; every other way out
/// (csv, json, markdown, `output FILE`, `export`) gets every row.
extension Session {
    /// The most rows a listing should build now; nil for every row.
    public var listingCap: Int? {
        settings.format == .table && redirect == nil ? settings.maxRows : nil
    }
}

extension Table {
    /// This table cut to its first `cap` rows, the rest counted in `moreRows` (its
    /// narrower layouts cut alike). Commands that can take the first rows without
    /// building the rest do so themselves; this is the cut for every other listing.
    public func capped(to cap: Int) -> Table {
        guard rows.count > cap else { return self }
        var table = self
        table.moreRows += rows.count - cap
        table.rows.removeSubrange(cap...)
        table.narrower = narrower.map { $0.capped(to: cap) }
        return table
    }

    /// The line under a capped table: how many rows it has in all and how to see them,
    /// short enough for one 80-column line up to ten million rows (wrapped, it broke
    /// in the middle of `export … to FILE.csv`).
    var moreRowsNote: String? {
        guard moreRows > 0 else { return nil }
        let them = moreRows == 1 ? "it" : "them"
        return "… \(Thousands.format(moreRows)) more row\(moreRows == 1 ? "" : "s"): maxrows all shows \(them); "
            + "export … to FILE.csv writes \(them)"
    }
}

extension CommandResult {
    /// The result with each of its tables cut to `cap` rows.
    func capped(to cap: Int) -> CommandResult {
        switch self {
        case .table(let table): .table(table.capped(to: cap))
        case .many(let parts): .many(parts.map { $0.capped(to: cap) })
        case .partial(let inner, let refusals): .partial(inner.capped(to: cap), refusals: refusals)
        case .document(let json, let display): .document(json, display: display.capped(to: cap))
        default: self
        }
    }
}
