import SmarketingKit

/// `move SEL to STAGE`: moves leads along the funnel, checking the stage's entry rule and
/// which team may make the move, and records who, when and why in each lead's history.
public enum MoveCommand: ShellCommand {
    public static let name = "move"
    public static let group = CommandGroup.change
    public static let summary = "move leads to a stage (entry rules and team hand-off checked)"
    public static let usage = "move ID,…|where EXPR|@view to STAGE [note \"…\"] [force \"why\"] [assign OWNER|sales|marketing]"
    public static let details = """
        Each lead gets a history entry (at, from, to, by, note). A stage's entry rule (stage
        STAGE entry "…") is checked per lead; a refusal names the failing clause. force
        "why" moves anyway and records the reason. With a team in the workspace, a stage
        is entered by the team that owns it (sales accepts MQLs into sal); nurture is
        entered only through recycle or reject and lost through lose. A selection moves
        the leads that may move, lists the refused ones, and is one step for undo.
        One owner at the hand-off: a lead moved into the other team's stage gets an owner
        from that team: the person moving it, or assign NAME, or assign sales (the members
        of sales in turn, fewest open leads first). A lead never sits in a sales stage
        with a marketing owner.
        """
    public static let examples = [
        "as anna; move L-000002 to sal note \"accepted at the review\"; undo",
        "as anna; move where stage = sal and attempts >= 1 to sql force \"agreed in the meeting\"; undo",
        "as anna; move @hot to sal assign sales; undo",
    ]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        let selector = try LeadSelector.parse(&arguments, in: session, required: true)
        try arguments.expect("to")
        let stageID = try arguments.stage(in: session)
        var note: String?
        var force: String?
        var owners: OwnerChoice?
        while !arguments.isAtEnd {
            if arguments.take("assign") { owners = try OwnerChoice.parse(&arguments, in: session) }
            else if arguments.take("note") { note = try arguments.text("a note in quotes").text }
            else if arguments.take("force") { force = try arguments.text("the reason in quotes").text }
            else if let token = arguments.peek {
                throw arguments.unexpected(token, expected: "assign NAME|TEAM, note \"…\", force \"why\" or the end")
            }
        }
        let rows = try LeadEditing.rows(selector, in: session)
        return try moveRows(rows, to: stageID, via: .move, note: note, force: force, owners: owners, in: session,
                            verb: ("move", "moved"))
    }

    /// `recycle`/`lose`: a selection and a reason, into the side stage owned by `team`.
    static func moveSideways(_ arguments: inout Arguments, in session: Session, team: Team, route: HandOff.Route,
                             verb: (present: String, past: String)) throws(ShellError) -> CommandResult {
        let selector: LeadSelector
        let reason: String
        if var split = arguments.splittingTrailingReason() {
            selector = try LeadSelector.parse(&split.rest, in: session, required: true)
            try split.rest.finish()
            reason = split.reason.text
        } else {
            selector = try LeadSelector.parse(&arguments, in: session, required: true)
            reason = try arguments.text("the reason in quotes").text
            try arguments.finish()
        }
        guard let side = session.workspace.funnel.stages.first(where: { $0.isSide && $0.team == team }) else {
            throw .refused("this workspace has no side stage owned by \(team) to \(verb.present) leads into")
        }
        return try moveRows(try LeadEditing.rows(selector, in: session), to: side.id, via: route, note: reason, force: nil,
                            in: session, verb: verb)
    }

    /// Why `lead` may not enter `target` by `route`, nil when it may: the team that may
    /// make the move, the route into a side stage, reject only at the hand-off, and the
    /// stage's entry rule (nil when forced). Without a lead, only what holds for any lead.
    /// The one place the rule lives: move, recycle, reject and lose ask it for each lead,
    /// TAB after `move ID to` for each stage it could propose.
    static func refusal(of lead: Lead?, into target: Stage, via route: HandOff.Route, rule: EntryRule?, actor: String,
                        in workspace: Workspace) -> String? {
        let from = lead.flatMap { workspace.funnel.stage($0.stage) }
        // A lead not at a hand-off cannot be rejected by anyone: that is said first, with
        // what to do instead, rather than which team a reject would need.
        if route == .reject, let lead, let why = HandOff.rejectRefusal(of: lead.id, from: from, actor: actor, in: workspace) {
            return "cannot be rejected: \(why)"
        }
        if let why = HandOff.refusal(actor: actor, from: from, into: target, via: route, in: workspace) {
            return (route == .reject ? "cannot be rejected: " : "cannot enter \(target.id): ") + why
        }
        guard let lead else { return nil }
        if let rule, let why = rule.refusal(for: lead) {
            return "cannot enter \(target.id): \(why)"
        }
        return nil
    }

    /// The compiled entry rule of `stage`; nil when it has none (or it does not compile,
    /// which `move` reports when it runs).
    static func entryRule(of stage: Stage, in session: Session) -> EntryRule? {
        guard let entry = stage.entry, !entry.isEmpty else { return nil }
        return try? EntryRule(stage: stage.id, text: entry, environment: session.queryEnvironment())
    }

    /// Moves rows into a stage by a route; shared by move, recycle and lose.
    static func moveRows(_ rows: [Int], to stageID: String, via route: HandOff.Route, note: String?, force: String?,
                         owners: OwnerChoice? = nil, in session: Session,
                         verb: (present: String, past: String)) throws(ShellError) -> CommandResult {
        let workspace = session.workspace
        guard let target = workspace.funnel.stage(stageID) else { throw .change(.noSuchStage(stageID)) }
        var rule: EntryRule?
        if let entry = target.entry, !entry.isEmpty {
            do { rule = try EntryRule(stage: stageID, text: entry, environment: session.queryEnvironment()) } catch {
                throw .refused("the entry rule of \(stageID) is broken (\(error)); fix it with stage \(stageID) entry \"…\"")
            }
        }
        let now = session.now
        let actor = session.actor
        if let owners, case .person(let person) = owners, let why = Ownership.refusal(owner: person, in: target, workspace: workspace) {
            throw .refused("cannot assign \(person) at \(stageID): \(why)")
        }
        var turns = owners?.roundRobin(in: workspace)
        return try LeadEditing.apply(
            rows: rows, in: session,
            summary: { "\(verb.present) \(LeadEditing.count($0)) to \(stageID)" },
            done: { "\(verb.past) \(LeadEditing.count($0)) to \(stageID)" + (force != nil ? " (forced)" : "") }
        ) { lead in
            guard lead.stage != stageID else { return .unchanged }
            if let why = refusal(of: lead, into: target, via: route, rule: force == nil ? rule : nil, actor: actor, in: workspace) {
                return .refused(why)
            }
            var entry = StageChange(at: now, from: lead.stage, to: stageID, by: actor, note: note)
            if let force { entry.extra["force"] = .string(force) }
            if route == .reject { entry.extra[StageChange.viaKey] = .string("reject") }
            let named = owners?.person ?? (owners != nil ? turns?.next() : nil)
            lead.owner = Ownership.owner(of: lead, from: workspace.funnel.stage(lead.stage), into: target, actor: actor,
                                         named: named, in: workspace)
            lead.history.append(entry)
            lead.stage = stageID
            return .changed
        }
    }
}
