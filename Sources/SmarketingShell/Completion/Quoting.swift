/// Writes a candidate so the command language reads it back as one word: bare when it
/// can be, in quotes when it must be (`'closed loop'`, `"'s-Hertogenbosch"`).
enum Quoting {
    /// The words of the query language, which a bare value cannot be.
    static let queryWords: Set<String> = ["and", "or", "not", "in", "is", "between", "none", "null"]

    /// True when `value` has to be quoted: for the command lexer, when it is empty or holds
    /// white space, a quote or one of `, ( ) = ~ < > ; #`; inside a query expression, also
    /// when it holds anything but letters, digits and `_ . - : +`, starts with a digit or
    /// `-` (it would be read as a number), or is a word of the language.
    static func needsQuotes(_ value: String, inExpression: Bool) -> Bool {
        guard let first = value.first else { return true }
        if value.contains(where: { $0.isWhitespace || TypedLine.separators.contains($0) || $0 == "#" }) { return true }
        guard inExpression else { return false }
        if first.isNumber || first == "-" || queryWords.contains(value.lowercased()) { return true }
        return !value.allSatisfy { $0.isLetter || $0.isNumber || "_.-:+".contains($0) }
    }

    /// `value` as it is inserted. When the person already opened a quote, that quote is
    /// used; otherwise single quotes, or double ones for a value with a single quote in it.
    /// `closed: false` leaves the quote open (a directory, so the path can go on).
    static func write(_ value: String, opened: Character?, inExpression: Bool, closed: Bool = true) -> String {
        guard opened != nil || needsQuotes(value, inExpression: inExpression) else { return value }
        let quote: Character = opened ?? (value.contains("'") && !value.contains("\"") ? "\"" : "'")
        var text = String(quote)
        for character in value {
            if character == quote || character == "\\" { text.append("\\") }
            text.append(character)
        }
        if closed { text.append(quote) }
        return text
    }
}
