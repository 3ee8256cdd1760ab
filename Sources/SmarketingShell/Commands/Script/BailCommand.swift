/// `bail on|off`: whether a script stops at its first failed command or check.
public enum BailCommand: ShellCommand {
    public static let name = "bail"
    public static let group = CommandGroup.script
    public static let summary = "stop a script at the first failure (on, the default) or run to the end (off)"
    public static let usage = "bail on|off"
    public static let details = """
        With bail off the script runs to the end, then says how many checks failed
        ("3 of 41 checks failed") and exits non-zero. --keep-going is bail off from the start.
        At the prompt a failure never ends the session either way.
        """
    public static let examples = ["bail off; expect count where stage = customer > 0; bail on"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        session.settings.bail = try OnOff.parse(&arguments)
        return .none
    }
}
