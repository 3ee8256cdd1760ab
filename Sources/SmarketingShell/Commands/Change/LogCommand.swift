import SmarketingKit

/// `log ID TYPE ["…"]`: records an activity; calls, emails and meetings count as attempts.
public enum LogCommand: ShellCommand {
    public static let name = "log"
    public static let group = CommandGroup.change
    public static let summary = "record an activity (call, email and meeting count as sales attempts)"
    public static let usage = "log ID,…|where EXPR|@view call|email|meeting|demo|demo-request|download|visit|form|webinar [\"note\"]"
    public static let examples = ["log L-000002 call \"left a voicemail\"; undo", "log where stage = sal and attempts = 0 email \"first contact\"; undo"]

    static let types = ["call", "email", "meeting", "demo", "demo-request", "download", "visit", "form", "webinar"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        let known = ActivityTypes.all(in: session.workspace)
        let selector = try LeadSelector.parse(&arguments, in: session, required: true, stops: LeadSelector.clauseEnds.union(known))
        let typeToken = try arguments.text("an activity type")
        guard known.contains(typeToken.text.lowercased()) else {
            throw .unexpected(found: "'\(typeToken.text)'", expected: known.joined(separator: ", ")
                              + (Suggestion.nearest(to: typeToken.text, in: known).map { " — did you mean '\($0)'?" } ?? "")
                              + " (activity add TYPE adds one)",
                              usage: usage, typeToken.range)
        }
        let note = arguments.isAtEnd ? nil : try arguments.text("a note in quotes").text
        try arguments.finish()
        let rows = try LeadEditing.rows(selector, in: session)
        return try ActivityLogging.add(type: typeToken.text.lowercased(), note: note, rows: rows, in: session, done: "logged \(typeToken.text.lowercased()) for")
    }
}
