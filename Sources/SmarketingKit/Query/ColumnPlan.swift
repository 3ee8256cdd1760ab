/// A query compiled for the column store: leaves scan one column into a bitmap, and
/// `and`/`or`/`not` combine bitmaps. Fields without a column path (persona, dupes,
/// tags, custom fields) become leaves that test materialized leads.
indirect enum ColumnPlan {
    case and(ColumnPlan, ColumnPlan)
    case or(ColumnPlan, ColumnPlan)
    case not(ColumnPlan)
    /// A scan of the table's columns, over the rows of the mask when there is one.
    case scan(Scan)
    /// The per-lead predicate, for leaves with no column path.
    case perLead(LeadPredicate)

    /// A leaf scan: the rows of the table (or of the mask) for which the leaf holds.
    typealias Scan = (LeadTable, RowBitmap?) -> RowBitmap

    /// The table rows, within `mask` when given, for which the plan holds. An `and`
    /// tests its right side only on the rows its left side kept, so a selective first
    /// condition makes the second (and any per-lead fallback) cheap.
    func evaluate(_ table: LeadTable, within mask: RowBitmap? = nil, interruption: Interruption? = nil) -> RowBitmap {
        switch self {
        case .and(let a, let b):
            return b.evaluate(table, within: a.evaluate(table, within: mask, interruption: interruption), interruption: interruption)
        case .or(let a, let b):
            var left = a.evaluate(table, within: mask, interruption: interruption)
            var rest = left
            rest.invert()
            if let mask { rest.formIntersection(mask) }
            left.formUnion(b.evaluate(table, within: rest, interruption: interruption))
            return left
        case .not(let a):
            var result = a.evaluate(table, within: mask, interruption: interruption)
            result.invert()
            if let mask { result.formIntersection(mask) }
            return result
        case .scan(let scan):
            return scan(table, mask)
        case .perLead(let predicate):
            // The one slow leaf (a lead decoded per row) polls for Ctrl-C.
            return RowBitmap(count: table.count, within: mask) { row in
                if let interruption, row & 0xFFF == 0, interruption.check() { return false }
                return predicate(table.lead(at: row))
            }
        }
    }
}

/// Ctrl-C for a long scan: asked now and then; once it says stop, it stays stopped.
final class Interruption {
    private let isInterrupted: () -> Bool
    private(set) var stopped = false

    init(_ isInterrupted: @escaping () -> Bool) {
        self.isInterrupted = isInterrupted
    }

    func check() -> Bool {
        if !stopped, isInterrupted() { stopped = true }
        return stopped
    }
}

/// A compiled query that answers with rows: a column plan for the loaded leads and the
/// per-lead predicate for edited or inserted ones.
public struct RowQuery {
    let plan: ColumnPlan
    /// The same query over one lead.
    public let predicate: LeadPredicate

    /// The rows of `store` the query selects, ascending.
    public func rows(in store: LeadStore) -> [Int] {
        rows(in: store, interruption: nil) ?? []
    }

    /// The rows of `store` the query selects, ascending; nil when `isInterrupted` said
    /// stop (polled only where leads must be decoded one by one).
    public func rows(in store: LeadStore, isInterrupted: @escaping () -> Bool) -> [Int]? {
        rows(in: store, interruption: Interruption(isInterrupted))
    }

    private func rows(in store: LeadStore, interruption: Interruption?) -> [Int]? {
        var bitmap = plan.evaluate(store.table, interruption: interruption)
        if interruption?.stopped == true { return nil }
        guard store.layout != nil else {
            for (slot, lead) in store.edited { bitmap[slot] = predicate(lead) }
            return bitmap.rows
        }
        var rows: [Int] = []
        for row in 0..<store.count {
            if row & 0xFFF == 0, interruption?.check() == true { return nil }
            if let tableRow = store.columnRow(of: row) {
                if bitmap[tableRow] { rows.append(row) }
            } else if predicate(store[row]) {
                rows.append(row)
            }
        }
        return rows
    }
}

extension QueryCompiler {
    /// Parses and compiles `text` into a query evaluated over the store's columns.
    /// Errors are exactly those of `compile`.
    public static func compileRows(_ text: String, in environment: QueryEnvironment) throws(QueryError) -> RowQuery {
        let expr = try ExpressionParser.parse(text)
        return try compileRows(expr, in: environment)
    }

