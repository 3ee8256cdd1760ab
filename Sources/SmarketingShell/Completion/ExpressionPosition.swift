/// Where the cursor is in a query expression (`where EXPR`), read from the tokens typed
/// so far: what kind of word the query language expects next.
enum ExpressionPosition: Equatable {
    /// A field, `not` or `(`: at the start, after `and`, `or`, `not`, `(`.
    case operand
    /// An operator after a field: `= != < <= > >= ~`, `in`, `not in`, `between`, `is`.
    case afterField(String)
    /// After `F not`: `in`.
    case afterNot(String)
    /// After `F in`: `(`.
    case listOpen(String)
    /// A value for `field`, after `op` (`=`, `>=`, `in` for an item of `in (…)`, `between`).
    case value(field: String, op: String)
    /// After an item of `in (…)`: `,` or `)`.
    case listNext(String)
    /// After `F between A`: `and`.
    case betweenAnd(String)
    /// After `F is` (`none` or `not`), or `F is not` (`none`).
    case afterIs(negated: Bool)
    /// After a whole comparison: `and`, `or`, `)`, or the command's next clause.
    case afterValue
    /// Somewhere the expression is already wrong; nothing to propose.
    case unknown

    static let comparisons: Set<String> = ["=", "!=", "<", "<=", ">", ">=", "~"]

    /// The position after `tokens`, the expression's tokens before the cursor.
    init<Tokens: Sequence<Token>>(after tokens: Tokens) {
        var position = ExpressionPosition.operand
        for token in tokens {
            position = position.next(token)
            if position == .unknown { break }
        }
        self = position
    }

    private func next(_ token: Token) -> ExpressionPosition {
        let word = token.kind == .symbol ? nil : token.text.lowercased()
        let symbol = token.kind == .symbol ? token.text : nil
        switch self {
        case .operand:
            if word == "not" || symbol == "(" { return .operand }
            if token.kind == .word { return .afterField(token.text) }
        case .afterField(let field):
            if let symbol, Self.comparisons.contains(symbol) { return .value(field: field, op: symbol) }
            if token.kind == .word {
                switch word {
                case "in": return .listOpen(field)
                case "not": return .afterNot(field)
                case "between": return .value(field: field, op: "between")
                case "is": return .afterIs(negated: false)
                default: break
                }
            }
        case .afterNot(let field):
            if token.isKeyword("in") { return .listOpen(field) }
        case .listOpen(let field):
            if symbol == "(" { return .value(field: field, op: "in") }
        case .value(let field, let op):
            guard symbol == nil else { break }
            switch op {
            case "in": return .listNext(field)
            case "between": return .betweenAnd(field)
            default: return .afterValue
            }
        case .listNext(let field):
            if symbol == "," { return .value(field: field, op: "in") }
            if symbol == ")" { return .afterValue }
        case .betweenAnd(let field):
            if token.isKeyword("and") { return .value(field: field, op: "and") }
        case .afterIs(let negated):
            if word == "not", !negated { return .afterIs(negated: true) }
            if word == "none" || word == "null" { return .afterValue }
        case .afterValue:
            if word == "and" || word == "or" { return .operand }
            if symbol == ")" { return .afterValue }
        case .unknown:
            break
        }
        return .unknown
    }
}
