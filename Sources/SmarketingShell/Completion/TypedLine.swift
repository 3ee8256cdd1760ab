/// The text before the cursor, cut the way the interpreter cuts it: the command the cursor
/// is in (after the last `;`), the tokens of that command before the word being completed,
/// and that word.
struct TypedLine {
    /// The tokens of the current command before the word; their ranges count from the
    /// start of the command.
    let tokens: [Token]
    /// The word being completed, as typed, without an opening quote.
    let word: String
    /// Where the word starts in the line (at its opening quote, if it has one).
    let wordStart: Int
    /// The quote the word opened and has not closed yet.
    let quote: Character?

    /// Characters that end a word in the command language, besides white space.
    static let separators: Set<Character> = [",", "(", ")", "=", "~", "<", ">", "\"", "'", ";"]

    /// Nil when nothing should be completed here: inside a comment, or right after a
    /// closing quote.
    init?(_ text: String) {
        let characters = Array(text)
        var commandStart = 0
        var quote: Character?
        var quoteStart = 0
        var i = 0
        while i < characters.count {
            let c = characters[i]
            if let open = quote {
                if c == "\\", i + 1 < characters.count, characters[i + 1] == open || characters[i + 1] == "\\" {
                    i += 2
                    continue
                }
                if c == open { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
                quoteStart = i
            } else if c == "#" {
                return nil
            } else if c == ";" || c == "\n" {
                commandStart = i + 1
            }
            i += 1
        }

        var start = characters.count
        if quote != nil {
            start = quoteStart
            word = Self.unescaped(characters[(start + 1)...], quote: quote)
        } else {
            while start > commandStart, !characters[start - 1].isWhitespace, !Self.separators.contains(characters[start - 1]) {
                start -= 1
            }
            if start == characters.count, start > commandStart, characters[start - 1] == "\"" || characters[start - 1] == "'" {
                return nil
            }
            word = String(characters[start...])
        }
        guard let tokens = try? Lexer.tokenize(String(characters[commandStart..<start])) else { return nil }
        self.tokens = tokens
        self.wordStart = start
        self.quote = quote
    }

    private static func unescaped(_ characters: ArraySlice<Character>, quote: Character?) -> String {
        var text = ""
        var i = characters.startIndex
        while i < characters.endIndex {
            if characters[i] == "\\", i + 1 < characters.endIndex, characters[i + 1] == quote || characters[i + 1] == "\\" {
                text.append(characters[i + 1])
                i += 2
            } else {
                text.append(characters[i])
                i += 1
            }
        }
        return text
    }
}
