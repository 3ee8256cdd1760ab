import SmarketingKit

/// `help [COMMAND]`: the commands by group, or one command's usage, details and examples.
public enum HelpCommand: ShellCommand {
    public static let isRecorded = false
    public static let name = "help"
    public static let aliases = ["?"]
    public static let group = CommandGroup.script
    public static let summary = "list the commands, or explain one"
    public static let usage = "help [COMMAND|where]"
    public static let examples = ["help", "help leads"]

    /// The width help is laid out for when output is not a terminal (a file, a pipe).
    static let defaultWidth = 80

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        let width = session.redirect == nil ? (session.terminalWidth?() ?? session.settings.width ?? defaultWidth) : defaultWidth
        guard let topic = arguments.isAtEnd ? nil : try arguments.text("a command name") else {
            try arguments.finish()
            return .text(overview(width: width))
        }
        try arguments.finish()
        if ["where", "query", "expressions", "fields"].contains(topic.text.lowercased()) {
            return .text(queryLanguage(width: width))
        }
        guard let command = CommandRegistry.command(named: topic.text) else {
            throw .unknownHelpTopic(topic.text, suggestion: Suggestion.nearest(to: topic.text, in: CommandRegistry.names), topic.range)
        }
        return .text(page(for: command, width: width))
    }

    static func overview(width: Int = defaultWidth) -> String {
        var text = HelpText.reflow("Commands by group; help COMMAND shows its usage and examples, help where the query language.",
                                   width: width) + "\n"
        let nameWidth = CommandRegistry.all.map { DisplayWidth.of($0.name) }.max() ?? 0
        for group in CommandGroup.allCases {
            let commands = CommandRegistry.all.filter { $0.group == group }
            guard !commands.isEmpty else { continue }
            text += "\n\(group.rawValue)\n"
            for command in commands {
                let name = "  " + DisplayWidth.pad(command.name, to: nameWidth) + "  "
                text += HelpText.hanging(name, command.summary, column: DisplayWidth.of(name), width: width).joined(separator: "\n") + "\n"
            }
        }
        text += "\n" + HelpText.reflow("One line may hold several commands separated by ;, # starts a comment, \\ continues a line.",
                                       width: width) + "\n"
        return text
    }

    /// `help where`: the query language, with the field list read from the catalogue.
    static func queryLanguage(width: Int = defaultWidth) -> String {
        var text = HelpText.reflow("""
            The query language, after where (and in views, entry rules, persona criteria):

              field OP value        = != < <= > >=, and ~ for "contains" (case and accents
                                    ignored: name ~ 'lofgren' finds Löfgren)
              field in (a, b, …)    field not in (…)      field between a and b
              field is none         field is not none
              not E, E and E, E or E, ( … )

            Values: numbers (12, 1.5k, 2m, 35%), 'text' or "text" (bare words work too),
            dates (2026-10-01), durations (7d, 24h, 2w), $variables (let, --set).
            Stages compare by funnel order: stage >= sal is every stage from SAL on.

            Fields:

            """, width: width)
        let nameWidth = LeadField.all.map { DisplayWidth.of($0.name) }.max() ?? 0
        func line(_ name: String, _ type: String, _ summary: String) -> String {
            let lead = "  " + DisplayWidth.pad(name, to: nameWidth) + "  " + DisplayWidth.pad(type, to: 8) + "  "
            return HelpText.hanging(lead, summary, column: DisplayWidth.of(lead), width: width).joined(separator: "\n") + "\n"
        }
        for field in LeadField.all {
            text += line(field.name, field.type.rawValue, field.summary)
        }
        text += line("fields.X", "any", "a custom field of the workspace")
        text += """

            Examples:
              leads where stage = mql and score >= 60 sort score desc limit 10
              count where stage >= sal and owner is none
              leads where city ~ 'goteborg' and created >= 2026-10-01
              count where stage = sal and idle > 7d by owner

            """
        return text
    }

    /// One command's page. An example wider than the page is broken at its spaces with a
    /// `\` at each line's end, so it still runs when copied.
    static func page(for command: any ShellCommand.Type, width: Int = defaultWidth) -> String {
        var text = HelpText.synopsis("usage: ", command.usage, width: width).joined(separator: "\n") + "\n\n"
            + HelpText.reflow(command.summary, width: width) + "\n"
        if !command.details.isEmpty { text += "\n" + HelpText.reflow(command.details, width: width) + "\n" }
        if !command.aliases.isEmpty { text += "\n" + HelpText.reflow("also: " + command.aliases.joined(separator: ", "), width: width) + "\n" }
        if !command.examples.isEmpty {
            text += "\nexamples:\n" + command.examples.flatMap { HelpText.example($0, width: width) }.joined(separator: "\n") + "\n"
        }
        return text
    }
}
