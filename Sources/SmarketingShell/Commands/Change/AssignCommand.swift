import SmarketingKit

/// `assign SEL to OWNER`: gives leads an owner (or `none`).
public enum AssignCommand: ShellCommand {
    public static let name = "assign"
    public static let group = CommandGroup.change
    public static let summary = "give leads an owner (to none takes it away)"
    public static let usage = "assign ID,…|where EXPR|@view to OWNER|sales|marketing|none"
    public static let details = """
        With a team in the workspace, OWNER must be one of its people (a typo gets a
        suggestion), of the team that owns the lead's stage: a lead never sits in a sales
        stage with a marketing owner. to sales (or any team) hands the leads out in turn:
        each goes to the member with the fewest open leads so far. One step for undo.
        """
    public static let examples = ["assign @unassigned to anna; undo", "assign L-000001 to none; undo",
                                  "assign where stage = sal and owner is none to sales; undo"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        let selector = try LeadSelector.parse(&arguments, in: session, required: true)
        try arguments.expect("to")
        if arguments.peek.map({ $0.text.lowercased() == "none" }) == true {
            _ = try arguments.next("none")
            try arguments.finish()
            return try assign(selector, to: nil, in: session)
        }
        let choice = try OwnerChoice.parse(&arguments, in: session)
        try arguments.finish()
        return try assign(selector, to: choice, in: session)
    }

    /// Gives each selected lead the chosen owner (a person, or a team's members in turn).
    static func assign(_ selector: LeadSelector, to choice: OwnerChoice?, in session: Session) throws(ShellError) -> CommandResult {
        let workspace = session.workspace
        var turns = choice?.roundRobin(in: workspace)
        let target: String = switch choice {
        case .person(let name): name
        case .team(let team): "\(team) in turn"
        case nil: "none"
        }
        return try LeadEditing.apply(rows: try LeadEditing.rows(selector, in: session), in: session,
                                     summary: { "assign \(LeadEditing.count($0)) to \(target)" },
                                     done: { "assigned \(LeadEditing.count($0)) to \(target)" }) { lead in
            var owner = choice?.person
            if turns != nil {
                turns?.release(lead.owner)
                owner = turns?.next()
                if owner == nil, case .team(let team)? = choice { return .refused("\(team) has nobody in this workspace's team") }
            }
            if let owner, let stage = workspace.funnel.stage(lead.stage),
               let why = Ownership.refusal(owner: owner, in: stage, workspace: workspace) {
                return .refused("cannot be assigned to \(owner): \(why)")
            }
            guard lead.owner != owner else { return .unchanged }
            lead.owner = owner
            return .changed
        }
    }
}
