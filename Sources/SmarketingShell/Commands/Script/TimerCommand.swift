/// `timer on|off`: prints how long each command took.
public enum TimerCommand: ShellCommand {
    public static let name = "timer"
    public static let group = CommandGroup.script
    public static let summary = "print how long each command takes, wall clock and CPU (on), or not (off)"
    public static let usage = "timer on|off"
    public static let examples = ["timer on; count by source; timer off"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        session.settings.timer = try OnOff.parse(&arguments)
        return .none
    }
}
