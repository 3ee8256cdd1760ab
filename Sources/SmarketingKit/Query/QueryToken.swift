/// A token of the query language, with its place in the expression text.
public struct QueryToken: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A field name (`source`, `fields.erp`), keyword (`and`, `in`) or bare word value.
        case word
        case string
        case number(Double)
        case date
        case duration(Double)
        case variable
        /// `=` `!=` `<` `<=` `>` `>=` `~` `(` `)` `,`
        case symbol
        case end
    }

    public var kind: Kind
    public var text: String
    /// Character offsets in the expression text.
    public var range: Range<Int>

    public func isKeyword(_ word: String) -> Bool {
        kind == .word && text.lowercased() == word
    }

    public func isSymbol(_ symbol: String) -> Bool {
        kind == .symbol && text == symbol
    }
}
