import Foundation
import SmarketingKit

/// `open FILE`: leaves this workspace for another one, in the same session.
public enum OpenCommand: ShellCommand {
    public static let name = "open"
    public static let aliases = ["open!"]
    public static let group = CommandGroup.session
    public static let summary = "open another workspace file (open! discards unsaved changes)"
    public static let usage = "open FILE | open! FILE"
    public static let details = """
        With unsaved changes, open asks at the prompt (and refuses in a script); open!
        discards them. The file is locked and journalled like the one smk started with; a
        file that does not exist yet opens as an empty workspace that save creates.
        """
    public static let examples: [String] = []

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        let file = try arguments.text("a workspace file")
        try arguments.finish()
        if file.text.hasPrefix("postgres://") || file.text.hasPrefix("postgresql://") {
            // Not echoed: the address may hold a password.
            throw .refused("open reads a workspace file; a shared workspace opens with smk postgres://USER@HOST:PORT/DB?workspace=NAME")
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
        if FileManager.default.fileExists(atPath: file.text) {
            do { workspace = try Workspace.load(path: file.text) } catch { throw .workspace(error) }
        } else {
            workspace = Workspace(name: URL(fileURLWithPath: file.text).deletingPathExtension().lastPathComponent)
        }
        session.workspaceGuard?.release(session)
        session.replaceWorkspace(workspace, path: file.text)
        session.workspaceGuard = WorkspaceGuard(session: session, forceUnlock: false, ask: session.confirm)
        return .message("opened \(file.text): \(workspace.leads.count) leads" + (session.readOnlyReason != nil ? " (read-only)" : ""))
    }
}
