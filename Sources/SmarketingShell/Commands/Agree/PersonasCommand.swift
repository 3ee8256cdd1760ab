import SmarketingKit

/// `personas`: the personas, in order, with how many leads each is the persona of.
public enum PersonasCommand: ShellCommand {
    public static let name = "personas"
    public static let group = CommandGroup.agree
    public static let summary = "the buyer personas in order, with the leads each one is the persona of"
    public static let usage = "personas"
    public static let examples = ["personas"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        try arguments.finish()
        let environment = session.queryEnvironment()
        var counts: [String: Int] = [:]
        if let field = LeadField.named("persona"), (try? QueryCompiler.compile("persona is not none", in: environment)) != nil {
            for lead in session.workspace.leads.all {
                if case .text(let name) = field.value(of: lead, in: environment) { counts[name, default: 0] += 1 }
            }
        }
        let rows: [[TableValue]] = session.workspace.personas.enumerated().map { index, persona in
            [.number(Double(index + 1)), .text(persona.name), .number(Double(counts[persona.name] ?? 0)), TableValue(persona.criteria)]
        }
        return .table(Table(columns: ["#", "persona", "leads", "criteria"], rows: rows))
    }
}
