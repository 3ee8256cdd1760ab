import SmarketingKit

/// Finding a glossary term by what a person typed: the term, an alias, or a near miss.
enum GlossaryLookup {
    /// The index of the term `typed` names, and whether it was only a near miss.
    static func find(_ typed: String, in glossary: [GlossaryTerm]) -> (index: Int, nearMiss: Bool)? {
        let lowered = typed.lowercased()
        if let index = glossary.firstIndex(where: { $0.term.lowercased() == lowered || $0.aliases.contains { $0.lowercased() == lowered } }) {
            return (index, false)
        }
        let names = glossary.flatMap { [$0.term] + $0.aliases }
        guard let near = Suggestion.nearest(to: typed, in: names),
              let index = glossary.firstIndex(where: { $0.term == near || $0.aliases.contains(near) }) else { return nil }
        return (index, true)
    }

    /// The words of a multi-word term: `explain closed loop` as well as `explain "closed loop"`.
    static func words(_ arguments: inout Arguments, _ expected: String) throws(ShellError) -> Token {
        let first = try arguments.text(expected)
        var text = first.text
        var end = first.range.end
        while let token = arguments.peek, token.kind == .word {
            _ = try arguments.next(expected)
            text += " " + token.text
            end = token.range.end
        }
        return Token(first.kind, text, SourceRange(first.range.start, end))
    }
}
