import Foundation
import SmarketingKit

/// `open FILE`: leaves this workspace for another one, in the same session.
public enum OpenCommand: ShellCommand {
    public static let name = "open"
    public static let aliases = ["open!"]
    public static let group = CommandGroup.session
    public static let summary = "open another workspace file (open! discards unsaved changes)"
    public static let usage = "open FILE | open --new FILE | open! FILE"
    public static let details = """
        With unsaved changes, open asks at the prompt (and refuses in a script); open!
        discards them. The file is locked and journalled like the one smk started with. A
        file that does not exist is not opened silently as an empty workspace: at the
        prompt open asks first, in a script it fails naming the nearest file; open --new
        FILE starts an empty workspace there, which save creates.
        """
    public static let examples: [String] = []

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        let isNew = arguments.take("--new")
        let file = try arguments.text("a workspace file")
        try arguments.finish()
        if file.text.hasPrefix("postgres://") || file.text.hasPrefix("postgresql://") {
            // Not echoed: the address may hold a password.
            throw .refused("open reads a workspace file; a shared workspace opens with smk postgres://USER@HOST:PORT/DB?workspace=NAME")
        }
        try SafeMode.refuse("open", file.text, in: session)
        let exists = FileManager.default.fileExists(atPath: file.text)
        if isNew, exists { throw .refused("open --new \(file.text): the file already exists (open it without --new)") }
        if !exists, let problem = MissingWorkspace.folderProblem(for: file.text) { throw .refused("open \(file.text): \(problem)") }
        if !isNew, !exists {
            let missing = MissingWorkspace.message(for: file.text)
            guard let confirm = session.confirm else {
                throw .refused("\(missing); open --new \(file.text) starts an empty one")
            }
            guard confirm("\(missing). Start an empty workspace there? [y/N] ") else { return .message("not opened") }
        }
        let force = arguments.commandName.text.hasSuffix("!")
        if session.isDirty, !force {
            let question = "\(session.unsavedCount) unsaved change(s). Open \(file.text) without saving? [y/N] "
            guard let confirm = session.confirm else {
                throw .refused("\(session.unsavedCount) unsaved change(s): save first, or open! \(file.text) to discard them")
            }
            guard confirm(question) else { return .message("not opened: save first, or open! \(file.text)") }
        }
        let workspace: Workspace
        // Locked before it is read (see `FileStore.lock`); reopening the same file keeps
        // our own lock.
        // The same file by any name (a symlink, a hard link) shares one lock: keep it.
        let same = session.path.map { WorkspaceLock(workspacePath: $0).path } == WorkspaceLock(workspacePath: file.text).path
        let store = FileStore(path: file.text, err: session.err)
        store.lock(actor: session.actor, forceUnlock: false)
        if exists {
            do { workspace = try store.load() } catch {
                if !same { store.unlock() }
                throw ShellError(error)
            }
        } else {
            workspace = Workspace(name: URL(fileURLWithPath: file.text).deletingPathExtension().lastPathComponent)
        }
        if !same { session.workspaceGuard?.release(session) } else { session.journal?.clear() }
        session.replaceWorkspace(workspace, store: store)
        store.guardFile(for: session, forceUnlock: false, ask: session.confirm)
        return .message("opened \(file.text): \(Thousands.count(workspace.leads.count, "lead"))" + (session.readOnlyReason != nil ? " (read-only)" : ""))
    }
}
