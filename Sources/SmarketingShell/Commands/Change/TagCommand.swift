import SmarketingKit

/// `tag SEL +x -y`: adds and removes labels.
public enum TagCommand: ShellCommand {
    public static let name = "tag"
    public static let group = CommandGroup.change
    public static let summary = "add (+x) and remove (-y) tags"
    public static let usage = "tag ID,…|where EXPR|@view +TAG -TAG …"
    public static let examples = ["tag L-000001 +pilot -dmu; undo", "tag where stage = sql and value >= 20k +big-deal; undo"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        // A tag list starts with + or -, which also ends a where clause.
        let selector = try parseSelector(&arguments, in: session)
        var add: [String] = [], remove: [String] = []
        while let token = arguments.peek {
            _ = try arguments.next("+TAG or -TAG")
            if token.text.hasPrefix("+"), token.text.count > 1 { add.append(String(token.text.dropFirst())) }
            else if token.text.hasPrefix("-"), token.text.count > 1 { remove.append(String(token.text.dropFirst())) }
            else { throw arguments.unexpected(token, expected: "+TAG to add or -TAG to remove") }
        }
        guard !add.isEmpty || !remove.isEmpty else { _ = try arguments.next("+TAG or -TAG"); return .none }
        let description = (add.map { "+" + $0 } + remove.map { "-" + $0 }).joined(separator: " ")
        return try LeadEditing.apply(rows: try LeadEditing.rows(selector, in: session), in: session,
                                     summary: { "tag \(LeadEditing.count($0)) \(description)" },
                                     done: { "tagged \(LeadEditing.count($0)) \(description)" }) { lead in
            let before = lead.tags
            lead.tags.removeAll { remove.contains($0) }
            for tag in add where !lead.tags.contains(tag) { lead.tags.append(tag) }
            return lead.tags == before ? .unchanged : .changed
        }
    }

    private static func parseSelector(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> LeadSelector {
        guard arguments.peek?.isKeyword("where") == true else { return try LeadSelector.parse(&arguments, in: session, required: true) }
        _ = try arguments.next("where")
        let first = arguments.index
        var end = arguments.tokens.count
        for i in first..<arguments.tokens.count {
            let text = arguments.tokens[i].text
            if arguments.tokens[i].kind == .word, text.count > 1, text.hasPrefix("+") || (text.hasPrefix("-") && !text.dropFirst().allSatisfy(\.isNumber)) {
                end = i
                break
            }
        }
        guard end > first else { _ = try arguments.next("an expression after where"); return .all }
        let characters = Array(arguments.text)
        let start = arguments.tokens[first].range.start
        let stop = arguments.tokens[end - 1].range.end
        while arguments.index < end { _ = try arguments.next("") }
        return .predicate(text: String(characters[start..<stop]), offset: start)
    }
}
