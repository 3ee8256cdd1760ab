/// `output FILE`: send results to a file until `output -`.
public enum OutputCommand: ShellCommand {
    public static let name = "output"
    public static let group = CommandGroup.script
    public static let summary = "send results to a file (output - sends them back to the screen)"
    public static let usage = "output FILE | output -"
    public static let details = """
        The file is emptied first. Errors still go to the screen. Combine with format:
        format csv; output leads.csv; leads; output -
        """
    public static let examples = ["output /tmp/smk-example.txt; leads limit 3; output -"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        let target = try arguments.text("a file name, or - for the screen")
        try arguments.finish()
        session.redirect?.close()
        session.redirect = nil
        if target.text == "-" { return .none }
        try SafeMode.check(target.text, for: "output", in: session)
        session.redirect = try FileSink(path: target.text)
        return .none
    }
}
