/// Grouping and top-k selection over the column store, so `count by` and
/// `sort … limit N` touch a column per row instead of a decoded lead.
extension LeadStore {
    /// The value of `field` for the lead in `row`, read from the columns when it can be.
    public func value(of field: LeadField, at row: Int, in environment: QueryEnvironment) -> QueryValue {
        if let key = ColumnKey(field), let tableRow = columnRow(of: row) { return key.value(table, tableRow, environment) }
        return field.value(of: self[row], in: environment)
    }

    /// `rows` split by the value of `field`, groups in order of first appearance; a list
    /// value (tags) puts the row in one group per item.
    public func groups(of rows: [Int], by field: LeadField, in environment: QueryEnvironment) -> [(key: QueryValue, rows: [Int])] {
        var groups: [(key: QueryValue, rows: [Int])] = []
        var groupOf: [QueryValue: Int] = [:]
        func add(_ key: QueryValue, _ row: Int) {
            if let position = groupOf[key] {
                groups[position].rows.append(row)
            } else {
                groupOf[key] = groups.count
                groups.append((key, [row]))
            }
        }
        let key = ColumnKey(field)
        let categoryCodes = key?.categoryCodes(table, environment)
        let codes: [UInt32]? = key == .stage ? table.columns.stage.map(UInt32.init) : categoryCodes?.codes
        guard let key, let codes else {
            for row in rows {
                let value = self.value(of: field, at: row, in: environment)
                if case .list(let items) = value { items.forEach { add(.text($0), row) } } else { add(value, row) }
            }
            return groups
        }
        if layout == nil, edited.isEmpty, key != .stage || !table.columns.stage.contains(255) {
            return groupsByCode(of: rows, codes: codes, noneSlot: categoryCodes?.valueCount ?? 256, key: key, environment: environment)
        }
        // Rows are bucketed by code; each code's value is looked up once.
        var groupOfCode = [Int](repeating: -1, count: 257)
        if let categoryCodes { groupOfCode = [Int](repeating: -1, count: categoryCodes.valueCount + 1) }
        for row in rows {
            guard let tableRow = columnRow(of: row) else {
                add(field.value(of: self[row], in: environment), row)
                continue
            }
            let code = codes[tableRow]
            let slot = code == CategoryColumn.none ? groupOfCode.count - 1 : Int(code)
            var group = groupOfCode[slot]
            if group < 0 {
                let value = key.value(table, tableRow, environment)
                if let known = groupOf[value] {
                    group = known
                } else {
                    group = groups.count
                    groupOf[value] = group
                    groups.append((value, []))
                }
                groupOfCode[slot] = group
            }
            groups[group].rows.append(row)
        }
        return groups
    }

    /// `groups(of:by:in:)` when every row is a column row: count the rows per code, then
    /// fill arrays of exactly that size, so a million rows cost two passes over a
    /// code array and no reallocation.
    private func groupsByCode(of rows: [Int], codes: [UInt32], noneSlot: Int, key: ColumnKey,
                              environment: QueryEnvironment) -> [(key: QueryValue, rows: [Int])] {
        // One slot per code (stage codes are bytes), and one for none.
        var counts = [Int](repeating: 0, count: noneSlot + 1)
        var order: [Int] = []
        codes.withUnsafeBufferPointer { codes in
            counts.withUnsafeMutableBufferPointer { counts in
                for row in rows {
                    let code = codes[row]
                    let slot = code == CategoryColumn.none ? noneSlot : Int(code)
                    if counts[slot] == 0 { order.append(slot) }
                    counts[slot] += 1
                }
            }
        }
        var filled = [[Int]](repeating: [], count: noneSlot + 1)
        for slot in order { filled[slot].reserveCapacity(counts[slot]) }
        codes.withUnsafeBufferPointer { codes in
            for row in rows {
                let code = codes[row]
                filled[code == CategoryColumn.none ? noneSlot : Int(code)].append(row)
            }
        }
        var groups: [(key: QueryValue, rows: [Int])] = []
        var groupOf: [QueryValue: Int] = [:]
        for slot in order {
            let value = key.value(table, filled[slot][0], environment)
            if let known = groupOf[value] {
                groups[known].rows = (groups[known].rows + filled[slot]).sorted()
            } else {
                groupOf[value] = groups.count
                groups.append((value, filled[slot]))
            }
        }
        return groups
    }

    /// A subset of `rows`, in their order, that surely holds the first `limit` rows when
    /// sorted by `field` (missing values last, ties kept), or nil when `field` has no
    /// numeric column nor text sort ranks. Sorting the subset instead of every row gives
    /// the same first `limit` rows: a top-k selection, not a sort of a million leads.
    public func topCandidates(of rows: [Int], by field: LeadField, descending: Bool, limit: Int,
                              in environment: QueryEnvironment) -> [Int]? {
        guard let key = ColumnKey(field), limit >= 0 else { return nil }
        var ranks: [Int32]?
        if !key.isNumeric {
            guard rows.count >= Self.sortRanksMinimumRows else { return nil }
            ranks = sortRanks(of: field, in: environment)
            guard ranks != nil else { return nil }
        }
        guard rows.count > limit else { return rows }
        var keys: [Double]
        if let ranks {
            // A text column: its folded order as ranks (`sortRanks`), -1 for none.
            keys = ranks.withUnsafeBufferPointer { ranks in rows.map { ranks[$0] < 0 ? .nan : Double(ranks[$0]) } }
        } else if layout == nil, edited.isEmpty {
            keys = key.numbers(of: rows, table, environment)
        } else {
            keys = [Double](repeating: .nan, count: rows.count)
            let read = key.reader(table, environment)
            for (i, row) in rows.enumerated() {
                if let tableRow = columnRow(of: row) {
                    keys[i] = read(tableRow)
                } else {
                    keys[i] = ColumnKey.number(of: field.value(of: self[row], in: environment))
                }
            }
        }
        // The limit-th best key, with a heap of the best `limit` seen so far.
        var heap = BoundedHeap(capacity: limit, keepsLargest: descending)
        for value in keys where !value.isNaN { heap.insert(value) }
        guard limit > 0, heap.isFull, let threshold = heap.worst else { return rows }
        var result: [Int] = []
        for (i, row) in rows.enumerated() {
            let value = keys[i]
            if descending ? value >= threshold : value <= threshold { result.append(row) }
        }
        return result
    }
}

/// The best `capacity` values seen (largest or smallest), with the worst of them on top.
struct BoundedHeap {
    private var items: [Double] = []
    let capacity: Int
    let keepsLargest: Bool

    init(capacity: Int, keepsLargest: Bool) {
        self.capacity = capacity
        self.keepsLargest = keepsLargest
        items.reserveCapacity(capacity)
    }

    var isFull: Bool { items.count == capacity }
    var worst: Double? { items.first }

    /// True when `a` is worse than `b` (belongs nearer the top).
    private func worse(_ a: Double, _ b: Double) -> Bool { keepsLargest ? a < b : a > b }

    mutating func insert(_ value: Double) {
        guard capacity > 0 else { return }
        if items.count < capacity {
            items.append(value)
            var i = items.count - 1
            while i > 0 {
                let parent = (i - 1) / 2
                guard worse(items[i], items[parent]) else { break }
                items.swapAt(i, parent)
                i = parent
            }
        } else if worse(items[0], value) {
            items[0] = value
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var top = i
                if l < items.count, worse(items[l], items[top]) { top = l }
                if r < items.count, worse(items[r], items[top]) { top = r }
                if top == i { break }
                items.swapAt(i, top)
                i = top
            }
        }
    }
}
