import Foundation
import SmarketingKit

/// One person's session on one workspace: the workspace value, the store it lives in
/// (a file or a shared database, behind `WorkspaceStore`), the changes made (for undo
/// and the unsaved marker), who is acting, and what time it is.
///
/// A class because commands, the interpreter and the REPL share one session and each
/// sees the others' effects; it lives on one thread.
public final class Session {
    public var workspace: Workspace
    /// Where the workspace lives: every change of main goes to it before the shell calls
    /// it done, `save` writes to it, and others' changes come from it (Session+Store.swift).
    /// A `FileStore` unless the session was opened on a shared workspace.
    public var store: any WorkspaceStore
    /// The file store's parts that `WorkspaceGuard` and the executable set up; nil on a
    /// shared workspace. Nothing else in the session looks behind the protocol.
    private var fileStore: FileStore? { store as? FileStore }
    /// The file the workspace was loaded from and is saved to by `save` without a name;
    /// nil on a shared workspace or a workspace not saved yet.
    public var path: String? {
        get { fileStore?.path }
        set { fileStore?.path = newValue }
    }
    public var settings = SessionSettings()
    /// Who is acting: `--as`, `SMK_USER`, or the OS user; `as NAME` changes it.
    public var actor: String
    /// Who is logged in (the actor the session started with); the audit names both
    /// when `as` acts for someone else.
    public var login: String
    /// The command being run, as typed, for the audit.
    public var currentCommand: String?
    /// A fixed "now" (`--now`), so scripts give the same answer any day.
    public var fixedNow: Date?
    /// True when a person is at the prompt: questions may be asked.
    public var isInteractive = false
    /// Asks a yes/no question of the person at the terminal; nil when nobody can answer.
    public var confirm: ((String) -> Bool)?
    /// Warnings the running command raised (a value no lead has), each with the span of
    /// the command it is about; the interpreter prints them after the result, and with
    /// `strict on` counts the command as failed.
    public var warnings: [(message: String, range: SourceRange?)] = []
    /// True when the running command asked a question and was answered no: it did not
    /// happen, so `record` leaves it out. Cleared before each command.
    public var declined = false
    /// Polled by long commands; set by Ctrl-C.
    public var isInterrupted: () -> Bool = { false }

    public let out: TextSink
    public let err: TextSink
    /// `let` variables, for `$name` in queries and commands.
    public var variables: [String: QueryValue] = [:]
    /// Variables given with `--set`: a script's `let` of the same name is its default,
    /// so it does not overwrite them.
    public var commandLineVariables: Set<String> = []
    /// Shows long output through a pager; returns false when it did not (not a TTY, or
    /// the text fits the screen). Set by the executable on a terminal.
    public var pager: ((String) -> Bool)?
    /// Wall-clock nanoseconds and CPU seconds spent so far showing output through the
    /// pager: `timer` leaves them out, since reading a long table is not the command's cost.
    var timeInPager: (wall: UInt64, cpu: Double) = (0, 0)
    /// The terminal's width now, asked before each result so a resized window re-flows
    /// the next table; nil when output is not a terminal.
    public var terminalWidth: (() -> Int)?
    /// The width of the terminal errors and warnings go to, nil when stderr is not one:
    /// a message longer than a line is broken at spaces there, and left whole in a file.
    public var errorWidth: (() -> Int)?
    /// Shows a progress line for long work (a large save) on a terminal: called with a
    /// label and the share done so far, returns the function that ends the line. Nil in
    /// scripts and tests.
    public var progress: ((_ label: String, _ fraction: @escaping @Sendable () -> Double) -> () -> Void)?
    /// Where results go after `output FILE`, until `output -`.
    public var redirect: FileSink?
    /// The file store's journal (see `FileStore.journal`), set by `WorkspaceGuard`.
    public var journal: Journal? {
        get { fileStore?.journal }
        set { fileStore?.journal = newValue }
    }
    /// Writes the commands typed at the prompt to a script (`record FILE`).
    public var recorder: Recorder?
    /// The scripts being run, outermost first: relative paths in `run` start from the
    /// innermost, and a script already on the stack is not run again (a cycle).
    public var scriptStack: [String] = []
    /// `expect` checks run and failed, for the summary at the end of a script.
    public var checks = (run: 0, failed: 0)
    /// The write lock and journal of the open file (see `FileStore.workspaceGuard`).
    public var workspaceGuard: WorkspaceGuard? {
        get { fileStore?.workspaceGuard }
        set { fileStore?.workspaceGuard = newValue }
    }
    /// Why changes are refused in this session (another process holds the workspace).
    public var readOnlyReason: String?
    /// Shows others' changes as they arrive (one line each); nil prints them to `out`.
    /// The line editor sets it to print above the prompt.
    public var announce: ((String) -> Void)?
    /// For each lead another shell changed: who and with what (for refusing an undo).
    var remoteNotes: [String: String] = [:]

