import Foundation

/// Splits a query expression into tokens: numbers with `k`/`m`/`%`, dates, durations
/// (`7d`, `24h`, `2w`), strings, `$variables`, field names with dots, and operators.
public enum QueryLexer {
    public static func tokenize(_ text: String) throws(QueryError) -> [QueryToken] {
        let c = Array(text)
        var tokens: [QueryToken] = []
        var i = 0
        func isWordCharacter(_ ch: Character) -> Bool {
            ch.isLetter || ch.isNumber || ch == "_" || ch == "." || ch == "-" || ch == ":" || ch == "+"
        }
        while i < c.count {
            let ch = c[i]
            if ch.isWhitespace { i += 1; continue }
            let start = i
            if ch == "'" || ch == "\"" {
                var value = ""
                i += 1
                var closed = false
                while i < c.count {
                    if c[i] == "\\", i + 1 < c.count, c[i + 1] == ch || c[i + 1] == "\\" {
                        value.append(c[i + 1]); i += 2; continue
                    }
                    if c[i] == ch { closed = true; i += 1; break }
                    value.append(c[i]); i += 1
                }
                guard closed else { throw QueryError(.unterminatedString, at: start..<(start + 1)) }
                tokens.append(QueryToken(kind: .string, text: value, range: start..<i))
                continue
            }
            if "=~(),".contains(ch) {
                tokens.append(QueryToken(kind: .symbol, text: String(ch), range: i..<(i + 1)))
                i += 1
                continue
            }
            if ch == "!" || ch == "<" || ch == ">" {
                if i + 1 < c.count, c[i + 1] == "=" {
                    tokens.append(QueryToken(kind: .symbol, text: String(ch) + "=", range: i..<(i + 2)))
                    i += 2
                    continue
                }
                if ch == "!" { throw QueryError(.unexpected(found: "'!'", expected: "'!=' or a value"), at: i..<(i + 1)) }
                tokens.append(QueryToken(kind: .symbol, text: String(ch), range: i..<(i + 1)))
                i += 1
                continue
            }
            if ch == "$" {
                i += 1
                while i < c.count, c[i].isLetter || c[i].isNumber || c[i] == "_" { i += 1 }
                guard i > start + 1 else { throw QueryError(.unexpected(found: "'$'", expected: "a variable name after $"), at: start..<(start + 1)) }
                tokens.append(QueryToken(kind: .variable, text: String(c[(start + 1)..<i]), range: start..<i))
                continue
            }
            guard isWordCharacter(ch) || ch == "@" else {
                throw QueryError(.unexpected(found: "'\(ch)'", expected: "a field, a value or an operator"), at: i..<(i + 1))
            }
            i += 1
            while i < c.count, isWordCharacter(c[i]) || c[i] == "%" { i += 1 }
            let word = String(c[start..<i])
            tokens.append(try classify(word, range: start..<i))
        }
        tokens.append(QueryToken(kind: .end, text: "", range: c.count..<c.count))
        return tokens
    }

    /// The largest magnitude a number may have (a duration counts in seconds): far beyond
    /// any count, amount or date, and small enough that every product and whole-number
    /// conversion stays finite and in range. `1e400` (infinity) and `1e19` are refused.
    public static let largestNumber = 1e15

    /// Numbers (`12`, `1.5k`, `2m`, `35%`), dates (`2026-10-01`), durations (`7d`) or words.
    static func classify(_ word: String, range: Range<Int>) throws(QueryError) -> QueryToken {
        guard let first = word.first, first.isNumber || (first == "-" && word.count > 1) else {
            return QueryToken(kind: .word, text: word, range: range)
        }
        if word.count >= 10, Timestamp.parse(word) != nil {
            return QueryToken(kind: .date, text: word, range: range)
        }
        let lower = word.lowercased()
        let multipliers: [(String, Double, Bool)] = [("%", 0.01, false), ("k", 1_000, false), ("m", 1_000_000, false),
                                                     ("d", 86_400, true), ("h", 3_600, true), ("w", 604_800, true),
                                                     ("min", 60, true)]
        for (suffix, factor, isDuration) in multipliers where lower.hasSuffix(suffix) {
            if let number = Double(lower.dropLast(suffix.count)) {
                let value = suffix == "%" ? number / 100 : number * factor
                guard abs(value) <= largestNumber else { throw QueryError(.tooLarge(word), at: range) }
                return QueryToken(kind: isDuration ? .duration(value) : .number(value), text: word, range: range)
            }
        }
        if let number = Double(lower) {
            guard abs(number) <= largestNumber else { throw QueryError(.tooLarge(word), at: range) }
            return QueryToken(kind: .number(number), text: word, range: range)
        }
        if lower.count >= 8, lower.dropFirst(4).first == "-" {
            throw QueryError(.badDate(word), at: range)
        }
        throw QueryError(.badNumber(word), at: range)
    }
}
