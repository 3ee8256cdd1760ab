/// The reason at the end of `recycle|reject|lose where EXPR "reason"`: a `where` clause
/// runs to the end of the command, so the closing string would read as part of the
/// expression. A final quoted string that does not complete a comparison (it follows a
/// value, not an operator) is the reason.
extension Arguments {
    /// These arguments without a trailing reason string, and that string; nil when the
    /// last token is not such a reason.
    func splittingTrailingReason() -> (rest: Arguments, reason: Token)? {
        guard tokens.count >= 2, index < tokens.count - 1, let last = tokens.last, last.kind == .string,
              tokens[index].isKeyword("where") else { return nil }
        let before = tokens[tokens.count - 2]
        let operators: Set<String> = ["where", "and", "or", "not", "in", "between", "is"]
        if before.kind == .symbol, before.text != ")" { return nil }
        if before.kind == .word, operators.contains(before.text.lowercased()) { return nil }
        let rest = Arguments(tokens: Array(tokens[index..<(tokens.count - 1)]), commandName: commandName, usage: usage,
                             text: text, variables: variables)
        return (rest, last)
    }
}
