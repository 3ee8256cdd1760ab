import SmarketingKit

/// `dupes`: leads that are probably the same person, grouped, for `merge`.
public enum DupesCommand: ShellCommand {
    public static let name = "dupes"
    public static let group = CommandGroup.clean
    public static let summary = "group likely duplicates: same email, near-same name at one company, same phone"
    public static let usage = "dupes [by email|name|company|phone]"
    public static let details = """
        Emails match with case and spaces ignored; names with accents and case ignored,
        word by word, a typo allowed in a word of five letters or more (two in all), within
        the same company (legal forms such as AB, B.V., S.p.A. ignored): Nils Åkesson and
        Nils Åkeson match, Ioana and Irina Georgescu do not; phones by their last nine digits. Without by, all of email, name and
        phone. The same column says what each lead shares with another of its group. Clean a group with merge ID into ID. The computed field dupes (count where
        dupes > 0) counts the others in a lead's group, by the same rules; the answer is
        kept until the leads change. A company with thousands of distinct names is
        compared by identical name only, and the footer names it. Ctrl-C stops it.
        """
    public static let examples = ["dupes", "dupes by email", "dupes by name"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        var criteria: Set<Duplicates.Criterion> = [.email, .name, .phone]
        if arguments.take("by") {
            let token = try arguments.text("email, name, company or phone")
            guard let criterion = Duplicates.Criterion(rawValue: token.text.lowercased()) else {
                throw arguments.unexpected(token, expected: "email, name, company or phone")
            }
            criteria = [criterion]
        }
        try arguments.finish()
        let leads = session.workspace.leads
        guard let found = Duplicates.find(in: leads, by: criteria, isInterrupted: { session.isInterrupted() }) else {
            throw .interrupted
        }
        let groups = found.groups
        var rows: [[TableValue]] = []
        var narrowRows: [[TableValue]] = []
        // The narrow layout is for a table on a terminal; csv, json and a file never show
        // it, and building it for every row doubled the listing of a million leads' groups.
        let showsNarrow = session.settings.format == .table && session.redirect == nil
            && (session.terminalWidth?() ?? session.settings.width) != nil
        let groupDigits = Thousands.format(groups.count).count
        // Under `maxrows` only the rows shown are built; the rest are counted.
        let total = groups.reduce(0) { $0 + $1.rows.count }
        let cap = session.listingCap ?? total
        // The words of each combination of criteria, worked out once, not once per row.
        let words = (0..<16).map { bits in Duplicates.Criterion.allCases.filter { Int($0.bit) & bits != 0 }.map(\.rawValue) }
        let same = words.map { $0.joined(separator: ", ") }, narrowSame = words.map { $0.joined(separator: "+") }
        for (index, group) in groups.enumerated() {
            if rows.count >= cap { break }
            if index & 0xFFF == 0, session.isInterrupted() { throw .interrupted }
            // Each lead says why it is in its group (this one shares the email, that
            // one's name matches), not the group's reasons on every row.
            let number = showsNarrow ? Thousands.format(index + 1) : ""
            let narrowNumber = String(repeating: " ", count: max(0, groupDigits - number.count)) + number + " "
            for (k, row) in group.rows.enumerated() {
                if rows.count >= cap { break }
                let how = Int(group.reasonBits(at: k) & 0x0F)
                // From the columns: listing a million leads' duplicates decodes none.
                let contact = leads.contact(at: row)
                rows.append([.number(Double(index + 1)), .text(leads.id(at: row)), TableValue(contact.name), TableValue(contact.email),
                             TableValue(contact.company), .text(leads.stage(at: row)), .text(same[how])])
                guard showsNarrow else { continue }
                let who = [contact.name, contact.email, contact.company].compactMap { $0 }.filter { !$0.isEmpty }
                narrowRows.append([.text(narrowNumber + leads.id(at: row)), .text(who.joined(separator: " · ")), .text(leads.stage(at: row)),
                                   .text(narrowSame[how])])
            }
        }
        var footer = "\(Thousands.format(groups.count)) group\(groups.count == 1 ? "" : "s") of likely duplicates"
        if !found.oversized.isEmpty {
            let shown = found.oversized.prefix(3).joined(separator: ", ") + (found.oversized.count > 3 ? ", …" : "")
            footer += "; \(Thousands.format(found.oversized.count)) compan\(found.oversized.count == 1 ? "y has" : "ies have") more than "
                + "\(Duplicates.distinctNameCap) distinct names, compared by identical name only (\(shown))"
        }
        // On a terminal too narrow for a column each, name, email and company share one
        // column that wraps at word boundaries, where three cut columns showed a word each;
        // the group's number goes before the id and `same` reads email+name, to leave that
        // column room for an email on a line of its own.
        let narrow = Table(columns: ["group id", "name · email · company", "stage", "same"], rows: narrowRows,
                           footer: footer, stageColumns: [2], moreRows: total - narrowRows.count)
        return .table(Table(columns: ["group", "id", "name", "email", "company", "stage", "same"], rows: rows,
                            footer: footer, stageColumns: [5], narrower: showsNarrow ? [narrow] : [], moreRows: total - rows.count))
    }
}
