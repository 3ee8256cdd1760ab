/// `strict on|off`: whether a warning (a value no lead has) fails the command, so that a
/// review script with a mistyped value stops (with bail on) instead of reporting zeros.
public enum StrictCommand: ShellCommand {
    public static let name = "strict"
    public static let group = CommandGroup.script
    public static let summary = "make a warning (a value no lead has) fail the command (on) or only warn (off)"
    public static let usage = "strict on|off"
    public static let details = """
        count where source = webnar answers 0 and warns: no lead has source 'webnar'; did
        you mean 'webinar'? With strict on the command also fails, so a script stops
        there while bail is on, and ends with a non-zero exit status either way.
        """
    public static let examples = ["strict on; count where source = webinar; strict off"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        session.settings.strict = try OnOff.parse(&arguments)
        return .none
    }
}
