import ArgumentParser
import Foundation
import SmarketingKit
import SmarketingShell

/// `smk`: opens a workspace in an interactive shell, or runs commands from `-c`, `-f` or
/// standard input — the same language all four ways.
@main
struct Smk: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "smk",
        abstract: "The smarketing review shell: sales and marketing review their leads together.",
        discussion: """
            With no WORKSPACE, opens the bundled demo. Commands come from the prompt, -c, -f \
            or standard input; type help at the prompt for the command list.

            A workspace shared in PostgreSQL is set up and copied with smk db migrate|push|pull \
            (smk db --help; docs/SHARED.md).
            """)

    @Argument(help: "The workspace file (JSON), or a shared one: postgres://USER@HOST:PORT/DB?workspace=NAME. Without it, the bundled demo.")
    var workspace: String?

    @Option(name: .customShort("c"), help: "Run these commands (separated by ;) and exit.")
    var command: String?

    @Option(name: .customShort("f"), help: "Run the commands in this .smk script and exit.")
    var file: String?

    @Option(name: .customLong("as"), help: "Act as this person (default: SMK_USER, then the OS user).")
    var actor: String?

    @Option(help: "Fix the clock, e.g. 2026-11-24 or 2026-11-24T09:00:00Z, so scripts give the same answer any day.")
    var now: String?

    @Option(help: "Output format: table, json, csv or markdown.")
    var format: String?

    @Flag(help: "In scripts, run to the end even after a failure (the exit status still says it failed).")
    var keepGoing = false

    @Option(name: .customLong("set"), help: "Set a script variable: --set minFit=60 (repeatable); use it as $minFit.")
    var assignments: [String] = []

    @Flag(help: "Take the workspace's write lock even from a session that still looks alive.")
    var forceUnlock = false

    @Flag(help: "Run a script you were sent without fear: files are written and scripts run only inside the workspace's folder; open is refused.")
    var safe = false
    @Flag(name: .customLong("new"), help: "Start an empty workspace at WORKSPACE, a path that does not exist yet (save creates it).")
    var newWorkspace = false

    @Flag(name: .customLong("no-cache"), help: "Neither read nor write the FILE.smk-cache snapshot beside the workspace (also SMK_NO_CACHE=1).")
    var noCache = false

    @Option(name: .customLong("workspace"), help: "Open this shared workspace in the database of SMK_DATABASE_URL.")
    var sharedName: String?

    /// The options as plain values, for `Launch`.
    var launch: Launch {
        var launch = Launch(workspace: workspace, command: command, file: file, actor: actor, now: now, format: format,
                            keepGoing: keepGoing, assignments: assignments, forceUnlock: forceUnlock, sharedName: sharedName)
        launch.safe = safe
        launch.newWorkspace = newWorkspace
        launch.noCache = noCache
        return launch
    }

    func validate() throws {
        try launch.validate()
    }

    func run() throws {
        try launch.run()
    }

    /// Most runs give a handful of plain options (`smk ws.json -c "count" --now …`):
    /// those are read by hand, sparing start-up the argument parser's reflection (a
    /// fifth of the time to the first answer). Anything else, `--help` included, goes
    /// through swift-argument-parser as before.
    static func main() {
        if CommandLine.arguments.dropFirst().first == "db" {
            Foundation.exit(DBCommand.run(Array(CommandLine.arguments.dropFirst(2))))
        }
        guard let launch = Launch(arguments: Array(CommandLine.arguments.dropFirst())) else {
            main(nil)
            return
        }
        do {
            try launch.validate()
            try launch.run()
        } catch {
            exit(withError: error)
        }
    }
}

/// Hands the session to the line editor's completer, which must be `@Sendable` while a
/// `Session` is not.
///
/// Safe because of how it is used, not because of what it is: the REPL, the session and
/// libedit's TAB callback all run on the main thread, one after the other (TAB is handled
/// inside `readLine`, while no command runs), so the session is never touched from two
/// threads. Do not call `complete` from anywhere else.
final class CompletionBridge: @unchecked Sendable {
    private let session: Session

    init(session: Session) {
        self.session = session
    }

    func complete(line: String, cursor: Int) -> CompletionResult {
        Completer.complete(line: line, cursor: cursor, session: session)
    }
}
