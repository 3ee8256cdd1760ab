import SmarketingKit

/// `as NAME`: act as another person from now on (every change records them as `by`).
public enum AsCommand: ShellCommand {
    public static let name = "as"
    public static let group = CommandGroup.session
    public static let summary = "act as someone else from now on (changes record them)"
    public static let usage = "as NAME"
    public static let examples = ["as anna; whoami"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        let name = try arguments.teamMember(in: session)
        try arguments.finish()
        if let login = session.store.identity {
            // A script recorded in a shared workspace starts with `as LOGIN`: replayed by
            // the same login it must run, so acting as yourself is no change.
            if name.text == login { return .none }
            throw .refused("in a shared workspace you are who the database says you logged in as (\(login)); connect as \(name.text) to act as them")
        }
        session.actor = name.text
        return .none
    }
}
