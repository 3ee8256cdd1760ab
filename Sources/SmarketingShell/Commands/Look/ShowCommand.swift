import SmarketingKit

/// `show ID`: everything about one lead: fields, stage history, activities, feedback.
public enum ShowCommand: ShellCommand {
    public static let name = "show"
    public static let group = CommandGroup.look
    public static let summary = "everything about one lead"
    public static let usage = "show ID"
    public static let details = """
        Every field of the lead (custom fields as fields.NAME), then its stage history,
        activities and sales feedback, oldest first. With format json, the lead exactly
        as the workspace file holds it.
        """
    public static let examples = ["show L-000042", "show L-000001"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        let ids = try arguments.leadIDs(in: session)
        try arguments.finish()
        let environment = session.queryEnvironment()
        let parts = ids.compactMap { session.workspace.leads[id: $0] }.map { lead in
            CommandResult.document(.object(lead.json), display: display(lead, in: session.workspace, environment: environment))
        }
        return parts.count == 1 ? parts[0] : .many(parts)
    }

    static func display(_ lead: Lead, in workspace: Workspace, environment: QueryEnvironment) -> CommandResult {
        let scoring = workspace.scoring
        let fit = environment.fit(of: lead), interest = environment.interest(of: lead)
        let stageName = workspace.funnel.stage(lead.stage).map { "\($0.id) (\($0.name), \($0.team))" } ?? lead.stage
        var fields: [Record.Field] = [
            .init("id", .text(lead.id)), .init("name", TableValue(lead.name)), .init("email", TableValue(lead.email)),
            .init("phone", TableValue(lead.phone)), .init("company", TableValue(lead.company)),
            .init("title", TableValue(lead.title)), .init("industry", TableValue(lead.industry)),
            .init("employees", TableValue(lead.employees)), .init("country", TableValue(lead.country)),
            .init("city", TableValue(lead.city)), .init("source", TableValue(lead.source)),
            .init("campaign", TableValue(lead.campaign)), .init("stage", .text(stageName)),
            .init("owner", TableValue(lead.owner)),
            .init("fit", derived(fit, stored: lead.fit, from: scoring.derivesFit)),
            .init("interest", derived(interest, stored: lead.interest, from: scoring.derivesInterest)),
            .init("score", TableValue(scoring.score(fit: fit, interest: interest))),
            .init("quadrant", .text(workspace.quadrant(fit: fit, interest: interest).rawValue)),
            .init("value", TableValue(lead.value)),
            .init("tags", .list(lead.tags)), .init("created", TableValue(lead.created)),
        ]
        fields.removeAll { $0.value == .null || $0.value == .list([]) }
        for member in lead.fields.members {
            fields.append(.init("fields." + member.key, value(member.value)))
        }
        for member in lead.extra.members {
            fields.append(.init(member.key, value(member.value)))
        }
        var parts: [CommandResult] = [.record(Record(title: nil, fields: fields))]
        parts.append(.table(Table(
            title: "history (\(lead.history.count))", columns: ["at", "from", "to", "by", "note"],
            rows: lead.history.map { [.date($0.at), TableValue($0.from), .text($0.to), TableValue($0.by), TableValue(historyNote($0))] },
            stageColumns: [1, 2])))
        parts.append(.table(Table(
            title: "activities (\(lead.activities.count))", columns: ["at", "type", "by", "note"],
            rows: lead.activities.map { [.date($0.at), .text($0.type), TableValue($0.by), TableValue($0.note)] })))
        parts.append(.table(Table(
            title: "feedback (\(lead.feedback.count))", columns: ["at", "by", "verdict", "reason"],
            rows: lead.feedback.map { [.date($0.at), TableValue($0.by), .text($0.verdict.rawValue), TableValue($0.reason)] })))
        return .many(parts)
    }

    /// A derived fit or interest, saying so (and what the file holds) so the two are
    /// never confused: `score ID` shows the rules behind it.
    static func derived(_ value: Double?, stored: Double?, from rules: Bool) -> TableValue {
        guard rules, let value else { return TableValue(value) }
        let file = stored.map { $0 == value ? "" : "; stored \(NumberText.format($0))" } ?? ""
        return .text(NumberText.format(value) + " (by the rules\(file))")
    }

    /// The note, and the reason when the move was forced past an entry rule.
    static func historyNote(_ change: StageChange) -> String? {
        guard let force = change.extra["force"]?.stringValue else { return change.note }
        return [change.note, "forced: " + force].compactMap { $0 }.joined(separator: "; ")
    }

    /// A custom field's value as the file has it: a number such as a lead number
    /// (`660737`) is often an id, which thousands separators would misrepresent.
    private static func value(_ json: JSONValue) -> TableValue {
        switch json {
        case .null: .null
        case .string(let text): .text(text)
        case .number: .figures(json.compactText)
        default: .text(json.compactText)
        }
    }
}
