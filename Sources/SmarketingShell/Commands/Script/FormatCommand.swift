/// `format table|json|csv|markdown`: how results are written from now on.
public enum FormatCommand: ShellCommand {
    public static let name = "format"
    public static let group = CommandGroup.script
    public static let summary = "choose how results are written: table, json, csv or markdown"
    public static let usage = "format table|json|csv|markdown"
    public static let details = """
        json and csv keep standard output machine-readable: confirmations such as
        "saved …" go to standard error instead.
        """
    public static let examples = ["format json; leads limit 2; format table", "format csv; leads limit 2; format table"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        let token = try arguments.text("table, json, csv or markdown")
        guard let format = OutputFormat(rawValue: token.text.lowercased()) else {
            throw arguments.unexpected(token, expected: "table, json, csv or markdown")
        }
        try arguments.finish()
        session.settings.format = format
        return .none
    }
}