    /// Applied changes, newest last; `undo` pops from here.
    public private(set) var done: [ChangeRecord] = []
    /// Undone changes, newest last; `redo` pops from here, any new change clears it.
    public private(set) var undone: [ChangeRecord] = []
    /// How many of main's changes were already applied at the last save (or load).
    private var savedDepth: Int? = 0

    /// The scenario the session is in (nil: main). Changes made in a scenario stay there
    /// until `scenario apply`; `workspace`, `done` and `undone` are the scenario's then.
    public private(set) var scenario: String?
    /// Scenarios not currently open.
    public private(set) var parkedScenarios: [Scenario] = []
    /// Main's state while a scenario is open.
    private var parkedMain: (workspace: Workspace, done: [ChangeRecord], undone: [ChangeRecord])?

    public init(workspace: Workspace, path: String?, actor: String, out: TextSink, err: TextSink) {
        self.workspace = workspace
        self.store = FileStore(path: path, err: err)
        self.actor = actor
        self.login = actor
        self.out = out
        self.err = err
    }

    /// The clock every relative computation uses.
    public var now: Date { fixedNow ?? Date() }

    /// What a query needs, as of now: the workspace, the clock and the variables.
    public func queryEnvironment() -> QueryEnvironment {
        let environment = QueryEnvironment(workspace: workspace, now: now, variables: variables)
        environment.isInterrupted = isInterrupted
        return environment
    }

    /// True while the workspace differs from its file.
    public var isDirty: Bool { !store.isShared && savedDepth != (parkedMain?.done.count ?? done.count) }

    /// The name shown in the prompt: the file's name without extension, or the workspace's.
    public var displayName: String {
        if store.isShared { return store.name }
        if let path { return URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent }
        return workspace.name
    }

    /// Raises a warning about the running command (printed after its result).
    public func warn(_ message: String, at range: SourceRange?) {
        warnings.append((message, range))
    }

    /// Applies a change as one undoable step, recording who and when.
    /// `imported` names the file an import's change came from, so the journal records
    /// the file instead of every lead it added.
    @discardableResult
    public func apply(_ change: Change, summary: String, imported: ImportReference? = nil) throws(ShellError) -> ChangeRecord {
        if let readOnlyReason { throw .refused("read-only: \(readOnlyReason)") }
        let inverse: Change
        do { inverse = try change.apply(to: &workspace) } catch { throw .change(error) }
        let record = try commitToStore(ChangeRecord(change: change, inverse: inverse, at: now, by: actor, summary: summary,
                                                    changeImport: imported), rebase: true)
        forgetSavedStateIfUnreachable()
        done.append(record)
        undone.removeAll()
        audit(record)
        return record
    }

