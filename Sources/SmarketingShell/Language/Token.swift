/// One word of a command: a bare word, a quoted string, or an operator.
public struct Token: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Anything unquoted: a command name, a keyword, an id, a number, a path.
        case word
        /// A quoted string; `text` holds its contents without quotes or escapes.
        case string
        /// `,` `(` `)` `=` `!=` `<` `<=` `>` `>=` `~`
        case symbol
    }

    public var kind: Kind
    public var text: String
    public var range: SourceRange

    public init(_ kind: Kind, _ text: String, _ range: SourceRange) {
        self.kind = kind
        self.text = text
        self.range = range
    }

    /// True when the token is the bare keyword `word`, compared case-insensitively.
    public func isKeyword(_ word: String) -> Bool {
        kind == .word && text.lowercased() == word
    }

    /// True when the token is the symbol `symbol`.
    public func isSymbol(_ symbol: String) -> Bool {
        kind == .symbol && text == symbol
    }
}
