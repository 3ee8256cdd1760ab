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

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        guard let topic = arguments.isAtEnd ? nil : try arguments.text("a command name") else {
            try arguments.finish()
            return .text(overview())
        }
        try arguments.finish()
        if ["where", "query", "expressions", "fields"].contains(topic.text.lowercased()) {
            return .text(queryLanguage())
        }
        guard let command = CommandRegistry.command(named: topic.text) else {
            throw .unknownHelpTopic(topic.text, suggestion: Suggestion.nearest(to: topic.text, in: CommandRegistry.names), topic.range)
        }
        return .text(page(for: command))
    }

    static func overview() -> String {
        var text = "Commands by group; help COMMAND shows its usage and examples, help where the query language.\n"
        let width = CommandRegistry.all.map { DisplayWidth.of($0.name) }.max() ?? 0
        for group in CommandGroup.allCases {
            let commands = CommandRegistry.all.filter { $0.group == group }
            guard !commands.isEmpty else { continue }
            text += "\n\(group.rawValue)\n"
            for command in commands {
                text += "  " + DisplayWidth.pad(command.name, to: width) + "  " + command.summary + "\n"
            }
        }
        text += "\nOne line may hold several commands separated by ;, # starts a comment, \\ continues a line.\n"
        return text
    }

    /// `help where`: the query language, with the field list read from the catalogue.
    static func queryLanguage() -> String {
        var text = """
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

            """
        let width = LeadField.all.map { DisplayWidth.of($0.name) }.max() ?? 0
        for field in LeadField.all {
            text += "  " + DisplayWidth.pad(field.name, to: width) + "  " + DisplayWidth.pad(field.type.rawValue, to: 8) + "  " + field.summary + "\n"
        }
        text += "  " + DisplayWidth.pad("fields.X", to: width) + "  " + DisplayWidth.pad("any", to: 8) + "  a custom field of the workspace\n"
        text += """

            Examples:
              leads where stage = mql and score >= 60 sort score desc limit 10
              count where stage >= sal and owner is none
              leads where city ~ 'goteborg' and created >= 2026-10-01
              count where stage = sal and idle > 7d by owner

            """
        return text
    }

    static func page(for command: any ShellCommand.Type) -> String {
        var text = "usage: \(command.usage)\n\n\(command.summary)\n"
        if !command.details.isEmpty { text += "\n" + command.details + "\n" }
        if !command.aliases.isEmpty { text += "\nalso: " + command.aliases.joined(separator: ", ") + "\n" }
        if !command.examples.isEmpty {
            text += "\nexamples:\n" + command.examples.map { "  " + $0 }.joined(separator: "\n") + "\n"
        }
        return text
    }
}
