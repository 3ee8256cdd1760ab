import SmarketingKit

/// `scenarios`: the scenarios of this session.
public enum ScenariosCommand: ShellCommand {
    public static let name = "scenarios"
    public static let group = CommandGroup.whatIf
    public static let summary = "list the scenarios of this session and those saved in the workspace, with their changes"
    public static let usage = "scenarios"
    public static let examples = ["scenario new a; scenarios; scenario drop a"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        try arguments.finish()
        var all = session.parkedScenarios
        if let current = session.currentScenario { all.append(current) }
        let saved = SavedScenarios.list(in: session.mainWorkspace)
        var rows: [[TableValue]] = all.sorted { $0.name < $1.name }.map { scenario in
            let kept = saved.contains { $0.name == scenario.name }
            return [.text(scenario.name + (scenario.name == session.scenario ? " (open)" : "")), .number(Double(scenario.done.count)),
                    .text(kept ? (session.isScenarioKept(scenario.name) ? "saved" : "saved, changed since") : "this session")]
        }
        for entry in saved where !all.contains(where: { $0.name == entry.name }) {
            rows.append([.text(entry.name), .number(Double(entry.count)), .text("saved (scenario switch \(entry.name) reopens it)")])
        }
        return .table(Table(columns: ["scenario", "changes", "kept"], rows: rows, footer: session.scenario == nil ? "you are in main" : nil))
    }
}
