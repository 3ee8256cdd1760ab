import SmarketingKit

/// `glossary`: every term, the team that owns it, its aliases and definition.
public enum GlossaryCommand: ShellCommand {
    public static let name = "glossary"
    public static let group = CommandGroup.agree
    public static let summary = "the shared vocabulary: every term, its team, aliases and definition"
    public static let usage = "glossary [TERM]"
    public static let examples = ["glossary", "glossary SQL"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        if !arguments.isAtEnd { return try ExplainCommand.run(&arguments, in: session) }
        let rows: [[TableValue]] = session.workspace.glossary.map { term in
            [.text(term.term), TableValue(term.team?.rawValue), .list(term.aliases), .text(term.definition)]
        }
        return .table(Table(columns: ["term", "team", "aliases", "definition"], rows: rows, footer: "\(Thousands.format(rows.count)) terms"))
    }
}
