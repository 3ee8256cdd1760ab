import Foundation
import SmarketingKit

/// `let NAME = VALUE`: a variable for `$NAME`; `let now = DATE` fixes the clock.
public enum LetCommand: ShellCommand {
    public static let name = "let"
    public static let group = CommandGroup.script
    public static let summary = "set a variable ($NAME), or fix the clock with let now = DATE"
    public static let usage = "let NAME = VALUE | let NAME = count …"
    public static let details = """
        VALUE is a number (12, 1.5k, 35%), a date (2026-11-01), a duration (7d, 24h), text
        in quotes, or a command that prints one number, such as count where …. Use it as
        $NAME in queries. `let now = 2026-11-24` fixes "now" for age, idle and every other
        relative computation, like --now. A variable given with --set NAME=VALUE keeps that
        value: the script's let is only its default.
        """
    public static let examples = ["let minFit = 60; count where fit >= $minFit", "let open = count where stage = sql and owner is none",
                                  "let now = 2026-11-24; count where idle > 7d"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        let name = try arguments.text("a variable name")
        guard name.kind == .word, name.text.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
            throw arguments.unexpected(name, expected: "a variable name (letters, digits, _)")
        }
        let equals = try arguments.next("'='")
        guard equals.isSymbol("=") else { throw arguments.unexpected(equals, expected: "'='") }
        let first = try arguments.text("a value")
        let value: QueryValue
        if first.kind == .word, let command = CommandRegistry.command(named: first.text), command != LetCommand.self {
            // A command as the value: run it and keep the number it prints.
            var rest = Arguments(tokens: Array(arguments.tokens[arguments.index...]), commandName: first, usage: command.usage,
                                 text: arguments.text, variables: session.variables)
            while !arguments.isAtEnd { _ = try arguments.next("") }
            let result = try command.run(&rest, in: session)
            guard case .document(.number(let text), _) = result, let number = Double(text) else {
                throw .refused("let \(name.text): '\(first.text) …' does not give one number")
            }
            value = .number(number)
        } else {
            try arguments.finish()
            value = try literal(first)
        }
        if name.text.lowercased() == "now" {
            guard case .date(let date) = value else {
                throw .refused("let now needs a date, such as 2026-11-24 or 2026-11-24T09:00:00Z")
            }
            session.fixedNow = date
            return .none
        }
        if session.commandLineVariables.contains(name.text) { return .none }
        session.variables[name.text] = value
        return .none
    }

    static func literal(_ token: Token) throws(ShellError) -> QueryValue {
        if token.kind == .string { return .text(token.text) }
        do {
            let classified = try QueryLexer.tokenize(token.text)
            if let first = classified.first, classified.count == 2 {
                switch first.kind {
                case .number(let n): return .number(n)
                case .duration(let s): return .duration(s)
                case .date: if let date = Timestamp.parse(first.text) { return .date(date) }
                default: break
                }
            }
        } catch {
            throw .query(error.shifted(by: token.range.start))
        }
        return .text(token.text)
    }
}
