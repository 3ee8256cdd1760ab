/// Splits one command's text into tokens, keeping where each came from.
public enum Lexer {
    private static let singleSymbols: Set<Character> = [",", "(", ")", "=", "~", "<", ">"]

    public static func tokenize(_ text: String) throws(ShellError) -> [Token] {
        let characters = Array(text)
        // A raw control character (ESC, BEL, a bidi override) would be stored in a lead and
        // later drive someone's terminal: refused where it stands.
        if let bad = characters.firstIndex(where: { $0 != "\r\n" && $0.unicodeScalars.contains(where: { $0 != "\r" && TerminalText.isUnsafe($0) }) }) {
            throw .unexpected(found: "the control character \(TerminalText.visible(String(characters[bad])))",
                              expected: "text without control characters", usage: "", SourceRange(bad, bad + 1))
        }
        var tokens: [Token] = []
        var i = 0
        while i < characters.count {
            let c = characters[i]
            if c.isWhitespace { i += 1; continue }
            if c == "\"" || c == "'" {
                let start = i
                var value = ""
                i += 1
                var closed = false
                while i < characters.count {
                    let d = characters[i]
                    if d == "\\", i + 1 < characters.count, characters[i + 1] == c || characters[i + 1] == "\\" {
                        value.append(characters[i + 1])
                        i += 2
                        continue
                    }
                    if d == c { closed = true; i += 1; break }
                    value.append(d)
                    i += 1
                }
                guard closed else { throw .unterminatedString(SourceRange(start, start + 1)) }
                tokens.append(Token(.string, value, SourceRange(start, i)))
                continue
            }
            if c == "!" || c == "<" || c == ">", i + 1 < characters.count, characters[i + 1] == "=" {
                tokens.append(Token(.symbol, String(c) + "=", SourceRange(i, i + 2)))
                i += 2
                continue
            }
            if singleSymbols.contains(c) {
                tokens.append(Token(.symbol, String(c), SourceRange(i, i + 1)))
                i += 1
                continue
            }
            let start = i
            while i < characters.count {
                let d = characters[i]
                if d.isWhitespace || d == "\"" || d == "'" { break }
                if d == "-", i + 1 < characters.count, characters[i + 1] == ">" { i += 2; continue }
                if singleSymbols.contains(d) { break }
                if d == "!", i + 1 < characters.count, characters[i + 1] == "=" { break }
                i += 1
            }
            tokens.append(Token(.word, String(characters[start..<i]), SourceRange(start, i)))
        }
        return tokens
    }
}
