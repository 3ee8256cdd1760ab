import SmarketingKit

/// The lead ids that start with what was typed, found without sorting (or even copying)
/// the ids of a million-lead workspace on every TAB.
///
/// Workspace files list their leads in id order, so the usual way is a binary search for
/// the first match and a walk to the last wanted one: a few dozen comparisons. Whether the
/// ids are in order is checked on a sample of rows (the first, the last and some between);
/// when they are not, one pass over the ids collects the matches instead.
///
/// At most `limit` matches are returned, in file order. When there are more, the last
/// match is added, so the longest prefix the matches share (what TAB inserts) is the same
/// as for all of them. Letters compare case-insensitively (ASCII).
enum LeadIDSearch {
    static func ids(startingWith prefix: String, in leads: LeadStore, limit: Int) -> [String] {
        let rows = IDColumn(leads: leads)
        let wanted = Array(prefix.utf8).map(Self.folded)
        guard !rows.isEmpty else { return [] }
        if Self.looksSorted(rows) {
            return Self.sortedSearch(wanted, in: rows, limit: limit)
        }
        return Self.scan(wanted, in: rows, limit: limit)
    }

    private static func sortedSearch(_ wanted: [UInt8], in rows: IDColumn, limit: Int) -> [String] {
        // The first row whose id is not below the prefix.
        var low = 0
        var high = rows.count
        while low < high {
            let middle = (low + high) / 2
            if compare(rows[middle], wanted) < 0 { low = middle + 1 } else { high = middle }
        }
        var matches: [String] = []
        var row = low
        while row < rows.count, matches.count < limit, hasPrefix(rows[row], wanted) {
            matches.append(rows[row])
            row += 1
        }
        guard row < rows.count, hasPrefix(rows[row], wanted) else { return matches }
        // More than `limit`: find the last match, whose id bounds the shared prefix.
        var last = row
        high = rows.count
        while last + 1 < high {
            let middle = (last + high) / 2
            if hasPrefix(rows[middle], wanted) { last = middle } else { high = middle }
        }
        matches.append(rows[last])
        return matches
    }

    private static func scan(_ wanted: [UInt8], in rows: IDColumn, limit: Int) -> [String] {
        var matches: [String] = []
        var shared: [UInt8]?
        var witness: String?
        for row in rows.indices where hasPrefix(rows[row], wanted) {
            let id = rows[row]
            if matches.count < limit {
                matches.append(id)
            }
            // Keep one id that shortens the prefix all matches share, so cutting the list
            // at `limit` does not make TAB insert too much.
            let bytes = Array(id.utf8)
            guard let current = shared else { shared = bytes; continue }
            let common = zip(current, bytes).prefix { $0 == $1 }.count
            if common < current.count {
                shared = Array(current.prefix(common))
                if matches.count >= limit { witness = id }
            }
        }
        if let witness, !matches.contains(witness) { matches.append(witness) }
        return matches
    }

    /// True when the ids of a sample of rows are in ascending order.
    private static func looksSorted(_ rows: IDColumn) -> Bool {
        let count = rows.count
        guard count > 1 else { return true }
        var sample = Array(0..<min(count, 16)) + Array(max(0, count - 16)..<count)
        let step = max(1, count / 64)
        sample += stride(from: 0, to: count, by: step)
        sample = Array(Set(sample)).sorted()
        for (a, b) in zip(sample, sample.dropFirst()) where compare(rows[a], Array(rows[b].utf8).map(folded)) > 0 {
            return false
        }
        return true
    }

    private static func folded(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
    }

    /// Compares `id`, folded, with the folded bytes `other`: -1, 0 or 1.
    private static func compare(_ id: String, _ other: [UInt8]) -> Int {
        var index = 0
        for byte in id.utf8 {
            guard index < other.count else { return 1 }
            let a = folded(byte)
            if a != other[index] { return a < other[index] ? -1 : 1 }
            index += 1
        }
        return index < other.count ? -1 : 0
    }

    private static func hasPrefix(_ id: String, _ prefix: [UInt8]) -> Bool {
        var index = 0
        for byte in id.utf8 {
            if index == prefix.count { return true }
            if folded(byte) != prefix[index] { return false }
            index += 1
        }
        return index == prefix.count
    }
}

/// The ids of a store by row, read from its id column without decoding leads.
struct IDColumn {
    let leads: LeadStore
    var count: Int { leads.count }
    var isEmpty: Bool { leads.isEmpty }
    var indices: Range<Int> { 0..<leads.count }
    subscript(row: Int) -> String { leads.id(at: row) }
}
