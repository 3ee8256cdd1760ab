/// One command of the language: its name, what it is for, its grammar, examples that run,
/// and what it does. The registry of these drives dispatch, `help` and completion alike.
public protocol ShellCommand: Sendable {
    static var name: String { get }
    /// Other names that reach the command (`exit` for `quit`).
    static var aliases: [String] { get }
    static var group: CommandGroup { get }
    /// One line for `help`.
    static var summary: String { get }
    /// The synopsis: `leads [limit N]`.
    static var usage: String { get }
    /// More lines for `help NAME`: options and what to expect.
    static var details: String { get }
    /// Command lines that run on the demo workspace; the test suite runs every one.
    static var examples: [String] { get }
    /// False for commands about the session itself (help, clear, quit, record), which
    /// `record` leaves out of the script it writes: replaying them would do nothing useful.
    static var isRecorded: Bool { get }
    /// Runs the command. `arguments` holds the tokens after the name.
    static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult
}

extension ShellCommand {
    public static var aliases: [String] { [] }
    public static var details: String { "" }
    public static var isRecorded: Bool { true }
}

/// The groups `help` lists commands in, in this order.
public enum CommandGroup: String, Sendable, CaseIterable {
    case look, change, clean, agree
    case whatIf = "what if"
    case session, script
}
