import SmarketingKit

/// `info`: what is open: name, file, leads per stage, team, unsaved changes.
public enum InfoCommand: ShellCommand {
    public static let name = "info"
    public static let group = CommandGroup.session
    public static let summary = "the workspace: file, leads per stage, team, unsaved changes"
    public static let usage = "info"
    public static let examples = ["info"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        try arguments.finish()
        let workspace = session.workspace
        var perStage = [String: Int]()
        for row in 0..<workspace.leads.count { perStage[workspace.leads.stage(at: row), default: 0] += 1 }
        var fields: [Record.Field] = [
            .init("workspace", .text(workspace.name)),
            .init(session.store.isShared ? "shared" : "file", TableValue(session.store.isShared ? session.store.location : session.path)),
            .init("leads", .number(Double(workspace.leads.count))),
        ]
        for stage in workspace.funnel.stages {
            fields.append(.init("  " + stage.id, .number(Double(perStage[stage.id] ?? 0))))
        }
        let team = workspace.team.map { "\($0.name) (\($0.role))" }
        fields.append(.init("team", team.isEmpty ? .text("none (no role checks)") : .list(team)))
        fields.append(.init("you", .text(session.actor + (workspace.role(of: session.actor).map { " (\($0))" } ?? ""))))
        if let now = session.fixedNow { fields.append(.init("now", .date(now))) }
        fields.append(.init("unsaved", session.isDirty ? .text("\(session.unsavedCount) change(s)") : .text("none")))
        return .record(Record(fields: fields))
    }
}
