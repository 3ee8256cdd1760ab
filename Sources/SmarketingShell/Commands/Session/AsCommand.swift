import SmarketingKit

/// `as NAME`: act as another person from now on (every change records them as `by`).
public enum AsCommand: ShellCommand {
    public static let name = "as"
    public static let group = CommandGroup.session
    public static let summary = "act as someone else from now on (changes record them)"
    public static let usage = "as NAME"
    public static let examples = ["as anna; whoami"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        let name = try arguments.text("a person")
        try arguments.finish()
        let team = session.workspace.team
        if !team.isEmpty, session.workspace.role(of: name.text) == nil {
            let names = team.map(\.name)
            throw .unexpected(found: "'\(name.text)'", expected: "one of the team (\(names.joined(separator: ", ")))"
                              + (Suggestion.nearest(to: name.text, in: names).map { " — did you mean '\($0)'?" } ?? ""),
                              usage: usage, name.range)
        }
        session.actor = name.text
        return .none
    }
}
