import SmarketingKit

/// `activity [add TYPE [attempt] | drop TYPE]`: the activity types of the workspace, so a team
/// that works through LinkedIn messages can log them as such.
public enum ActivityCommand: ShellCommand {
    public static let name = "activity"
    public static let group = CommandGroup.agree
    public static let summary = "list the activity types log accepts, or add or drop one of the workspace's own"
    public static let usage = "activity [add TYPE [attempt] | drop TYPE]"
    public static let details = """
        The built-in types are call, email, meeting, demo, demo-request, download, visit,
        form and webinar; calls, emails and meetings count as sales attempts. activity add
        linkedin-message adds a type of this workspace (kept in the file, one undo step):
        log accepts it, TAB offers it and interest rules may score it. activity add
        linkedin-message attempt also counts it as a sales contact attempt: in the
        attempts field, in entry rules such as attempts >= 1, and in the SLA's first
        contact and attempts promises.
        """
    public static let examples = ["activity", "activity add linkedin-message; log L-000001 linkedin-message \"asked to connect\"; undo; undo",
                                  "activity add linkedin-message attempt; log L-000001 linkedin-message; count where attempts >= 1; undo; undo"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        if arguments.isAtEnd {
            let added = Set(ActivityTypes.added(in: session.workspace))
            let rows: [[TableValue]] = ActivityTypes.all(in: session.workspace).map { type in
                [.text(type), .text(session.workspace.attemptTypes.contains(type) ? "yes" : ""), .text(added.contains(type) ? "this workspace" : "built in")]
            }
            return .table(Table(columns: ["type", "attempt", "from"], rows: rows))
        }
        let action = try arguments.text("add or drop")
        let typeToken = try arguments.text("an activity type such as linkedin-message")
        let attempt = arguments.take("attempt")
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
            let attempts = session.workspace.addedAttemptTypes.union(attempt ? [type] : [])
            try session.apply(.setExtra(key: ActivityTypes.key, value: ActivityTypes.value(added, attempts: attempts)),
                              summary: "activity add \(type)" + (attempt ? " attempt" : ""))
            return .message("added activity type \(type)" + (attempt ? ", a sales attempt" : "") + ": log ID \(type) \"…\" records one")
        case "drop":
            guard let index = added.firstIndex(of: type) else {
                throw .refused(LogCommand.types.contains(type) ? "\(type) is built in and stays" : "no added activity type \(type)")
            }
            added.remove(at: index)
            try session.apply(.setExtra(key: ActivityTypes.key, value: ActivityTypes.value(added, attempts: session.workspace.addedAttemptTypes)),
                              summary: "activity drop \(type)")
            return .message("dropped activity type \(type) (activities already logged keep it)")
        default:
            throw arguments.unexpected(action, expected: "add or drop")
        }
    }
}
