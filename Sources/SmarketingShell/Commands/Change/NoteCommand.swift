import SmarketingKit

/// `note ID "…"`: a free note on a lead, kept with its activities.
public enum NoteCommand: ShellCommand {
    public static let name = "note"
    public static let group = CommandGroup.change
    public static let summary = "write a note on a lead"
    public static let usage = "note ID \"text\""
    public static let examples = ["note L-000001 \"asked for a pilot in Göteborg\"; undo"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        let ids = try arguments.leadIDs(in: session)
        let text = try arguments.text("the note in quotes").text
        try arguments.finish()
        return try ActivityLogging.add(type: "note", note: text, rows: ids.compactMap { session.workspace.leads.row(of: $0) }, in: session,
                                       done: "noted")
    }
}
