import SmarketingKit

/// `move ID[,ID…] to STAGE [note "…"]`: moves leads to a stage, recording who, when, why.
public enum MoveCommand: ShellCommand {
    public static let name = "move"
    public static let group = CommandGroup.change
    public static let summary = "move leads to a stage, with a note in their history"
    public static let usage = "move ID[,ID…] to STAGE [note \"…\"]"
    public static let details = """
        Each lead gets a history entry (at, from, to, by, note). The whole command is one
        step for undo. A lead already in STAGE is left as it is.
        """
    public static let examples = ["move L-000001 to subscriber note \"signed up at the webinar\"; undo"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        let ids = try arguments.leadIDs(in: session)
        try arguments.expect("to")
        let stage = try arguments.stage(in: session)
        var note: String?
        if arguments.take("note") { note = try arguments.text("a note in quotes").text }
        try arguments.finish()

        var changes: [Change] = []
        for id in ids {
            guard var lead = session.workspace.leads[id: id], lead.stage != stage else { continue }
            lead.history.append(StageChange(at: session.now, from: lead.stage, to: stage, by: session.actor, note: note))
            lead.stage = stage
            changes.append(.updateLead(lead))
        }
        guard !changes.isEmpty else { return .message("nothing to move: already in \(stage)") }
        let summary = "move \(ids.count == 1 ? ids[0] : "\(ids.count) leads") to \(stage)"
        try session.apply(.group(changes), summary: summary)
        return .message("moved \(changes.count) lead\(changes.count == 1 ? "" : "s") to \(stage)")
    }
}
