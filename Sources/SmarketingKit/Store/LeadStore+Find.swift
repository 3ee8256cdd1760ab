/// `find`: the leads whose name, email, company, id, notes or feedback reasons contain a
/// text, case and accents ignored, answered from the table's `SearchIndex`.
extension LeadStore {
    /// One lead found: its row, where the text first matched, and for a note or a
    /// reason, that text as written (nil past `find`'s `textsFor`).
    public struct SearchHit: Sendable, Equatable {
        public let row: Int
        public let place: SearchPlace
        public let text: String?
    }

    /// The leads containing `text` (folded here), in row order; nil when `isInterrupted`
    /// said stop. The first `find` on a loaded table builds its index. Only the first
    /// `textsFor` hits (all when nil) carry the note or reason that matched: a listing
    /// capped at a screenful counts the rest, and a common word's few hundred thousand
    /// notes were a tenth of a `find` at a million leads.
    public func find(_ text: String, textsFor: Int? = nil, isInterrupted: () -> Bool = { false }) -> [SearchHit]? {
        let needle = TextFold.fold(text)
        let bytes = Array(needle.utf8)
        guard !bytes.isEmpty, !bytes.contains(0) else { return scan(needle, isInterrupted: isInterrupted) }
        let table = self.table
        guard let index: SearchIndex = table.memo.value("search-index", key: 0, compute: {
            SearchIndex.build(table, isInterrupted: isInterrupted)
        }) else { return nil }
        let matching = index.matchingTexts(bytes)
        if isInterrupted() { return nil }
        let anyMatch = !matching.isEmpty
        let textLimit = textsFor ?? Int.max
        var hits: [SearchHit] = []
        /// The first match of a loaded, unedited table row.
        func hit(_ tableRow: Int, _ row: Int) -> SearchHit? {
            guard anyMatch else { return nil }
            for entry in index.entries(of: tableRow) {
                let number = Int(index.entryText[entry])
                guard matching.contains(number) else { continue }
                let place = SearchPlace(rawValue: index.entryPlace[entry]) ?? .name
                let noted = place.rawValue >= SearchPlace.activity.rawValue && hits.count < textLimit
                return SearchHit(row: row, place: place, text: noted ? index.originalText(number) : nil)
            }
            return nil
        }
        for row in 0..<count {
            if row & 0xFFFF == 0, isInterrupted() { return nil }
            if let tableRow = columnRow(of: row) {
                if let found = hit(tableRow, row) { hits.append(found) }
            } else if let found = Self.place(in: self[row], needle) {
                hits.append(SearchHit(row: row, place: found.place, text: hits.count < textLimit ? found.text : nil))
            }
        }
        return hits
    }

    /// Every lead decoded and searched: the reference the index must agree with, and
    /// the way for a needle the index cannot hold.
    public func scan(_ needle: String, isInterrupted: () -> Bool = { false }) -> [SearchHit]? {
        var hits: [SearchHit] = []
        for row in 0..<count {
            if row & 0xFFF == 0, isInterrupted() { return nil }
            if let found = Self.place(in: self[row], needle) { hits.append(SearchHit(row: row, place: found.place, text: found.text)) }
        }
        return hits
    }

    /// Where the lead contains `needle` (folded): the first field that does.
    public static func place(in lead: Lead, _ needle: String) -> (place: SearchPlace, text: String?)? {
        let fields: [(SearchPlace, String?)] = [(.name, lead.name), (.email, lead.email), (.company, lead.company), (.id, lead.id)]
        for (place, value) in fields {
            if let value, TextFold.fold(value).contains(needle) { return (place, nil) }
        }
        for activity in lead.activities { if let note = activity.note, TextFold.fold(note).contains(needle) { return (.activity, note) } }
        for move in lead.history { if let note = move.note, TextFold.fold(note).contains(needle) { return (.history, note) } }
        for verdict in lead.feedback { if let reason = verdict.reason, TextFold.fold(reason).contains(needle) { return (.feedback, reason) } }
        return nil
    }

    /// Builds the search index now (say, while the user reads the first answer), unless
    /// it exists; false when interrupted.
    @discardableResult
    public func prepareSearch(isInterrupted: () -> Bool = { false }) -> Bool {
        let table = self.table
        let index: SearchIndex? = table.memo.value("search-index", key: 0) { SearchIndex.build(table, isInterrupted: isInterrupted) }
        return index != nil
    }
}
