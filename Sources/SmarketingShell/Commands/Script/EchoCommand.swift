import SmarketingKit

/// `echo "text $var"`: prints a line, with `$NAME` and `${NAME}` replaced.
public enum EchoCommand: ShellCommand {
    public static let name = "echo"
    public static let group = CommandGroup.script
    public static let summary = "print a line; $NAME and ${NAME} are replaced by variables"
    public static let usage = "echo \"text $NAME\" …"
    public static let examples = ["let open = count where stage = sql; echo \"open SQLs: $open\""]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        var parts: [String] = []
        while let token = arguments.peek {
            _ = try arguments.next("text")
            parts.append(try interpolate(token, variables: session.variables))
        }
        return .text(parts.joined(separator: " ") + "\n")
    }

    /// `token`'s text with every `$NAME` / `${NAME}` replaced; an unknown name is an error.
    static func interpolate(_ token: Token, variables: [String: QueryValue]) throws(ShellError) -> String {
        let characters = Array(token.text)
        var result = ""
        var i = 0
        while i < characters.count {
            guard characters[i] == "$", i + 1 < characters.count else { result.append(characters[i]); i += 1; continue }
            var j = i + 1
            let braced = characters[j] == "{"
            if braced { j += 1 }
            let start = j
            while j < characters.count, characters[j].isLetter || characters[j].isNumber || characters[j] == "_" { j += 1 }
            let name = String(characters[start..<j])
            if braced { guard j < characters.count, characters[j] == "}" else { result.append("$"); i += 1; continue }; j += 1 }
            guard !name.isEmpty else { result.append("$"); i += 1; continue }
            guard let value = variables[name] else {
                throw .undefinedVariable(name, suggestion: Suggestion.nearest(to: name, in: variables.keys), token.range)
            }
            result += value.plainText
            i = j
        }
        return result
    }
}