    /// Applies a change found in a crashed session's journal (already journalled).
    public func replay(_ entry: Journal.Entry) throws(ShellError) {
        let inverse: Change
        do { inverse = try entry.change.apply(to: &workspace) } catch { throw .change(error) }
        forgetSavedStateIfUnreachable()
        done.append(ChangeRecord(change: entry.change, inverse: inverse, at: entry.at, by: entry.by, summary: entry.summary,
                                 changeImport: entry.changeImport))
        if let record = done.last { audit(record) }
    }

    /// Called before a new change of main is pushed: when changes were undone past the
    /// last save, the saved state can no longer be reached by undo or redo, so main
    /// stays unsaved. A scenario has its own `done` (its count says nothing about main's
    /// save), so a change there leaves main's saved state alone.
    private func forgetSavedStateIfUnreachable() {
        guard scenario == nil, let depth = savedDepth, depth > done.count else { return }
        savedDepth = nil
    }

    /// Takes back the newest change.
    public func undo() throws(ShellError) -> ChangeRecord {
        guard let record = done.popLast() else { throw .nothingToUndo }
        if let reason = overtaken(record) {
            done.append(record)
            throw .refused(reason)
        }
        do { _ = try record.inverse.apply(to: &workspace) } catch {
            done.append(record)
            throw .change(error)
        }
        let undoing = record.reversed(at: now, by: actor, summary: "undo: " + record.summary)
        do { _ = try commitToStore(undoing, rebase: false) } catch {
            done.append(record)
            throw error
        }
        undone.append(record)
        audit(taking: record, back: true)
        return record
    }

    /// Applies again the newest undone change.
    public func redo() throws(ShellError) -> ChangeRecord {
        guard let record = undone.popLast() else { throw .nothingToRedo }
        if let reason = overtakenSinceUndo(record) {
            undone.append(record)
            throw .refused(reason)
        }
        do { _ = try record.change.apply(to: &workspace) } catch {
            undone.append(record)
            throw .change(error)
        }
        let redoing = record.again(at: now, by: actor, summary: "redo: " + record.summary)
        do { _ = try commitToStore(redoing, rebase: false) } catch {
            undone.append(record)
            throw error
        }
        done.append(record)
        audit(taking: record, back: false)
        return record
    }

    /// Saves the workspace to its store (no `target`, or the session's own file), or
    /// writes a copy to the file `target`; returns what to tell the person. A shared
    /// store has nothing to write and says so.
    public func save(to target: String? = nil, force: Bool = false) throws(ShellError) -> String {
        if target == nil, store.isShared {
            do { return try store.save(workspace, force: force, isInterrupted: isInterrupted) } catch { throw ShellError(error) }
        }
        guard let file = target ?? path else { throw .noWorkspaceFile }
        let own = target == nil || target == path
        if own, let readOnlyReason { throw .refused("read-only: \(readOnlyReason); save FILE writes a copy") }
        if own, let scenario {
            throw .refused("in scenario \(scenario): scenario apply brings its changes into main first (save FILE writes a copy)")
        }
        let endProgress = progress?("saving \(URL(fileURLWithPath: file).lastPathComponent)") { SaveProgress.fraction }
        defer { endProgress?() }
        if own {
            let message: String
            do { message = try store.save(workspace, force: force, isInterrupted: isInterrupted) } catch { throw ShellError(error) }
            workspace.shape.savedAudit = workspace.audit.count
            savedDepth = done.count
            return message
        }
        let written: Bool
        do { written = try workspace.save(path: file, force: force, isInterrupted: isInterrupted) } catch { throw .workspace(error) }
        guard written else { throw .refused("interrupted: \(URL(fileURLWithPath: file).lastPathComponent) was not saved, the file is as it was") }
        if path == nil, !store.isShared { path = file; savedDepth = done.count }
        return "saved \(file) (\(Thousands.format(workspace.leads.count)) leads)"
    }

    /// The number of changes not yet saved (for `info` and the quit question).
    public var unsavedCount: Int {
        let mainDone = parkedMain?.done.count ?? done.count
        guard let depth = savedDepth else { return mainDone + 1 }
        return abs(mainDone - depth)
    }

