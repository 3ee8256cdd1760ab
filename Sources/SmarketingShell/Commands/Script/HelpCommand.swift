import SmarketingKit

/// `help [COMMAND]`: the commands by group, or one command's usage, details and examples.
public enum HelpCommand: ShellCommand {
    public static let name = "help"
    public static let aliases = ["?"]
    public static let group = CommandGroup.script
    public static let summary = "list the commands, or explain one"
    public static let usage = "help [COMMAND]"
    public static let examples = ["help", "help leads"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        guard let topic = arguments.isAtEnd ? nil : try arguments.text("a command name") else {
            try arguments.finish()
            return .text(overview())
        }
        try arguments.finish()
        guard let command = CommandRegistry.command(named: topic.text) else {
            throw .unknownHelpTopic(topic.text, suggestion: Suggestion.nearest(to: topic.text, in: CommandRegistry.names), topic.range)
        }
        return .text(page(for: command))
    }

    static func overview() -> String {
        var text = "Commands (help COMMAND for more; ; separates commands, # starts a comment):\n"
        let width = CommandRegistry.all.map { DisplayWidth.of($0.usage) }.max() ?? 0
        for group in CommandGroup.allCases {
            let commands = CommandRegistry.all.filter { $0.group == group }
            guard !commands.isEmpty else { continue }
            text += "\n\(group.rawValue)\n"
            for command in commands {
                text += "  " + DisplayWidth.pad(command.usage, to: width) + "  " + command.summary + "\n"
            }
        }
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
