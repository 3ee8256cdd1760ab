import ArgumentParser
import Foundation
import SmarketingKit
import SmarketingShared
import SmarketingShell

extension Launch {
    /// Lets the line editor wait on the shared store's socket beside the terminal, so
    /// others' changes show up while the person sits at the prompt.
    /// On a file, a read-only session looks at the file every second while it waits, so
    /// the writer's save and quit show up at the prompt, not only at the next Enter.
    func attachFollow(to editor: LineEditor?, session: Session) {
        guard let editor else { return }
        guard session.store.isShared else {
            editor.follow = FollowWatch(interval: { session.workspaceGuard?.isFollowing == true ? 1000 : nil }) {
                session.workspaceGuard?.idleLook(session) ?? ([], nil)
            }
            return
        }
        editor.follow = FollowWatch(descriptor: { session.store.followDescriptor }) {
            var lines: [String] = []
            session.announce = { lines.append($0) }
            defer { session.announce = nil }
            session.catchUp()
            return (lines, nil)
        }
    }

    /// Opens the shared workspace when one is named: `smk postgres://…?workspace=NAME`,
    /// or SMK_DATABASE_URL with `--workspace NAME`. Nil for a file. Who acts is the
    /// database login, so `--as` is refused here.
    func openShared(err: TextSink) throws -> (workspace: Workspace, store: PostgresStore)? {
        let address: String
        if let workspace, DatabaseURL.looksLikeURL(workspace) {
            address = workspace
        } else if let sharedName, workspace == nil {
            guard let fromEnvironment = Environment.value("SMK_DATABASE_URL"), !fromEnvironment.isEmpty else {
                err.write("error: --workspace \(sharedName) needs SMK_DATABASE_URL=postgres://USER@HOST:PORT/DB\n")
                throw ExitCode(2)
            }
            address = fromEnvironment
        } else if sharedName != nil {
            err.write("error: --workspace names a shared workspace; give it with SMK_DATABASE_URL, not with a file\n")
            throw ExitCode(2)
        } else {
            return nil
        }
        if actor != nil {
            err.write("error: --as does not apply to a shared workspace: you are who the database says you logged in as\n")
            throw ExitCode(2)
        }
        do {
            let url = try DatabaseURL(address)
            guard let name = sharedName ?? url.workspace else {
                err.write("error: name the shared workspace: \(url)?workspace=NAME, or --workspace NAME\n")
                throw ExitCode(2)
            }
            let store = try PostgresStore(url: url, workspace: name)
            return (try store.load(), store)
        } catch let error as SharedStoreError {
            err.write("error: \(error)\n")
        } catch let refusal as StoreRefusal {
            err.write("error: \(refusal)\n")
        }
        throw ExitCode(2)
    }
}
