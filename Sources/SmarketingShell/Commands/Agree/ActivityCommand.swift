import SmarketingKit

/// `activity [add TYPE | drop TYPE]`: the activity types of the workspace, so a team
/// that works through LinkedIn messages can log them as such.
public enum ActivityCommand: ShellCommand {
    public static let name = "activity"
    public static let group = CommandGroup.agree
    public static let summary = "list the activity types log accepts, or add or drop one of the workspace's own"
    public static let usage = "activity [add TYPE | drop TYPE]"
    public static let details = """
        The built-in types are call, email, meeting, demo, demo-request, download, visit,
        form and webinar; calls, emails and meetings count as sales attempts. activity add
        linkedin-message adds a type of this workspace (kept in the file, one undo step):
        log accepts it, TAB offers it and interest rules may score it. Only the built-in
        call, email and meeting count as attempts so far.
        """
    public static let examples = ["activity", "activity add linkedin-message; log L-000001 linkedin-message \"asked to connect\"; undo; undo"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        if arguments.isAtEnd {
            let added = Set(ActivityTypes.added(in: session.workspace))
            let rows: [[TableValue]] = ActivityTypes.all(in: session.workspace).map { type in
                [.text(type), .text(Activity.attemptTypes.contains(type) ? "yes" : ""), .text(added.contains(type) ? "this workspace" : "built in")]
            }
            return .table(Table(columns: ["type", "attempt", "from"], rows: rows))
        }
        let action = try arguments.text("add or drop")
        let typeToken = try arguments.text("an activity type such as linkedin-message")
        if arguments.take("attempt") {
            throw .refused("only call, email and meeting count as sales attempts so far; activity add \(typeToken.text) adds it as a plain activity")
        }
        try arguments.finish()
        let type = typeToken.text.lowercased()
        var added = ActivityTypes.added(in: session.workspace)
        switch action.text.lowercased() {
        case "add":
            guard type.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }), !type.isEmpty else {
                throw .unexpected(found: "'\(typeToken.text)'", expected: "a type of letters, digits and dashes (linkedin-message)", usage: usage, typeToken.range)
            }
            guard !ActivityTypes.all(in: session.workspace).contains(type) else { return .message("\(type) is already an activity type") }
            added.append(type)
            try session.apply(.setExtra(key: ActivityTypes.key, value: ActivityTypes.value(added)), summary: "activity add \(type)")
            return .message("added activity type \(type): log ID \(type) \"…\" records one")
        case "drop":
            guard let index = added.firstIndex(of: type) else {
                throw .refused(LogCommand.types.contains(type) ? "\(type) is built in and stays" : "no added activity type \(type)")
            }
            added.remove(at: index)
            try session.apply(.setExtra(key: ActivityTypes.key, value: ActivityTypes.value(added)), summary: "activity drop \(type)")
            return .message("dropped activity type \(type) (activities already logged keep it)")
        default:
            throw arguments.unexpected(action, expected: "add or drop")
        }
    }
}
