/// `maxrows N|all`: how many rows a table listing shows at most.
public enum MaxRowsCommand: ShellCommand {
    public static let name = "maxrows"
    public static let group = CommandGroup.script
    public static let summary = "show at most N rows of a listing as a table (all: every row)"
    public static let usage = "maxrows [N|all]"
    public static let details = """
        At a terminal's prompt a listing (leads, find, dupes, count by, changes, …)
        shows its first 40 rows and a last line saying how many more there are; the
        command only builds the rows it shows, so a million leads answer at once.
        Scripts, -c and pipes show every row unless they set maxrows; format
        csv|json|markdown, output FILE and export always write every row.
        maxrows alone says the cap in force now.
        """
    public static let examples = ["maxrows 3; leads; maxrows all", "maxrows 2; dupes; maxrows all", "maxrows"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        if arguments.isAtEnd { return .message(state(of: session)) }
        if arguments.take("all") {
            try arguments.finish()
            session.settings.maxRows = nil
            return .none
        }
        let count = try arguments.integer("a number of rows or all", in: 1...Int.max)
        try arguments.finish()
        session.settings.maxRows = count
        return .none
    }

    /// The cap in force, and where it does not apply, so `maxrows` alone answers
    /// "why do I see only 40 rows?" without changing anything.
    static func state(of session: Session) -> String {
        guard let cap = session.settings.maxRows else { return "maxrows: all" }
        var notes: [String] = []
        // Only the interactive prompt has a pager; it is also where the cap started.
        if session.pager != nil { notes.append("at this terminal; scripts and -c show every row") }
        if session.settings.format != .table {
            notes.append("format \(session.settings.format.rawValue) writes every row")
        } else if session.redirect != nil {
            notes.append("output FILE gets every row")
        }
        return "maxrows: \(cap)" + (notes.isEmpty ? "" : " (" + notes.joined(separator: "; ") + ")")
    }
}
