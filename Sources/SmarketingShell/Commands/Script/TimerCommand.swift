/// `timer on|off`: prints how long each command took.
public enum TimerCommand: ShellCommand {
    public static let name = "timer"
    public static let group = CommandGroup.script
    public static let summary = "print how long each command takes (on) or not (off)"
    public static let usage = "timer on|off"
    public static let details = """
        Each command's wall-clock time and, in brackets, the CPU time the process spent on
        it (every thread): time: 12.3 ms (cpu 11.9 ms). Time spent reading long output in
        the pager is not counted.
        """
    public static let examples = ["timer on; count by source; timer off"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        session.settings.timer = try OnOff.parse(&arguments)
        return .none
    }
}
