import SmarketingKit

/// `scenarios`: the scenarios of this session.
public enum ScenariosCommand: ShellCommand {
    public static let name = "scenarios"
    public static let group = CommandGroup.whatIf
    public static let summary = "list this session's scenarios and their changes"
    public static let usage = "scenarios"
    public static let examples = ["scenario new a; scenarios; scenario drop a"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        try arguments.finish()
        var all = session.parkedScenarios
        if let current = session.currentScenario { all.append(current) }
        let rows: [[TableValue]] = all.sorted { $0.name < $1.name }.map { scenario in
            [.text(scenario.name + (scenario.name == session.scenario ? " (open)" : "")), .number(Double(scenario.done.count))]
        }
        return .table(Table(columns: ["scenario", "changes"], rows: rows, footer: session.scenario == nil ? "you are in main" : nil))
    }
}
