/// Parses the query language: `or` binds loosest, then `and`, then `not`, then a
/// comparison. Reports the first fault with its place and what was expected there.
public struct ExpressionParser {
    private var tokens: [QueryToken]
    private var index = 0
    /// Open `(` and `not` around the current position.
    private var depth = 0
    /// Conditions read so far.
    private var conditions = 0

    /// Limits that keep every recursive walk of an expression (compiling, explaining)
    /// far from the stack's end; no person writes more.
    public static let maximumDepth = 100
    public static let maximumConditions = 1000

    /// Parses `text` as one complete expression.
    public static func parse(_ text: String) throws(QueryError) -> Expr {
        var parser = ExpressionParser(tokens: try QueryLexer.tokenize(text))
        let expr = try parser.parseOr()
        let next = parser.peek
        guard next.kind == .end else {
            throw QueryError(.unexpected(found: describe(next), expected: "'and', 'or' or the end of the expression"), at: next.range)
        }
        return expr
    }

    private init(tokens: [QueryToken]) {
        self.tokens = tokens
    }

    private var peek: QueryToken { tokens[index] }

    private mutating func advance() -> QueryToken {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    static func describe(_ token: QueryToken) -> String {
        switch token.kind {
        case .end: "end of the expression"
        case .string: "'\(token.text)'"
        default: "'\(token.text)'"
        }
    }

    private mutating func parseOr() throws(QueryError) -> Expr {
        var left = try parseAnd()
        while peek.isKeyword("or") {
            _ = advance()
            left = .or(left, try parseAnd())
        }
        return left
    }

    private mutating func parseAnd() throws(QueryError) -> Expr {
        var left = try parseNot()
        while peek.isKeyword("and") {
            _ = advance()
            left = .and(left, try parseNot())
        }
        return left
    }

    private mutating func parseNot() throws(QueryError) -> Expr {
        if peek.isKeyword("not") {
            let token = advance()
            try enter(token)
            defer { depth -= 1 }
            return .not(try parseNot())
        }
        return try parsePrimary()
    }

    /// One level deeper (`(` or `not`), refused past the limit.
    private mutating func enter(_ token: QueryToken) throws(QueryError) {
        depth += 1
        if depth > Self.maximumDepth {
            throw QueryError(.tooComplex("more than \(Self.maximumDepth) levels of ( and not"), at: token.range)
        }
    }

    private mutating func parsePrimary() throws(QueryError) -> Expr {
        if peek.isSymbol("(") {
            let open = advance()
            try enter(open)
            defer { depth -= 1 }
            let inner = try parseOr()
            guard peek.isSymbol(")") else {
                throw QueryError(.unexpected(found: Self.describe(peek), expected: "')' to close the '('"), at: peek.range)
            }
            _ = advance()
            return inner
        }
        let fieldToken = advance()
        guard fieldToken.kind == .word, !["and", "or", "not", "in", "between", "is"].contains(fieldToken.text.lowercased()) else {
            throw QueryError(.unexpected(found: Self.describe(fieldToken), expected: "a field such as stage, source or fit"), at: fieldToken.range)
        }
        let field = FieldRef(name: fieldToken.text, range: fieldToken.range)
        conditions += 1
        if conditions > Self.maximumConditions {
            throw QueryError(.tooComplex("more than \(Self.maximumConditions) conditions (in (…) puts many values in one)"), at: fieldToken.range)
        }
        let opToken = advance()
        if opToken.isKeyword("is") {
            let negated = peek.isKeyword("not")
            if negated { _ = advance() }
            let none = advance()
            guard none.isKeyword("none") || none.isKeyword("null") else {
                throw QueryError(.unexpected(found: Self.describe(none), expected: "'none' after 'is'"), at: none.range)
            }
            return .isNone(field, negated: negated)
        }
        if opToken.isKeyword("not") {
            let inToken = advance()
            guard inToken.isKeyword("in") else {
                throw QueryError(.unexpected(found: Self.describe(inToken), expected: "'in' after 'not'"), at: inToken.range)
            }
            return .isIn(field, try parseList(), negated: true)
        }
        if opToken.isKeyword("in") {
            return .isIn(field, try parseList(), negated: false)
        }
        if opToken.isKeyword("between") {
            let low = try parseOperand()
            let and = advance()
            guard and.isKeyword("and") else {
                throw QueryError(.unexpected(found: Self.describe(and), expected: "'and' in 'between … and …'"), at: and.range)
            }
            return .between(field, low, try parseOperand())
        }
        guard opToken.kind == .symbol, let op = CompareOp(rawValue: opToken.text) else {
            throw QueryError(.unexpected(found: Self.describe(opToken), expected: "an operator (= != < <= > >= ~ in between is) after \(field.name)"),
                             at: opToken.range)
        }
        return .compare(field, op, try parseOperand())
    }

    private mutating func parseList() throws(QueryError) -> [Operand] {
        let open = advance()
        guard open.isSymbol("(") else {
            throw QueryError(.unexpected(found: Self.describe(open), expected: "'(' to start the list"), at: open.range)
        }
        var items = [try parseOperand()]
        while peek.isSymbol(",") {
            _ = advance()
            items.append(try parseOperand())
        }
        let close = advance()
        guard close.isSymbol(")") else {
            throw QueryError(.unexpected(found: Self.describe(close), expected: "',' or ')' in the list"), at: close.range)
        }
        return items
    }

    private mutating func parseOperand() throws(QueryError) -> Operand {
        let token = advance()
        switch token.kind {
        case .string: return Operand(kind: .literal(.text(token.text)), text: "'\(token.text)'", range: token.range)
        case .number(let n): return Operand(kind: .literal(.number(n)), text: token.text, range: token.range)
        case .duration(let s): return Operand(kind: .literal(.duration(s)), text: token.text, range: token.range)
        case .date:
            guard let date = Timestamp.parse(token.text) else { throw QueryError(.badDate(token.text), at: token.range) }
            return Operand(kind: .literal(.date(date)), text: token.text, range: token.range)
        case .variable: return Operand(kind: .variable(token.text), text: "$" + token.text, range: token.range)
        case .word:
            let lower = token.text.lowercased()
            if lower == "none" || lower == "null" { return Operand(kind: .literal(.none), text: token.text, range: token.range) }
            if lower == "true" || lower == "false" { return Operand(kind: .literal(.bool(lower == "true")), text: token.text, range: token.range) }
            if ["and", "or", "not"].contains(lower) { break }
            return Operand(kind: .word(token.text), text: token.text, range: token.range)
        case .symbol, .end:
            break
        }
        throw QueryError(.unexpected(found: Self.describe(token), expected: "a value (a number, 'text', a date, a duration or $variable)"), at: token.range)
    }
}
