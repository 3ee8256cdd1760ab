import SmarketingKit

/// `find TEXT`: leads whose name, email, company, id or notes contain the text.
public enum FindCommand: ShellCommand {
    public static let name = "find"
    public static let group = CommandGroup.look
    public static let summary = "search names, emails, companies and notes (case and accents ignored)"
    public static let usage = "find TEXT"
    public static let details = """
        Matches anywhere in the lead's name, email, company, id (part of a hash id
        finds the lead), activity and history notes and feedback reasons; several words each have to match, in any order (find
        nilsson henrik), and a quoted phrase matches as written ("chose competitor").
        `find lofgren` finds Löfgren, `find stefan` finds Ștefan
        (the folding of ~, every script included). Shows where it matched. The first find
        on a workspace builds an index of the folded text; later ones answer from it.
        """
    public static let examples = ["find nordvik", "find \"chose competitor\"", "find popescu", "find nilsson henrik"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        var words: [String] = []
        while !arguments.isAtEnd { words.append(try arguments.text("the text to find").text) }
        guard !words.isEmpty else { _ = try arguments.text("the text to find"); return .none }
        let leads = session.workspace.leads
        // From the table's folded-text index (built by the first find): the name,
        // company and stage come from the columns, so no lead is decoded. Several words
        // (or quoted phrases) each have to match, in any order and any field, as in a
        // search box: `find nilsson henrik` finds Henrik Nilsson.
        var found: [[LeadStore.SearchHit]] = []
        // One word under `maxrows`: only the rows shown need the note that matched.
        let textsFor = words.count == 1 ? session.listingCap : nil
        for word in words {
            guard let hits = leads.find(word, textsFor: textsFor, isInterrupted: { session.isInterrupted() }) else { throw .interrupted }
            found.append(hits)
            if hits.isEmpty { break }
        }
        // One word (the usual search) needs no joining; under `maxrows` only the rows
        // shown are built and the rest counted.
        let joined = found.count == 1 ? [] : Self.everyWord(found)
        let total = found.count == 1 ? found[0].count : joined.count
        let shown = min(total, session.listingCap ?? total)
        var rows: [[TableValue]] = []
        rows.reserveCapacity(shown)
        for k in 0..<shown {
            let row = found.count == 1 ? found[0][k].row : joined[k][0].row
            let contact = leads.contact(at: row)
            let place: String
            if found.count == 1 {
                place = Self.describe(found[0][k])
            } else {
                var seen: Set<String> = []
                place = joined[k].map(Self.describe).filter { seen.insert($0).inserted }.joined(separator: "; ")
            }
            rows.append([.text(leads.id(at: row)), TableValue(contact.name), TableValue(contact.company), .text(leads.stage(at: row)),
                         .text(place)])
        }
        return .table(Table(columns: ["id", "name", "company", "stage", "matched"], rows: rows,
                            footer: "\(Thousands.format(total)) lead\(total == 1 ? "" : "s")", stageColumns: [3],
                            moreRows: total - rows.count))
    }

    /// Where a hit matched, as the `matched` column says it: the field, or the note or
    /// reason that holds the text (a literal per place: interpolating the enum went
    /// through reflection, a few hundred thousand times for a common word).
    static func describe(_ hit: LeadStore.SearchHit) -> String {
        switch hit.place {
        case .name: "name"
        case .email: "email"
        case .company: "company"
        case .id: "id"
        case .activity: "activity: " + (hit.text ?? "")
        case .history: "history: " + (hit.text ?? "")
        case .feedback: "feedback: " + (hit.text ?? "")
        }
    }

    /// The leads every list holds (each list in row order, one hit per lead), with the
    /// hit of each word.
    static func everyWord(_ lists: [[LeadStore.SearchHit]]) -> [[LeadStore.SearchHit]] {
        guard let first = lists.first else { return [] }
        var result = first.map { [$0] }
        for list in lists.dropFirst() {
            var next: [[LeadStore.SearchHit]] = []
            var k = 0
            for hits in result {
                let row = hits[0].row
                while k < list.count, list[k].row < row { k += 1 }
                if k < list.count, list[k].row == row { next.append(hits + [list[k]]) }
            }
            result = next
            if result.isEmpty { break }
        }
        return result
    }
}