    /// Opens another workspace file in this session: its own file store, no changes, no
    /// scenarios. The caller has dealt with unsaved changes and the previous file's lock.
    public func replaceWorkspace(_ workspace: Workspace, path: String) {
        replaceWorkspace(workspace, store: FileStore(path: path, err: err))
    }

    /// Opens another workspace in this session, from `store` (which has loaded it).
    public func replaceWorkspace(_ workspace: Workspace, store: any WorkspaceStore) {
        self.workspace = workspace
        self.store = store
        done = []
        undone = []
        savedDepth = 0
        scenario = nil
        parkedScenarios = []
        parkedMain = nil
        currentBase = nil
        readOnlyReason = nil
    }

    // MARK: Scenarios

    /// Forks the current workspace into a new scenario and opens it. Cheap: the
    /// workspace is a value, shared until one side changes (copy on write).
    public func forkScenario(_ name: String) throws(ShellError) {
        guard name.lowercased() != "main", !parkedScenarios.contains(where: { $0.name == name }), scenario != name else {
            throw .refused("a scenario called \(name) already exists")
        }
        park()
        scenario = name
        currentBase = workspace
        done = []
        undone = []
    }

    /// Opens scenario `name`, or main when nil.
    public func switchScenario(to name: String?) throws(ShellError) {
        if name == scenario { return }
        if let name, !parkedScenarios.contains(where: { $0.name == name }) {
            throw .refused("no scenario \(name)" + (Suggestion.nearest(to: name, in: parkedScenarios.map(\.name)).map { " — did you mean '\($0)'?" } ?? ""))
        }
        park()
        if let name, let index = parkedScenarios.firstIndex(where: { $0.name == name }) {
            let target = parkedScenarios.remove(at: index)
            scenario = target.name
            currentBase = target.base
            workspace = target.workspace
            done = target.done
            undone = target.undone
        } else if let main = parkedMain {
            scenario = nil
            workspace = main.workspace
            done = main.done
            undone = main.undone
            parkedMain = nil
        }
    }

    /// Forgets scenario `name` (main is opened if it was the current one).
    public func dropScenario(_ name: String) throws(ShellError) {
        if scenario == name { try switchScenario(to: nil) }
        guard let index = parkedScenarios.firstIndex(where: { $0.name == name }) else { throw .refused("no scenario \(name)") }
        parkedScenarios.remove(at: index)
    }

    /// Main's workspace, whether main or a scenario is open.
    public var mainWorkspace: Workspace { parkedMain?.workspace ?? workspace }

    /// The scenarios (open or not) that hold changes, by name.
    public var scenariosWithChanges: [Scenario] {
        (parkedScenarios + [currentScenario].compactMap { $0 }).filter { !$0.done.isEmpty }.sorted { $0.name < $1.name }
    }

    /// True when main keeps scenario `name` (`scenario save`) with all its changes.
    public func isScenarioKept(_ name: String) -> Bool {
        guard let scenario = scenariosWithChanges.first(where: { $0.name == name }) else { return true }
        return SavedScenarios.list(in: mainWorkspace).contains { $0.name == name && $0.count == scenario.done.count }
    }

    /// The open scenario as a value (for diff and apply).
    public var currentScenario: Scenario? {
        scenario.map { Scenario(name: $0, base: currentBase ?? workspace, workspace: workspace, done: done, undone: undone) }
    }

    /// The workspace the open scenario was forked from.
    private var currentBase: Workspace?

    /// Stores the current branch (main or a scenario) away before another is opened.
    private func park() {
        if let scenario {
            parkedScenarios.append(Scenario(name: scenario, base: currentBase ?? workspace, workspace: workspace, done: done, undone: undone))
        } else {
            parkedMain = (workspace, done, undone)
        }
    }
}
