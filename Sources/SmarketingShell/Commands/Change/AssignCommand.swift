import SmarketingKit

/// `assign SEL to OWNER`: gives leads an owner (or `none`).
public enum AssignCommand: ShellCommand {
    public static let name = "assign"
    public static let group = CommandGroup.change
    public static let summary = "give leads an owner (to none takes it away)"
    public static let usage = "assign ID,…|where EXPR|@view to OWNER|none"
    public static let details = """
        With a team in the workspace, OWNER must be one of its people (a typo gets a
        suggestion). One step for undo.
        """
    public static let examples = ["assign @unassigned to anna; undo", "assign L-000001 to none; undo"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        let selector = try LeadSelector.parse(&arguments, in: session, required: true)
        try arguments.expect("to")
        let ownerToken = try arguments.text("a person, or none")
        try arguments.finish()
        let owner: String? = ownerToken.text.lowercased() == "none" ? nil : ownerToken.text
        if let owner, !session.workspace.team.isEmpty, session.workspace.role(of: owner) == nil {
            let names = session.workspace.team.map(\.name)
            throw .unexpected(found: "'\(owner)'", expected: "one of the team (\(names.joined(separator: ", ")))"
                              + (Suggestion.nearest(to: owner, in: names).map { " — did you mean '\($0)'?" } ?? ""),
                              usage: usage, ownerToken.range)
        }
        let target = owner ?? "none"
        return try LeadEditing.apply(rows: try LeadEditing.rows(selector, in: session), in: session,
                                     summary: { "assign \(LeadEditing.count($0)) to \(target)" },
                                     done: { "assigned \(LeadEditing.count($0)) to \(target)" }) { lead in
            guard lead.owner != owner else { return .unchanged }
            lead.owner = owner
            return .changed
        }
    }
}
