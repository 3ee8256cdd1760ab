import Foundation
import SmarketingKit
import SmarketingShared
import SmarketingShell

/// `smk db migrate|push|pull`: moving a workspace between its file and PostgreSQL.
/// Read by hand (three verbs, one option) before the shell's own arguments.
enum DBCommand {
    static let usage = """
        usage: smk db migrate URL
               smk db push FILE.json URL [--workspace NAME]
               smk db pull URL FILE.json [--workspace NAME]
        URL is postgres://USER@HOST:PORT/DB (?workspace=NAME may name the workspace);
        the password comes from PGPASSWORD, ~/.pgpass or the URL.
        """

    /// Runs `arguments` (after `db`); returns the exit status.
    static func run(_ arguments: [String]) -> Int32 {
        let err = StandardStream.error
        var words: [String] = []
        var workspace: String?
        var i = 0
        while i < arguments.count {
            let argument = arguments[i]
            if argument == "--workspace", i + 1 < arguments.count {
                workspace = arguments[i + 1]
                i += 2
                continue
            }
            if argument.hasPrefix("--workspace=") {
                workspace = String(argument.dropFirst("--workspace=".count))
            } else if argument == "-h" || argument == "--help" {
                StandardStream.output.write(usage + "\n")
                return 0
            } else {
                words.append(argument)
            }
            i += 1
        }
        do {
            switch words.first {
            case "migrate" where words.count == 2:
                let url = try DatabaseURL(words[1])
                let applied = try Migrator.migrate(try connect(url))
                StandardStream.output.write(applied.isEmpty ? "schema up to date (\(url))\n"
                    : "schema migrated to version \(applied.last ?? 0) (\(url))\n")
            case "push" where words.count == 3:
                let file = words[1]
                let url = try DatabaseURL(words[2])
                let name = workspace ?? url.workspace ?? URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
                let loaded = try Workspace.load(path: file)
                try SharedWorkspace.push(loaded, name: name, to: try connect(url))
                let members = loaded.team.filter { $0.role != .both }.map(\.name)
                StandardStream.output.write("pushed \(file) as workspace \(name): \(Thousands.count(loaded.leads.count, "lead"))"
                    + (members.isEmpty ? "" : "; roles \(members.joined(separator: ", ")) (set their passwords with ALTER ROLE … PASSWORD)") + "\n")
            case "pull" where words.count == 3:
                let url = try DatabaseURL(words[1])
                guard let name = workspace ?? url.workspace else {
                    err.write("error: name the workspace: ?workspace=NAME in the URL or --workspace NAME\n")
                    return 2
                }
                let file = words[2]
                let snapshot = try SharedWorkspace.load(name: name, from: try connect(url))
                try snapshot.workspace.save(path: file)
                StandardStream.output.write("pulled workspace \(name) into \(file): \(Thousands.count(snapshot.workspace.leads.count, "lead"))\n")
            default:
                err.write(usage + "\n")
                return 2
            }
            return 0
        } catch {
            err.write("error: \(error)\n")
            return 1
        }
    }

    static func connect(_ url: DatabaseURL) throws(SharedStoreError) -> PGConnection {
        do { return try PGConnection(conninfo: url.conninfo) } catch { throw .database(error) }
    }
}
