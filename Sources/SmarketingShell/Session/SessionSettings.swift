/// The session's toggles, in one place (as sqlite's shell keeps its `.bail`, `.timer`
/// and `.mode` together): set by flags, changed by commands, read by the runner.
public struct SessionSettings: Sendable, Equatable {
    public var format: OutputFormat = .table
    /// Stop a script at the first failed command.
    public var bail = true
    /// Count a command that warned (a value no lead has) as failed, so bail stops there.
    public var strict = false
    /// The terminal's width for tables; nil when output is not a terminal.
    public var width: Int?
    /// Colour escapes allowed (a TTY without `NO_COLOR`).
    public var color = false
    /// Print how long each command took (`timer on`).
    public var timer = false
    /// The most rows a table listing shows (`maxrows N|all`); nil shows every row. A
    /// session at a terminal's prompt starts at `promptMaxRows` (as DuckDB's `.maxrows`),
    /// scripts, `-c` and pipes at every row; csv, json, markdown and `output FILE` always
    /// get every row (`Session.listingCap`).
    public var maxRows: Int?
    /// The cap a terminal prompt starts with: a screenful, and a listing of a million
    /// leads answers in milliseconds instead of scrolling for seconds.
    public static let promptMaxRows = 40
    /// Under `--safe`, the only folder files may be written in or scripts run from (the
    /// workspace's, resolved); nil otherwise. See `SafeMode`.
    public var safeFolder: String?

    public init() {}
}
