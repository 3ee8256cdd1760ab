import SmarketingKit

/// `find TEXT`: leads whose name, email, company or notes contain the text.
public enum FindCommand: ShellCommand {
    public static let name = "find"
    public static let group = CommandGroup.look
    public static let summary = "search names, emails, companies and notes (case and accents ignored)"
    public static let usage = "find TEXT"
    public static let details = """
        Matches anywhere in the lead's name, email, company, activity and history notes
        and feedback reasons; `find lofgren` finds Löfgren, `find stefan` finds Ștefan
        (the folding of ~, every script included). Shows where it matched. The first find
        on a workspace builds an index of the folded text; later ones answer from it.
        """
    public static let examples = ["find nordvik", "find \"chose competitor\"", "find popescu"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        var words: [String] = []
        while !arguments.isAtEnd { words.append(try arguments.text("the text to find").text) }
        guard !words.isEmpty else { _ = try arguments.text("the text to find"); return .none }
        let leads = session.workspace.leads
        // From the table's folded-text index (built by the first find): the name,
        // company and stage come from the columns, so no lead is decoded.
        guard let hits = leads.find(words.joined(separator: " "), isInterrupted: { session.isInterrupted() }) else {
            throw .interrupted
        }
        var rows: [[TableValue]] = []
        rows.reserveCapacity(hits.count)
        for hit in hits {
            let contact = leads.contact(at: hit.row)
            let place = switch hit.place {
            case .name, .email, .company: "\(hit.place)"
            case .activity, .history, .feedback: "\(hit.place): " + (hit.text ?? "")
            }
            rows.append([.text(leads.id(at: hit.row)), TableValue(contact.name), TableValue(contact.company), .text(leads.stage(at: hit.row)),
                         .text(place)])
        }
        return .table(Table(columns: ["id", "name", "company", "stage", "matched"], rows: rows,
                            footer: "\(rows.count) lead\(rows.count == 1 ? "" : "s")", stageColumns: [3]))
    }
}
