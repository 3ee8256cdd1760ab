import ArgumentParser
import Foundation
import SmarketingKit
import SmarketingShell

/// What one run of `smk` was asked to do, and doing it: opening the workspace, then the
/// prompt, `-c`, `-f` or standard input. Filled by swift-argument-parser (`Smk`) or, for
/// plain command lines, by `init?(arguments:)`.
struct Launch {
    var workspace: String?
    var command: String?
    var file: String?
    var actor: String?
    var now: String?
    var format: String?
    var keepGoing = false
    var assignments: [String] = []
    var forceUnlock = false
    /// `--safe`: files are written and scripts run only inside the workspace's folder.
    var safe = false
    /// `--new`: the workspace file does not exist yet and is started empty (without it a
    /// missing file is an error, so a typo never reads as an empty workspace).
    var newWorkspace = false
    /// `--no-cache` (or SMK_NO_CACHE=1): neither read nor write the `FILE.smk-cache`
    /// snapshot beside the workspace; every open decodes the JSON.
    var noCache = false
    /// The shared workspace to open in the database named by SMK_DATABASE_URL (or by a
    /// postgres:// WORKSPACE argument without ?workspace=).
    var sharedName: String?

    init(workspace: String?, command: String?, file: String?, actor: String?, now: String?, format: String?,
         keepGoing: Bool, assignments: [String], forceUnlock: Bool, sharedName: String? = nil) {
        self.sharedName = sharedName
        self.workspace = workspace
        self.command = command
        self.file = file
        self.actor = actor
        self.now = now
        self.format = format
        self.keepGoing = keepGoing
        self.assignments = assignments
        self.forceUnlock = forceUnlock
    }

