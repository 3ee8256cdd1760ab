import SmarketingKit

/// The tokens after a command's name, read left to right by the command, with errors
/// that point at the token and repeat the usage.
public struct Arguments {
    public let tokens: [Token]
    public private(set) var index = 0
    /// The name the command was called by, as typed.
    public let commandName: Token
    let usage: String
    /// The command's whole text, for clauses read as raw text (query expressions).
    public let text: String
    /// Where the command's text ends, for "missing …" errors.
    var end: Int { text.count }

    /// The session's variables, for `$NAME` where a command expects a value.
    let variables: [String: QueryValue]

    public init(tokens: [Token], commandName: Token, usage: String, text: String, variables: [String: QueryValue] = [:]) {
        self.tokens = tokens
        self.commandName = commandName
        self.usage = usage
        self.text = text
        self.variables = variables
    }

    /// `token` with a `$NAME` word replaced by the variable's value (same span).
    func substituted(_ token: Token) throws(ShellError) -> Token {
        guard token.kind == .word, token.text.hasPrefix("$"), token.text.count > 1,
              token.text.dropFirst().allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return token }
        let name = String(token.text.dropFirst())
        guard let value = variables[name] else {
            throw .undefinedVariable(name, suggestion: Suggestion.nearest(to: name, in: variables.keys), token.range)
        }
        return Token(.word, value.plainText, token.range)
    }

    /// The raw text from the next token up to (not including) the first token, outside
    /// parentheses, that is one of `stopWords`; the tokens are consumed. Returns the text
    /// and its character offset in the command, so errors inside it can point into it.
    public mutating func clause(until stopWords: Set<String>, expected: String) throws(ShellError) -> (text: String, offset: Int) {
        guard let first = peek else { throw .missing(expected: expected, usage: usage, SourceRange(end, end + 1)) }
        var depth = 0
        var last = first
        while let token = peek {
            if token.isSymbol("(") { depth += 1 }
            if token.isSymbol(")") { depth -= 1 }
            if depth <= 0, token.kind == .word, stopWords.contains(token.text.lowercased()), token != first { break }
            last = token
            index += 1
        }
        let characters = Array(text)
        let start = first.range.start
        return (String(characters[start..<min(last.range.end, characters.count)]), start)
    }

    /// A comma-separated list of words: `a,b,c` or `a, b, c`.
    public mutating func list(_ expected: String) throws(ShellError) -> [Token] {
        var items = [try text(expected)]
        while peek?.isSymbol(",") == true {
            index += 1
            items.append(try text(expected))
        }
        return items
    }

    public var isAtEnd: Bool { index >= tokens.count }
    public var peek: Token? { isAtEnd ? nil : tokens[index] }

    /// Consumes and returns the next token.
    public mutating func next(_ expected: String) throws(ShellError) -> Token {
        guard let token = peek else { throw .missing(expected: expected, usage: usage, SourceRange(end, end + 1)) }
        index += 1
        return token
    }

    /// Consumes the next token when it is the keyword `word`.
    public mutating func take(_ word: String) -> Bool {
        guard let token = peek, token.isKeyword(word) else { return false }
        index += 1
        return true
    }

    /// Requires the keyword `word` next.
    public mutating func expect(_ word: String) throws(ShellError) {
        let token = try next("'\(word)'")
        guard token.isKeyword(word) else { throw unexpected(token, expected: "'\(word)'") }
    }

    /// A word or quoted string (a name, a file, a note).
    public mutating func text(_ expected: String) throws(ShellError) -> Token {
        let token = try substituted(try next(expected))
        guard token.kind != .symbol else { throw unexpected(token, expected: expected) }
        return token
    }

    /// A whole number within `range`.
    public mutating func integer(_ expected: String, in range: ClosedRange<Int> = 0...Int.max) throws(ShellError) -> Int {
        let token = try substituted(try next(expected))
        guard token.kind == .word, let value = Int(token.text), range.contains(value) else {
            throw .notANumber(token.text, what: expected, token.range)
        }
        return value
    }

    /// Ends the command: anything left over is an error.
    public func finish() throws(ShellError) {
        if let token = peek { throw unexpected(token, expected: "the end of the command") }
    }

    /// The next word as one of `T`'s cases (case ignored): `as hubspot`, `key email`.
    public mutating func choice<T: RawRepresentable>(_ expected: String) throws(ShellError) -> T where T.RawValue == String {
        let token = try text(expected)
        guard let value = T(rawValue: token.text.lowercased()) else { throw unexpected(token, expected: expected) }
        return value
    }

    public func unexpected(_ token: Token, expected: String) -> ShellError {
        let found = token.kind == .string ? "\"\(token.text)\"" : "'\(token.text)'"
        return .unexpected(found: found, expected: expected, usage: usage, token.range)
    }
}

extension Arguments {
    /// Lead ids: `L-1`, `L-1,L-2` or `L-1, L-2`; each must exist.
    public mutating func leadIDs(in session: Session) throws(ShellError) -> [String] {
        var ids: [String] = []
        while true {
            let token = try text("a lead id")
            guard session.workspace.leads.row(of: token.text) != nil else {
                // `count wher stage = mql`: the first word was meant as `where`, not an id.
                if ids.isEmpty, token.kind == .word, Suggestion.nearest(to: token.text.lowercased(), in: ["where"]) != nil {
                    throw unexpected(token, expected: "lead ids, where EXPR or @view — did you mean 'where'?")
                }
                throw .noSuchLead(token.text, suggestion: Suggestion.nearest(to: token.text, in: session.workspace.leads.ids.prefix(50_000)),
                                  token.range)
            }
            ids.append(token.text)
            guard peek?.isSymbol(",") == true else { return ids }
            index += 1
        }
    }

    /// A stage id or name (`mql`, `MQL`).
    public mutating func stage(in session: Session) throws(ShellError) -> String {
        let token = try text("a stage")
        guard let id = session.workspace.funnel.resolve(token.text) else {
            throw .noSuchStage(token.text, suggestion: Suggestion.nearest(to: token.text, in: session.workspace.funnel.ids), token.range)
        }
        return id
    }
}

extension QueryValue {
    /// The value as plain text for a command argument or `echo`: `60`, `2026-11-01`, `7d`.
    public var plainText: String {
        switch self {
        case .text(let text): text
        case .list(let items): items.joined(separator: ",")
        default: description
        }
    }
}

extension Arguments {
    /// A person of the workspace's team (anyone when it has none), or an error listing
    /// the team with the nearest name.
    public mutating func teamMember(in session: Session, allowing extra: [String] = []) throws(ShellError) -> Token {
        let token = try text("a person")
        let names = session.workspace.team.map(\.name)
        guard !names.isEmpty, !names.contains(token.text), !extra.contains(token.text.lowercased()) else { return token }
        let hint = Suggestion.nearest(to: token.text, in: names).map { " — did you mean '\($0)'?" } ?? ""
        throw .unexpected(found: "'\(token.text)'", expected: "one of the team (\(names.joined(separator: ", ")))" + hint,
                          usage: usage, token.range)
    }
}
