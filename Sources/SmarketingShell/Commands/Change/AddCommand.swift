import SmarketingKit

/// `add lead name "…" email "…" …`: a new lead with the next free id, created now.
public enum AddCommand: ShellCommand {
    public static let name = "add"
    public static let group = CommandGroup.change
    public static let summary = "add a new lead (next free id, created now)"
    public static let usage = "add lead FIELD VALUE … [stage STAGE]"
    public static let details = """
        Fields as in set: name "Åsa Öberg" company "Öberg Frakt AB" country SE fit 70 …
        The stage defaults to lead; the history starts with its creation, by you.
        A lead you add into your own team's stage is yours unless owner names someone
        else; a sales stage never gets a marketing owner.
        """
    public static let examples = ["as erik; add lead name \"Åsa Öberg\" email asa@obergfrakt.se company \"Öberg Frakt AB\" country SE; undo",
                                         "as ioana; add lead name \"Ion Popescu\" company \"Carpați SRL\" stage sal; show L-000421 ; undo"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        try arguments.expect("lead")
        var stage = session.workspace.funnel.resolve("lead") ?? session.workspace.funnel.ids.first ?? "lead"
        var edits: [(inout Lead) -> Void] = []
        while !arguments.isAtEnd {
            let field = try arguments.text("a field name")
            if field.text.lowercased() == "stage" {
                stage = try arguments.stage(in: session)
                continue
            }
            let value = try arguments.text("a value for \(field.text)")
            edits.append(try SetCommand.edit(field: field, value: value, usage: usage))
        }
        var lead = Lead(id: nextID(in: session.workspace.leads), stage: stage, created: session.now)
        for edit in edits { edit(&lead) }
        lead.history = [StageChange(at: session.now, from: nil, to: stage, by: session.actor)]
        // A new lead enters its stage like a moved one: the team's stage, the entry rule.
        if let target = session.workspace.funnel.stage(stage) {
            if let why = HandOff.refusal(actor: session.actor, from: nil, into: target, via: .move, in: session.workspace) {
                throw .refused("\(lead.id) cannot enter \(stage): \(why)")
            }
            // One owner at the hand-off: a lead added into a team's stage by a member of that
            // team is theirs; a sales stage never gets a marketing owner.
            if lead.owner == nil, session.workspace.role(of: session.actor) == target.team { lead.owner = session.actor }
            if let owner = lead.owner, let why = Ownership.refusal(owner: owner, in: target, workspace: session.workspace) {
                throw .refused("\(lead.id) cannot enter \(stage) owned by \(owner): \(why)")
            }
            if let entry = target.entry, !entry.isEmpty,
               let rule = try? EntryRule(stage: stage, text: entry, environment: session.queryEnvironment()),
               let why = rule.refusal(for: lead) {
                throw .refused("\(lead.id) cannot enter \(stage): \(why)")
            }
        }
        if let email = lead.email?.lowercased(), let field = LeadField.named("email") {
            let leads = session.workspace.leads
            let environment = session.queryEnvironment()
            if let twin = (0..<leads.count).first(where: { leads.value(of: field, at: $0, in: environment).plainText.lowercased() == email }) {
                session.err.write("note: \(leads.id(at: twin)) has the same email (\(email))\n")
            }
        }
        try session.apply(.insertLead(lead, row: nil), summary: "add lead \(lead.id)")
        return .message("added \(lead.id)" + (lead.name.map { " (\($0))" } ?? ""))
    }

    /// `L-` and six digits, one above the highest such id in the store.
    static func nextID(in leads: LeadStore) -> String {
        var highest = 0
        for id in leads.ids where id.hasPrefix("L-") {
            if let number = Int(id.dropFirst(2)), number > highest { highest = number }
        }
        let digits = String(highest + 1)
        return "L-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }
}
