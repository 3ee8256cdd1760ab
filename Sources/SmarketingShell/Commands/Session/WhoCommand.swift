import SmarketingKit

/// `who`: the people who have this shared workspace open right now.
public enum WhoCommand: ShellCommand {
    public static let name = "who"
    public static let group = CommandGroup.session
    public static let summary = "who has this shared workspace open right now"
    public static let usage = "who"
    public static let details = """
        In a shared workspace (smk postgres://…), lists each open shell: the database \
        login, where from, and since when. On a file, only you have it open.
        """
    public static let examples = ["who"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        try arguments.finish()
        let store = session.store
        guard store.isShared else {
            return .message("\(session.actor) (this workspace is a file: only this shell has it open)")
        }
        let people: [String]
        do { people = try store.present() } catch { throw .refused(error.message) }
        return .message(people.isEmpty ? "nobody" : people.joined(separator: "\n"))
    }
}
