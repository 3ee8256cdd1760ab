import Foundation
import Testing
import SmarketingKit
import SmarketingShared

/// `smk db push` / `pull` / `migrate` and the rules the database enforces on its own,
/// against a real PostgreSQL server.
@Suite("The shared workspace schema", .enabled(if: TestDatabase.isAvailable, "needs a PostgreSQL server (Scripts/pg-server)"))
struct SchemaTests {
    static let demoPath = TestDatabase.repository.appendingPathComponent("Workspace/demo.json").path

    @Test("migrating twice applies the steps once")
    func migrateOnce() throws {
        let connection = try PGConnection(conninfo: try TestDatabase.freshDatabase())
        #expect(try Migrator.migrate(connection) == Migration.all.map(\.version))
        #expect(try Migrator.migrate(connection).isEmpty)
    }

    @Test("the demo goes into the database and comes back byte for byte")
    func demoRoundTrip() throws {
        let url = try TestDatabase.freshDatabase()
        let original = try Array(Data(contentsOf: URL(fileURLWithPath: Self.demoPath)))
        let workspace = try WorkspaceCodec.decode(original, path: Self.demoPath, defaultName: "demo")
        try TestDatabase.withRoles { try SharedWorkspace.push(workspace, name: "demo", to: try PGConnection(conninfo: url)) }
        let back = try SharedWorkspace.load(name: "demo", from: try PGConnection(conninfo: url))
        #expect(back.workspace.leads.count == workspace.leads.count)
        #expect(WorkspaceCodec.encode(back.workspace) == original)
    }

    @Test("unknown keys at every level survive the round trip")
    func unknownKeys() throws {
        let text = """
            {"format": "smk-workspace", "version": 1, "mascot": {"name": "Moose", "legs": 4},
             "team": [{"name": "anna", "role": "sales", "desk": 7}],
             "leads": [{"id": "L-1", "stage": "mql", "fit": 70, "shoeSize": 43, "fields": {"x": [1, 2]}},
                       {"id": "L-2", "stage": "lead", "name": "Tab\\there \\"quoted\\" back\\\\slash"}],
             "zodiac": "leo"}
            """
        let workspace = try WorkspaceCodec.decode(Array(text.utf8), path: "t.json", defaultName: "odd")
        let canonical = WorkspaceCodec.encode(workspace)
        let url = try TestDatabase.freshDatabase()
        try TestDatabase.withRoles { try SharedWorkspace.push(workspace, name: "odd", to: try PGConnection(conninfo: url)) }
        let back = WorkspaceCodec.encode(try SharedWorkspace.load(name: "odd", from: try PGConnection(conninfo: url)).workspace)
        #expect(back == canonical)
        let backText = String(decoding: back, as: UTF8.self)
        for key in ["mascot", "desk", "shoeSize", "zodiac", "back\\\\slash"] { #expect(backText.contains(key)) }
    }

    @Test("an empty workspace, a name with a quote and ids needing escapes come back the same")
    func oddNames() throws {
        let url = try TestDatabase.freshDatabase()
        let empty = Workspace(name: "none")
        try TestDatabase.withRoles { try SharedWorkspace.push(empty, name: "it's empty", to: try PGConnection(conninfo: url)) }
        let emptyBack = try SharedWorkspace.load(name: "it's empty", from: try PGConnection(conninfo: url))
        #expect(emptyBack.workspace.leads.count == 0)
        #expect(WorkspaceCodec.encode(emptyBack.workspace) == WorkspaceCodec.encode(empty))
        let text = """
            {"format": "smk-workspace", "version": 1,
             "leads": [{"id": "L-\\"1\\\\x", "stage": "mql"}, {"id": "L-2", "stage": "lead", "fields": {}}]}
            """
        let workspace = try WorkspaceCodec.decode(Array(text.utf8), path: "t.json", defaultName: "odd")
        try TestDatabase.withRoles { try SharedWorkspace.push(workspace, name: "odd", to: try PGConnection(conninfo: url)) }
        let back = try SharedWorkspace.load(name: "odd", from: try PGConnection(conninfo: url))
        #expect(back.workspace.leads.count == 2)
        #expect(back.workspace.leads[id: "L-\"1\\x"] != nil)
        #expect(WorkspaceCodec.encode(back.workspace) == WorkspaceCodec.encode(workspace))
        #expect(back.versions.count == 2)
    }

    @Test("pushing onto a workspace name already there is refused")
    func pushTwice() throws {
        let url = try TestDatabase.freshDatabase()
        let workspace = Workspace(name: "w")
        try TestDatabase.withRoles { try SharedWorkspace.push(workspace, name: "w", to: try PGConnection(conninfo: url)) }
        #expect(throws: SharedStoreError.self) { try SharedWorkspace.push(workspace, name: "w", to: try PGConnection(conninfo: url)) }
    }

    @Test("a member of marketing cannot put a lead into a sales stage, even from psql")
    func rolesHoldAgainstPsql() throws {
        let url = try TestDatabase.freshDatabase()
        let workspace = try Workspace.load(path: Self.demoPath)
        try TestDatabase.withRoles { try SharedWorkspace.push(workspace, name: "demo", to: try PGConnection(conninfo: url)) }
        let admin = try PGConnection(conninfo: url)
        try TestDatabase.withRoles { try admin.run("ALTER ROLE erik PASSWORD 'erik-pw'; ALTER ROLE anna PASSWORD 'anna-pw'") }
        let mql = try #require(workspace.leads.all.first { $0.stage == "mql" }).id

        let erik = try TestDatabase.psql("UPDATE smk_leads SET stage = 'sal' WHERE workspace = 'demo' AND id = '\(mql)'",
                                         as: "erik", password: "erik-pw", on: url)
        #expect(erik.status != 0)
        #expect(erik.err.contains("sal is owned by sales; erik is in marketing"))

        let forged = try TestDatabase.psql("INSERT INTO smk_changes (workspace, by, summary, change) VALUES ('demo', 'anna', 'x', '{}') RETURNING by",
                                           as: "erik", password: "erik-pw", on: url)
        #expect(forged.out.split(separator: "\n").first == "erik")
        let erase = try TestDatabase.psql("DELETE FROM smk_changes", as: "erik", password: "erik-pw", on: url)
        #expect(erase.status != 0)

        let anna = try TestDatabase.psql("UPDATE smk_leads SET stage = 'sal' WHERE workspace = 'demo' AND id = '\(mql)' RETURNING version",
                                         as: "anna", password: "anna-pw", on: url)
        #expect(anna.status == 0)
        #expect(anna.out.split(separator: "\n").first == "2")
    }
}