    /// Compiles an already parsed expression into a query over the store's columns.
    public static func compileRows(_ expr: Expr, in environment: QueryEnvironment) throws(QueryError) -> RowQuery {
        var compiler = Compiler(environment: environment, insidePersona: nil)
        return try compiler.rowQuery(expr)
    }
}

extension Compiler {
    /// The expression as a query over the store: the predicate (which checks it) and the
    /// column plan.
    mutating func rowQuery(_ expr: Expr) throws(QueryError) -> RowQuery {
        let predicate = try compile(expr)
        return RowQuery(plan: try plan(expr), predicate: predicate)
    }

    /// The column plan of an expression `compile` has already checked.
    mutating func plan(_ expr: Expr) throws(QueryError) -> ColumnPlan {
        switch expr {
        case .and(let a, let b): return .and(try plan(a), try plan(b))
        case .or(let a, let b): return .or(try plan(a), try plan(b))
        case .not(let a): return .not(try plan(a))
        case .isNone(let ref, let negated):
            let field = try resolve(ref)
            guard let key = ColumnKey(field) else { return .perLead(try compile(expr)) }
            let scan = ColumnScan.none(key, environment: environment)
            return negated ? .not(.scan(scan)) : .scan(scan)
        case .compare(let ref, let op, let operand):
            let field = try resolve(ref)
            let value = try convert(operand, for: field)
            guard let scan = try leaf(field, op, value, expr) else { return .perLead(try compile(expr)) }
            return .scan(scan)
        case .isIn(let ref, let operands, let negated):
            let field = try resolve(ref)
            var combined: ColumnPlan?
            for operand in operands {
                guard let scan = try leaf(field, .equal, try convert(operand, for: field), expr) else { return .perLead(try compile(expr)) }
                combined = combined.map { .or($0, .scan(scan)) } ?? .scan(scan)
            }
            let found = combined ?? .scan { table, _ in RowBitmap(count: table.count) }
            return negated ? .not(found) : found
        case .between(let ref, let low, let high):
            let field = try resolve(ref)
            guard let above = try leaf(field, .greaterOrEqual, try convert(low, for: field), expr),
                  let below = try leaf(field, .lessOrEqual, try convert(high, for: field), expr) else { return .perLead(try compile(expr)) }
            return .and(.scan(above), .scan(below))
        }
    }

    /// The scan for `field op value`, nil when the field has no column path.
    private mutating func leaf(_ field: LeadField, _ op: CompareOp, _ value: QueryValue, _ expr: Expr) throws(QueryError) -> ColumnPlan.Scan? {
        guard let key = ColumnKey(field) else { return nil }
        let env = environment
        if value == .none {
            let none = ColumnScan.none(key, environment: env)
            return op == .equal ? none : { table, mask in
                var bits = none(table, mask)
                bits.invert()
                if let mask { bits.formIntersection(mask) }
                return bits
            }
        }
        let needle: String? = if case .text(let t) = value { op == .contains ? TextFold.fold(t) : t.lowercased() } else { nil }
        let holds: (QueryValue) -> Bool = { QueryValue.holds($0, op, value, needle: needle) }
        switch key {
        case .stage:
            guard case .text(let id) = value else { return nil }
            let test = stageComparison(op, id)
            return ColumnScan.stage(matching: { stageID in test(Lead(id: "", stage: stageID)) })
        case .category(let category):
            return ColumnScan.category(category, noneMatches: holds(.none), matches: holds)
        case .quadrant, .persona, .feedback, .reason:
            return ColumnScan.computed(key, environment: env, noneMatches: holds(.none), matches: holds)
        case .tags, .custom, .rejected:
            return { table, mask in RowBitmap(count: table.count, within: mask) { holds(key.value(table, $0, env)) } }
        case .text(let text):
            if op == .contains, let needle, needle.utf8.allSatisfy({ $0 < 0x80 }) {
                return ColumnScan.textContains(text, needle: Array(needle.utf8), holds: holds)
            }
            return ColumnScan.text(text, holds: holds)
        default:
            let target = ColumnKey.number(of: value)
            guard !target.isNaN, let compare = ColumnScan.comparison(op, target) else { return nil }
            return ColumnScan.number(key, environment: env, compare)
        }
    }
}
