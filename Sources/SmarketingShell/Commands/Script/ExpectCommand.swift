import SmarketingKit

/// `expect LEFT OP RIGHT [else "message"]`: a check that fails loudly when an agreement is
/// broken. Each side is a number, a date, text, a `$variable`, or a command that gives one
/// number (`count where …`).
public enum ExpectCommand: ShellCommand {
    public static let name = "expect"
    public static let group = CommandGroup.script
    public static let summary = "check that a count or variable compares as agreed; fail loudly if not"
    public static let usage = "expect LEFT =|!=|<|<=|>|>= RIGHT [else \"message\"]"
    public static let details = """
        LEFT and RIGHT are numbers, dates, durations, text, $variables or a command giving
        one number: expect count where stage = sql and owner is none = 0 else "unassigned SQLs".
        A failed check prints the message, both values and where it is, and makes the run
        exit non-zero; a script stops there unless bail is off.
        """
    public static let examples = ["expect count where stage = customer > 0 else \"no customers yet\"",
                                  "let mqls = count where stage = mql; expect $mqls >= 40"]

    static let operators: Set<String> = ["=", "!=", "<", "<=", ">", ">="]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        var tokens = Array(arguments.tokens[arguments.index...])
        while !arguments.isAtEnd { _ = try arguments.next("") }
        var message: String?
        if let elseIndex = tokens.lastIndex(where: { $0.isKeyword("else") }), elseIndex + 1 < tokens.count {
            guard elseIndex + 2 == tokens.count else { throw arguments.unexpected(tokens[elseIndex + 2], expected: "the end after else \"message\"") }
            message = tokens[elseIndex + 1].text
            tokens.removeSubrange(elseIndex...)
        }
        guard tokens.count >= 3, let opIndex = Optional(tokens.count - 2), tokens[opIndex].kind == .symbol,
              operators.contains(tokens[opIndex].text) else {
            let at = tokens.count >= 2 ? tokens[tokens.count - 2] : (tokens.last ?? arguments.commandName)
            throw .unexpected(found: "'\(at.text)'", expected: "LEFT OP RIGHT, with OP one of = != < <= > >=", usage: usage, at.range)
        }
        let op = CompareOp(rawValue: tokens[opIndex].text) ?? .equal
        let left = try value(of: Array(tokens[..<opIndex]), arguments: arguments, in: session)
        let right = try value(of: [tokens[opIndex + 1]], arguments: arguments, in: session)
        session.checks.run += 1
        if holds(left.value, op, right.value) {
            return .none
        }
        session.checks.failed += 1
        let what = message ?? "check failed"
        let span = SourceRange(tokens[0].range.start, tokens[opIndex + 1].range.end)
        throw .expectationFailed(message: "\(what): \(left.text) is \(left.value.plainText), expected \(op.rawValue) \(right.value.plainText)", span)
    }

    /// Whether `left op right` holds: numbers, dates and durations by value, text by
    /// equality ignoring case; anything else only for `!=`.
    static func holds(_ left: QueryValue, _ op: CompareOp, _ right: QueryValue) -> Bool {
        let order: Int?
        switch (left, right) {
        case (.number(let a), .number(let b)), (.duration(let a), .duration(let b)): order = a < b ? -1 : a > b ? 1 : 0
        case (.date(let a), .date(let b)): order = a < b ? -1 : a > b ? 1 : 0
        case (.text(let a), .text(let b)): order = a.lowercased() < b.lowercased() ? -1 : a.lowercased() > b.lowercased() ? 1 : 0
        case (.none, .none): order = 0
        default: order = nil
        }
        guard let order else { return op == .notEqual }
        switch op {
        case .equal: return order == 0
        case .notEqual: return order != 0
        case .less: return order < 0
        case .lessOrEqual: return order <= 0
        case .greater: return order > 0
        case .greaterOrEqual: return order >= 0
        case .contains: return false
        }
    }

    /// A side's value and how it was written.
    static func value(of tokens: [Token], arguments: Arguments, in session: Session) throws(ShellError) -> (value: QueryValue, text: String) {
        guard let first = tokens.first else { throw .missing(expected: "a value", usage: usage, arguments.commandName.range) }
        let characters = Array(arguments.text)
        let text = String(characters[first.range.start..<(tokens.last?.range.end ?? first.range.end)])
        if first.kind == .word, let command = CommandRegistry.command(named: first.text), command != ExpectCommand.self {
            var rest = Arguments(tokens: Array(tokens.dropFirst()), commandName: first, usage: command.usage,
                                 text: arguments.text, variables: session.variables)
            let result = try command.run(&rest, in: session)
            guard case .document(.number(let number), _) = result, let value = Double(number) else {
                throw .refused("expect: '\(text)' does not give one number")
            }
            return (.number(value), text)
        }
        guard tokens.count == 1 else { throw arguments.unexpected(tokens[1], expected: "an operator") }
        let token = try arguments.substituted(first)
        if first.text.hasPrefix("$"), let value = session.variables[String(first.text.dropFirst())] { return (value, text) }
        return (try LetCommand.literal(token), text)
    }
}
