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
        // On a terminal the team is a line per side, its names broken at the width: one
        // line of six people or more ran past an 80-column terminal and was cut.
        let terminalWidth = session.settings.format == .table && session.redirect == nil
            ? session.terminalWidth?() ?? session.settings.width : nil
        if let terminalWidth, !team.isEmpty {
            // The sides in the order people are listed (sales, marketing, any other).
            var sides: [(team: Team, names: [String])] = []
            for member in workspace.team {
                if let index = sides.firstIndex(where: { $0.team == member.role }) {
                    sides[index].names.append(member.name)
                } else {
                    sides.append((member.role, [member.name]))
                }
            }
            let rows = sides.map { ("  \($0.team)", $0.names.joined(separator: ", ")) }
            let keys = fields.map(\.name) + rows.map(\.0) + ["team", "you", "now", "unsaved"]
            let indent = (keys.map { DisplayWidth.of($0) }.max() ?? 0) + TableTextRenderer.gap.count
            fields.append(.init("team", .text(sides.map { "\($0.names.count) in \($0.team)" }.joined(separator: ", "))))
            for (key, names) in rows {
                fields.append(.init(key, .text(DisplayWidth.wrap(names, to: max(20, terminalWidth - indent)).joined(separator: "\n"))))
            }
        } else {
            fields.append(.init("team", team.isEmpty ? .text("none (no role checks)") : .list(team)))
        }
        fields.append(.init("you", .text(session.actor + (workspace.role(of: session.actor).map { " (\($0))" } ?? ""))))
        if let now = session.fixedNow { fields.append(.init("now", .date(now))) }
        fields.append(.init("unsaved", session.isDirty ? .text("\(session.unsavedCount) change(s)") : .text("none")))
        return .record(Record(fields: fields))
    }
}
