/// `quit`: leaves the shell, asking first when there are unsaved changes.
public enum QuitCommand: ShellCommand {
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
        if session.isDirty, !force, let confirm = session.confirm {
            let question = "\(session.unsavedCount) unsaved change(s). Quit without saving? [y/N] "
            guard confirm(question) else {
                return .message("not quitting: save first, or quit! to leave without saving")
            }
        }
        return .quit
    }
}
