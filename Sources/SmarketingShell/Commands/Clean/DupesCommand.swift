import SmarketingKit

/// `dupes`: leads that are probably the same person, grouped, for `merge`.
public enum DupesCommand: ShellCommand {
    public static let name = "dupes"
    public static let group = CommandGroup.clean
    public static let summary = "group likely duplicates: same email, near-same name at one company, same phone"
    public static let usage = "dupes [by email|name|company|phone]"
    public static let details = """
        Emails match with case and spaces ignored; names with accents and case ignored and
        a typo or two allowed, within the same company (legal forms such as AB, B.V., S.p.A.
        ignored); phones by their last nine digits. Without by, all of email, name and
        phone. Clean a group with merge ID into ID.
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
        let groups = Duplicates.groups(in: leads, by: criteria)
        var rows: [[TableValue]] = []
        for (index, group) in groups.enumerated() {
            let how = Duplicates.Criterion.allCases.filter(group.matchedBy.contains).map(\.rawValue).joined(separator: ", ")
            for row in group.rows {
                let lead = leads[row]
                rows.append([.number(Double(index + 1)), .text(lead.id), TableValue(lead.name), TableValue(lead.email),
                             TableValue(lead.company), .text(lead.stage), .text(how)])
            }
        }
        return .table(Table(columns: ["group", "id", "name", "email", "company", "stage", "same"], rows: rows,
                            footer: "\(groups.count) group\(groups.count == 1 ? "" : "s") of likely duplicates", stageColumns: [5]))
    }
}
