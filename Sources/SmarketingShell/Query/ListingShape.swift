import SmarketingKit

/// How a listing is ordered, cut and which columns it shows: `sort F [desc], …`,
/// `limit N`, `cols a,b,c`. Parsed for `leads` and for saved views alike.
public struct ListingShape {
    public var sort: [(field: LeadField, descending: Bool)] = []
    public var limit: Int?
    public var columns: [LeadField]?

    public init() {}

    public static func parse(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> ListingShape {
        var shape = ListingShape()
        while let token = arguments.peek {
            if arguments.take("sort") {
                repeat {
                    let name = try arguments.text("a field to sort by")
                    let field = try Self.field(name, in: session)
                    var descending = false
                    if arguments.take("desc") { descending = true } else { _ = arguments.take("asc") }
                    shape.sort.append((field, descending))
                } while arguments.peek?.isSymbol(",") == true && arguments.skip()
            } else if arguments.take("limit") {
                shape.limit = try arguments.integer("a number of leads")
            } else if arguments.take("cols") {
                var columns: [LeadField] = []
                for name in try arguments.list("a field name") { columns.append(try Self.field(name, in: session)) }
                shape.columns = columns
            } else {
                throw arguments.unexpected(token, expected: "sort, limit, cols or the end of the command")
            }
        }
        return shape
    }

    /// The field a token names, or an error that suggests the nearest.
    static func field(_ token: Token, in session: Session) throws(ShellError) -> LeadField {
        guard let field = LeadField.named(token.text) else {
            let suggestion = LeadField.suggestion(for: token.text, in: session.workspace)
            throw .query(QueryError(.unknownField(token.text, suggestion: suggestion), at: token.range.start..<token.range.end))
        }
        UnknownFieldCheck.warnIfMissing(token, session: session)
        return field
    }

    /// This shape with `other`'s settings where `other` has them (a command over a view).
    public func overridden(by other: ListingShape) -> ListingShape {
        var result = self
        if !other.sort.isEmpty { result.sort = other.sort }
        if let limit = other.limit { result.limit = limit }
        if let columns = other.columns { result.columns = columns }
        return result
    }

    /// Orders `rows` by the sort keys (missing values last), then cuts to the limit.
    public func apply(to rows: [Int], in session: Session, environment: QueryEnvironment) -> [Int] {
        guard !sort.isEmpty else { return limit.map { Array(rows.prefix($0)) } ?? rows }
        let leads = session.workspace.leads
        let funnel = session.workspace.funnel
        // With a limit, only the rows that can make the cut are sorted (a top-k selection).
        var rows = rows
        if let limit, let first = sort.first,
           let candidates = leads.topCandidates(of: rows, by: first.field, descending: first.descending, limit: limit, in: environment) {
            rows = candidates
        }
        // Keys are computed (and text folded) once per row, not once per comparison; a
        // stored text column's folded order is read as ranks kept per version of the leads.
        let ranks = sort.map { rows.count >= LeadStore.sortRanksMinimumRows ? leads.sortRanks(of: $0.field, in: environment) : nil }
        var keyed = rows.map { row in
            (row: row, keys: sort.indices.map { i -> QueryValue in
                let key = sort[i]
                if let ranks = ranks[i] { return ranks[row] < 0 ? .none : .number(Double(ranks[row])) }
                let value = leads.value(of: key.field, at: row, in: environment)
                if key.field.type != .stage, case .text(let text) = value { return .text(TextFold.fold(text)) }
                return value
            })
        }
        func precedes(_ a: (row: Int, keys: [QueryValue]), _ b: (row: Int, keys: [QueryValue])) -> Bool {
            for (i, key) in sort.enumerated() {
                let order = QueryValue.sortOrder(a.keys[i], b.keys[i], stages: key.field.type == .stage ? funnel : nil)
                guard order != 0 else { continue }
                // Missing values last also when descending, as the top-k selection
                // (`topCandidates`) leaves them: a limit cuts the full order's start.
                if case .none = a.keys[i] { return false }
                if case .none = b.keys[i] { return true }
                return key.descending ? order > 0 : order < 0
            }
            return a.row < b.row
        }
        // A few rows of many (`limit`, or `maxrows` at the prompt) by a key without a
        // numeric column (a name, a stage): kept in order as they come, not sorting all.
        if let limit, limit < keyed.count / 8 {
            return Self.first(limit, of: keyed, by: precedes).map(\.row)
        }
        keyed.sort(by: precedes)
        let sorted = keyed.map(\.row)
        return limit.map { Array(sorted.prefix($0)) } ?? sorted
    }

    /// The first `count` items of `items` in the order `precedes` gives (a strict total
    /// order), as a full sort's first `count` would be: a bounded insertion into a
    /// sorted buffer, O(n log count) comparisons when few items qualify.
    static func first<T>(_ count: Int, of items: [T], by precedes: (T, T) -> Bool) -> [T] {
        guard count > 0 else { return [] }
        var best: [T] = []
        best.reserveCapacity(count + 1)
        for item in items {
            if best.count == count, let last = best.last, !precedes(item, last) { continue }
            var low = 0, high = best.count
            while low < high {
                let middle = (low + high) / 2
                if precedes(item, best[middle]) { high = middle } else { low = middle + 1 }
            }
            best.insert(item, at: low)
            if best.count > count { best.removeLast() }
        }
        return best
    }
}

extension Arguments {
    /// Consumes one token; for use in conditions (`… && arguments.skip()`).
    mutating func skip() -> Bool {
        _ = try? next("")
        return true
    }
}

extension QueryValue {
    /// -1, 0 or 1; missing values sort after everything (also when descending).
    static func sortOrder(_ a: QueryValue, _ b: QueryValue, stages: Funnel?) -> Int {
        switch (a, b) {
        case (.none, .none): return 0
        case (.none, _): return 1
        case (_, .none): return -1
        case (.number(let x), .number(let y)), (.duration(let x), .duration(let y)): return x < y ? -1 : x > y ? 1 : 0
        case (.date(let x), .date(let y)): return x < y ? -1 : x > y ? 1 : 0
        case (.text(let x), .text(let y)):
            if let stages, let px = stages.position(of: x), let py = stages.position(of: y) { return px < py ? -1 : px > py ? 1 : 0 }
            return x < y ? -1 : x > y ? 1 : 0
        default:
            let x = a.description, y = b.description
            return x < y ? -1 : x > y ? 1 : 0
        }
    }

    /// The value as a table cell.
    var cell: TableValue {
        switch self {
        case .none: .null
        case .number(let n): .number(n)
        case .text(let t): .text(t)
        case .date(let d): .date(d)
        case .duration(let s): .text(QueryValue.formatDuration(s))
        case .list(let items): .list(items)
        case .bool(let b): .text(b ? "true" : "false")
        }
    }
}
