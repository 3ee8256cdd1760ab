import SmarketingKit

/// `stage STAGE entry "EXPR"`: the agreed rule for entering a stage, checked by `move`.
public enum StageCommand: ShellCommand {
    public static let name = "stage"
    public static let group = CommandGroup.agree
    public static let summary = "the funnel (stage alone), or set (or show) a stage's entry rule, which move checks"
    public static let usage = "stage [STAGE [entry \"EXPR\"|entry none]]"
    public static let details = """
        The rule is a query expression every lead must meet to enter the stage:
        stage sql entry "attempts >= 1 and fit >= 40". A move that breaks it is refused
        with the failing clause; move … force "why" overrides and records why.
        stage alone lists the funnel: every stage in order (side stages last), the team
        that owns it, its entry rule and how many leads are in it now.
        """
    public static let examples = ["stage", "stage sql", "stage sal entry \"fit >= 40\"; undo"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        if arguments.isAtEnd { return funnel(in: session) }
        let id = try arguments.stage(in: session)
        guard var stage = session.workspace.funnel.stage(id) else { throw .change(.noSuchStage(id)) }
        if arguments.isAtEnd {
            let leads = session.workspace.leads
            let count = (0..<leads.count).reduce(0) { $0 + (leads.stage(at: $1) == id ? 1 : 0) }
            return .record(Record(fields: [
                .init("stage", .text("\(stage.id) (\(stage.name))")), .init("team", .text(stage.team.rawValue)),
                .init("entry", .text(stage.entry ?? "none")), .init("definition", TableValue(stage.definition)),
                .init("leads", .number(Double(count))),
            ]))
        }
        try arguments.expect("entry")
        let rule = try arguments.text("the rule in quotes, or none")
        try arguments.finish()
        if rule.kind == .word, rule.text.lowercased() == "none" {
            stage.entry = nil
        } else {
            do { _ = try EntryRule(stage: id, text: rule.text, environment: session.queryEnvironment()) } catch {
                throw .query(error.shifted(by: rule.range.start + 1))
            }
            stage.entry = rule.text
        }
        if let proposed = try session.agree(.updateStage(stage), summary: "stage \(id) entry") { return proposed }
        return .message(stage.entry.map { "\(id) entry: \($0)" } ?? "\(id) has no entry rule")
    }

    /// The whole funnel as one table: what a reviewer asks first ("what are our stages,
    /// who owns each, what does it take to get in?").
    static func funnel(in session: Session) -> CommandResult {
        let workspace = session.workspace
        let leads = workspace.leads
        var counts: [String: Int] = [:]
        for row in 0..<leads.count { counts[leads.stage(at: row), default: 0] += 1 }
        let stages = workspace.funnel.stages.filter { !$0.isSide } + workspace.funnel.stages.filter(\.isSide)
        let rows: [[TableValue]] = stages.map { stage in
            [.text(stage.id), .text(stage.name), .text(stage.team.rawValue + (stage.isSide ? " (side)" : "")),
             .text(stage.entry ?? (stage.isSide ? (stage.id == "lost" ? "by lose" : stage.id == "nurture" ? "by recycle" : "") : "")),
             .number(Double(counts[stage.id] ?? 0))]
        }
        return .table(Table(columns: ["stage", "name", "team", "entry", "leads"], rows: rows,
                            footer: "\(Thousands.format(leads.count)) leads; stage STAGE shows one, stage STAGE entry \"EXPR\" sets its rule", stageColumns: [0]))
    }
}
