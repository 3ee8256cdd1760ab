import SmarketingKit

/// `find TEXT`: leads whose name, email, company or notes contain the text.
public enum FindCommand: ShellCommand {
    public static let name = "find"
    public static let group = CommandGroup.look
    public static let summary = "search names, emails, companies and notes (case and accents ignored)"
    public static let usage = "find TEXT"
    public static let details = """
        Matches anywhere in the lead's name, email, company, activity and history notes
        and feedback reasons; `find lofgren` finds Löfgren. Shows where it matched.
        """
    public static let examples = ["find nordvik", "find \"chose competitor\"", "find popescu"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        var words: [String] = []
        while !arguments.isAtEnd { words.append(try arguments.text("the text to find").text) }
        guard !words.isEmpty else { _ = try arguments.text("the text to find"); return .none }
        let needle = TextFold.fold(words.joined(separator: " "))
        let needleBytes = Array(needle.utf8)
        let leads = session.workspace.leads
        var rows: [[TableValue]] = []
        var letters = FoldedLetters()
        for row in 0..<leads.count {
            if row & 0xFFF == 0, session.isInterrupted() { throw .interrupted }
            // A look at the lead's text first: most leads surely do not match, and are
            // then never decoded.
            guard leads.mayContain(folded: needleBytes, at: row, letters: &letters) else { continue }
            let lead = leads[row]
            guard let place = match(lead, needle) else { continue }
            rows.append([.text(lead.id), TableValue(lead.name), TableValue(lead.company), .text(lead.stage), .text(place)])
        }
        return .table(Table(columns: ["id", "name", "company", "stage", "matched"], rows: rows,
                            footer: "\(rows.count) lead\(rows.count == 1 ? "" : "s")", stageColumns: [3]))
    }

    /// Where the lead contains `needle` (folded): the first field that does.
    static func match(_ lead: Lead, _ needle: String) -> String? {
        let fields: [(String, String?)] = [("name", lead.name), ("email", lead.email), ("company", lead.company)]
        for (name, value) in fields {
            if let value, TextFold.fold(value).contains(needle) { return name }
        }
        for activity in lead.activities { if let note = activity.note, TextFold.fold(note).contains(needle) { return "activity: " + note } }
        for move in lead.history { if let note = move.note, TextFold.fold(note).contains(needle) { return "history: " + note } }
        for verdict in lead.feedback { if let reason = verdict.reason, TextFold.fold(reason).contains(needle) { return "feedback: " + reason } }
        return nil
    }
}
