/// `quit`: leaves the shell, asking first when there are unsaved changes.
public enum QuitCommand: ShellCommand {
    public static let isRecorded = false
    public static let name = "quit"
    public static let aliases = ["exit", "quit!"]
    public static let group = CommandGroup.session
    public static let summary = "leave (quit! leaves without asking about unsaved changes)"
    public static let usage = "quit | quit!"
    public static let details = """
        At the prompt, unsaved changes make quit ask first; quit! leaves without saving.
        Ctrl-D twice (or the terminal going away) leaves too, keeping unsaved changes in
        the journal: the next session that opens the file offers to replay them. In a
        script, quit ends the script.
        """
    public static let examples: [String] = []

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        try arguments.finish()
        let force = arguments.commandName.text.hasSuffix("!")
        guard !force, let confirm = session.confirm else { return .quit }
        // Changes made in a scenario are not in main until scenario apply, and not in
        // the file even then until save: both are lost at quit unless kept.
        let pending = session.scenariosWithChanges.filter { !session.isScenarioKept($0.name) }
        var worries: [String] = []
        if session.isDirty { worries.append("\(session.unsavedCount) unsaved change(s)") }
        for scenario in pending {
            worries.append("scenario \(scenario.name) holds \(scenario.done.count) change(s) not applied to main")
        }
        guard !worries.isEmpty else { return .quit }
        let question = worries.joined(separator: "; ") + ". Quit without saving? [y/N] "
        guard confirm(question) else {
            let advice = pending.isEmpty ? "save first" : "scenario apply or scenario save NAME first"
            return .message("not quitting: \(advice), or quit! to leave without saving")
        }
        return .quit
    }
}