    /// The options of a plain command line; nil for anything the hand reading does not
    /// know (help, a typo, an option twice), which the argument parser then explains.
    init?(arguments: [String]) {
        var i = 0
        func value() -> String? {
            guard i + 1 < arguments.count else { return nil }
            i += 1
            return arguments[i]
        }
        while i < arguments.count {
            var argument = arguments[i]
            var inline: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                inline = String(argument[argument.index(after: equals)...])
                argument = String(argument[..<equals])
            }
            func take(_ slot: inout String?) -> Bool {
                guard slot == nil, let given = inline ?? value() else { return false }
                slot = given
                return true
            }
            switch argument {
            case "-c": guard inline == nil, take(&command) else { return nil }
            case "-f": guard inline == nil, take(&file) else { return nil }
            case "--as": guard take(&actor) else { return nil }
            case "--now": guard take(&now) else { return nil }
            case "--format": guard take(&format) else { return nil }
            case "--set":
                var assignment: String?
                guard take(&assignment), let assignment else { return nil }
                assignments.append(assignment)
            case "--keep-going": guard inline == nil, !keepGoing else { return nil }; keepGoing = true
            case "--force-unlock": guard inline == nil, !forceUnlock else { return nil }; forceUnlock = true
            case "--safe": guard inline == nil, !safe else { return nil }; safe = true
            case "--new": guard inline == nil, !newWorkspace else { return nil }; newWorkspace = true
            case "--no-cache": guard inline == nil, !noCache else { return nil }; noCache = true
            case "--workspace": guard take(&sharedName) else { return nil }
            default:
                guard !argument.hasPrefix("-"), workspace == nil else { return nil }
                workspace = argument
            }
            i += 1
        }
    }

    func validate() throws {
        if command != nil && file != nil { throw ValidationError("give -c or -f, not both") }
        // Arguments are decoded with invalid UTF-8 replaced by U+FFFD: such a name names
        // no file, and would otherwise open as a new, empty workspace.
        if let workspace, workspace.unicodeScalars.contains("\u{FFFD}"), !FileManager.default.fileExists(atPath: workspace) {
            throw ValidationError("the workspace file name is not valid UTF-8; rename the file (smk reads UTF-8 names only)")
        }
        if let now, Timestamp.parse(now) == nil {
            throw ValidationError("--now '\(now)' is not a date (expected 2026-11-24 or 2026-11-24T09:00:00Z)")
        }
        for assignment in assignments where !assignment.contains("=") || assignment.hasPrefix("=") {
            throw ValidationError("--set '\(assignment)' is not NAME=VALUE")
        }
        if let format, OutputFormat(rawValue: format.lowercased()) == nil {
            throw ValidationError("--format '\(format)' is not one of table, json, csv, markdown")
        }
    }

    func run() throws {
        let out = StandardStream.output
        let err = StandardStream.error
        configureSnapshots()
        // A snapshot still being written is finished (or, after a save, dropped) first,
        // so no temporary file outlives the process.
        defer { WorkspaceSnapshot.finishPendingWrites() }
        // `smk -c help` answers from the command table alone: no workspace is read or locked.
        // A shared workspace is the database's to guard. Otherwise the lock is taken before
        // the file is read: another session could save between our read and our lock, and
        // our save would undo theirs.
        let shared = onlyHelp ? nil : try openShared(err: err)
        let fileStore = onlyHelp || shared != nil ? nil : (workspace ?? DemoWorkspace.path()).map { FileStore(path: $0, err: err) }
        fileStore?.lock(actor: resolvedActor(), forceUnlock: forceUnlock)
        let opened: (Workspace, String?)? = onlyHelp ? (Workspace(name: "help"), nil)
            : shared.map { ($0.workspace, nil) } ?? openWorkspace(err: err, store: fileStore)
        guard let (workspace, path) = opened else {
            fileStore?.unlock()
            throw ExitCode(2)
        }
        let session = Session(workspace: workspace, path: path, actor: shared?.store.identity ?? resolvedActor(), out: out, err: err)
        if let shared { session.store = shared.store } else if let fileStore, path != nil { session.store = fileStore }
        // The session lives until the process ends: the system takes back its memory at
        // exit at once, where freeing a million imported leads one by one took a fifth of
        // the import's time. (Locks and the journal are closed explicitly, below; a shared
        // store's connection is left to close itself, so such a session is freed.)
        defer { if !session.store.isShared { _ = Unmanaged.passRetained(session) } }
        session.fixedNow = now.flatMap(Timestamp.parse)
        session.settings.format = format.flatMap { OutputFormat(rawValue: $0.lowercased()) } ?? .table
        session.settings.bail = !keepGoing
        if safe, let path {
            session.settings.safeFolder = SafeMode.resolve(URL(fileURLWithPath: path).deletingLastPathComponent().path)
        }
        let terminal = Terminal.current
        session.settings.width = terminal.outputIsTTY ? terminal.columns : nil
        if terminal.outputIsTTY { session.terminalWidth = { Terminal.current.columns } }
        if isatty(STDERR_FILENO) != 0 { session.errorWidth = { Terminal.columns(of: STDERR_FILENO) } }
        session.settings.color = terminal.outputIsTTY && Environment.value("NO_COLOR") == nil
        for assignment in assignments {
            let name = String(assignment.prefix { $0 != "=" })
            let value = String(assignment.dropFirst(name.count + 1))
            session.variables[name] = ScriptValue.parse(value)
            session.commandLineVariables.insert(name)
        }
        session.isInterrupted = { Interrupt.isSet }
        Interrupt.install()

        let interactive = command == nil && file == nil && terminal.inputIsTTY
        let completion = CompletionBridge(session: session)
        let editor = interactive ? LineEditor(historyPath: historyPath()) { line, cursor in
            let result = completion.complete(line: line, cursor: cursor)
            return CompletionReply(candidates: result.candidates, replaceFrom: result.replaceFrom)
        } : nil
        defer { editor?.close() }
        attachFollow(to: editor, session: session)
        if path != nil {
            let ask: ((String) -> Bool)? = editor.map { editor in
                { question in
                    if case .line(let answer) = editor.readLine(prompt: question) {
                        return ["y", "yes"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased())
                    }
                    return false
                }
            }
            fileStore?.guardFile(for: session, forceUnlock: forceUnlock, ask: ask)
        }
        defer {
            if !interactive, session.isDirty {
                err.write("warning: \(session.unsavedCount) unsaved change(s) discarded at the end (add save to keep them)\n")
            }
            session.workspaceGuard?.release(session)
        }

        let interpreter = Interpreter(session: session)
        var outcome = Interpreter.Outcome()
        if let command {
            outcome = interpreter.run(command, mode: .script)
        } else if let file {
            let text: String
            do { text = try ScriptText.decode(try AtomicFile.readAll(file), file: file) } catch {
                err.write("error: \(error)\n")
                throw ExitCode(2)
            }
            session.scriptStack = [URL(fileURLWithPath: file).standardizedFileURL.path]
            outcome = interpreter.run(text, file: file, mode: .script)
        } else if let editor {
            if terminal.outputIsTTY {
                session.pager = Pager.page
                // A listing at a terminal's prompt shows a screenful (`maxrows`).
                session.settings.maxRows = SessionSettings.promptMaxRows
            }
            session.progress = { label, fraction in
                let line = ProgressLine(label: label, fraction: fraction)
                return { line.finish() }
            }
            if !session.workspace.team.isEmpty, session.workspace.role(of: session.actor) == nil {
                let names = session.workspace.team.map(\.name).joined(separator: ", ")
                err.write("note: \(session.actor) is not in this workspace's team (\(names)); as NAME acts as one of them\n")
            }
            if !session.store.isShared, path == nil || !FileManager.default.fileExists(atPath: path ?? "") {
                err.write("new workspace \(session.displayName): not saved yet (save FILE writes it)\n")
            }
            Repl(session: session, reader: editor).run(clearInterrupt: Interrupt.clear)
            return
        } else {
            guard let piped = StandardInputScript.run(interpreter, err: err) else { throw ExitCode(2) }
            outcome = piped
        }
        if outcome.failures > 0 {
            if !outcome.stopped { err.write(ScriptSummary.text(failures: outcome.failures, checks: session.checks) + "\n") }
            throw ExitCode(1)
        }
    }

    /// Whether `-c` asks only for help (`help`, `help where`, …), which no workspace
    /// changes: then start-up reads none. Quotes make it not "only help", to stay simple.
    var onlyHelp: Bool {
        guard let command, file == nil, !command.contains("\""), !command.contains("'") else { return false }
        // Trimmed by hand: Foundation's trimmingCharacters(in:) cost more than the rest of
        // this check at start-up.
        func trimmed(_ text: Substring) -> Substring {
            var text = text
            while text.first?.isWhitespace == true { text.removeFirst() }
            while text.last?.isWhitespace == true { text.removeLast() }
            return text
        }
        let statements = command.split(separator: ";").map(trimmed).filter { !$0.isEmpty }
        return !statements.isEmpty && statements.allSatisfy { $0 == "help" || $0.hasPrefix("help ") }
    }

    /// The workspace to open and its file: the given one, or the bundled demo. A path that
    /// does not exist is an error naming the nearest file, unless `--new` asked for an
    /// empty workspace there (which `save` creates).
    private func openWorkspace(err: TextSink, store: FileStore?) -> (Workspace, String?)? {
        if newWorkspace, workspace == nil {
            err.write("error: --new needs the path of the new workspace file\n")
            return nil
        }
        guard let store, let target = store.path else {
            err.write("error: the bundled demo (Workspace/demo.json) was not found; give a workspace file\n")
            return nil
        }
        // stat, not FileManager, and the name split by hand, not with URL: Foundation's
        // first use cost start-up a tenth of a millisecond each (issue 18, item 6).
        var size = stat()
        let exists = stat(target, &size) == 0
        if newWorkspace {
            guard !exists else {
                err.write("error: --new \(target): the file already exists (open it without --new)\n")
                return nil
            }
            if let problem = MissingWorkspace.folderProblem(for: target) {
                err.write("error: --new \(target): \(problem)\n")
                return nil
            }
            let name = URL(fileURLWithPath: target).deletingPathExtension().lastPathComponent
            return (Workspace(name: name), target)
        }
        if !exists {
            err.write("error: \(MissingWorkspace.message(for: target)); smk --new \(target) starts an empty one\n")
            return nil
        }
        let name = target.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? target
        let progress = ProgressLine.load(name: name, total: Int(size.st_size))
        defer { progress.finish() }
        do {
            return (try store.load(), target)
        } catch {
            err.write("error: \(TerminalText.visible("\(error)"))\n")
            return nil
        }
    }

    /// Snapshots (`FILE.smk-cache`) are on unless `--no-cache` or SMK_NO_CACHE says not;
    /// under `--safe` they are written only inside the workspace's folder.
    private func configureSnapshots() {
        let environment = Environment.value("SMK_NO_CACHE") ?? ""
        let off = noCache || !(environment.isEmpty || environment == "0")
        var policy = WorkspaceSnapshot.Policy(enabled: !off)
        if safe, let path = workspace {
            policy.onlyInFolder = SafeMode.resolve(URL(fileURLWithPath: path).deletingLastPathComponent().path)
        }
        WorkspaceSnapshot.policy = policy
    }

    private func resolvedActor() -> String {
        if let actor, !actor.isEmpty { return actor }
        if let user = Environment.value("SMK_USER"), !user.isEmpty { return user }
        return OSUser.name
    }

    private func historyPath() -> String {
        if let path = Environment.value("SMK_HISTORY"), !path.isEmpty { return path }
        // $HOME first, as bash, psql and sqlite3 do (tests set it to stay out of the real home).
        if let home = Environment.value("HOME"), !home.isEmpty { return home + "/.smk_history" }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".smk_history").path
    }
}
