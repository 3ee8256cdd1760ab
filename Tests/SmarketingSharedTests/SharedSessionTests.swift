import Foundation
import Testing
import SmarketingKit
import SmarketingShared
import SmarketingShell

/// Two shells on one shared workspace, in one process: what each sees of the other's
/// changes, conflicts, merges and undo.
@Suite("Sessions on a shared workspace", .enabled(if: TestDatabase.isAvailable, "needs a PostgreSQL server (Scripts/pg-server)"))
struct SharedSessionTests {
    /// A shell on the shared demo, logged in as `user`.
    struct Shell {
        let session: Session
        let out = StringSink()
        let err = StringSink()

        init(_ user: String, on adminURL: String) throws {
            let url = try DatabaseURL(try TestDatabase.url(for: user, on: adminURL).replacingOccurrences(of: "://\(user)@", with: "://\(user):\(user)-pw@") + "?workspace=demo")
            let store = try PostgresStore(url: url, workspace: "demo")
            session = Session(workspace: try store.load(), path: nil, actor: store.identity ?? "?", out: out, err: err)
            session.store = store
        }

        @discardableResult
        func run(_ text: String) -> (out: String, err: String, failures: Int) {
            let outcome = Interpreter(session: session).run(text, bail: false)
            return (out.take(), err.take(), outcome.failures)
        }

        func lead(_ id: String) throws -> Lead { try #require(session.workspace.leads[id: id]) }
    }

    /// A database holding the demo as workspace `demo`, with passwords for anna, ioana and erik.
    static func demoDatabase() throws -> String {
        let url = try TestDatabase.freshDatabase()
        let workspace = try Workspace.load(path: SchemaTests.demoPath)
        try TestDatabase.withRoles { try SharedWorkspace.push(workspace, name: "demo", to: try PGConnection(conninfo: url)) }
        try TestDatabase.withRoles {
            try PGConnection(conninfo: url).run("ALTER ROLE anna PASSWORD 'anna-pw'; ALTER ROLE ioana PASSWORD 'ioana-pw'; ALTER ROLE erik PASSWORD 'erik-pw'")
        }
        return url
    }

    /// Waits (at most 2 s) until `shell` has caught up with something.
    static func settle(_ shell: Shell) -> String {
        var seen = ""
        for _ in 0..<40 {
            shell.session.catchUp()
            seen += shell.out.take()
            if !seen.isEmpty { return seen }
            usleep(50_000)
        }
        return seen
    }

    @Test("you are the database login; as is refused; save says the workspace is shared")
    func identity() throws {
        let url = try Self.demoDatabase()
        let anna = try Shell("anna", on: url)
        #expect(anna.run("whoami").out.contains("anna (sales)"))
        let refused = anna.run("as erik")
        #expect(refused.failures == 1)
        #expect(refused.err.contains("who the database says"))
        #expect(anna.run("save").out.contains("shared"))
        let info = anna.run("info").out
        #expect(info.contains("postgres://anna:***@"))
        #expect(!info.contains("anna-pw"))
    }

    @Test("a move in one shell arrives in the other as one line")
    func moveArrives() throws {
        let url = try Self.demoDatabase()
        let anna = try Shell("anna", on: url), ioana = try Shell("ioana", on: url)
        let id = try #require(anna.session.workspace.leads.all.first { $0.stage == "mql" }).id
        #expect(anna.run("move \(id) to sal note 'accepted in review'").failures == 0)
        let arrived = Self.settle(ioana)
        #expect(arrived == "anna moved \(id) mql → sal (accepted in review)\n")
        #expect(try ioana.lead(id).stage == "sal")
        let who = ioana.run("who").out
        #expect(who.contains("anna") && who.contains("ioana"))
    }

    @Test("a change to a lead someone changed meanwhile is refused, saying who, and the shell catches up")
    func conflictRefused() throws {
        let url = try Self.demoDatabase()
        let anna = try Shell("anna", on: url), ioana = try Shell("ioana", on: url)
        let id = try #require(anna.session.workspace.leads.all.first { $0.stage == "mql" }).id
        #expect(anna.run("move \(id) to sal").failures == 0)
        // ioana has not looked yet: her copy still says mql, and she moves it elsewhere.
        var stale = try ioana.lead(id)
        stale.stage = "sql"
        #expect(throws: ShellError.self) { try ioana.session.apply(.updateLead(stale), summary: "move \(id) to sql") }
        do { try ioana.session.apply(.updateLead(stale), summary: "again") } catch {
            Issue.record("after catching up the same change is not stale: \(error)")
        }
        #expect(try anna.lead(id).stage == "sal")
    }

    @Test("the refusal names who changed the lead")
    func conflictWording() throws {
        let url = try Self.demoDatabase()
        let anna = try Shell("anna", on: url), ioana = try Shell("ioana", on: url)
        let id = try #require(anna.session.workspace.leads.all.first { $0.stage == "mql" }).id
        #expect(anna.run("move \(id) to sal").failures == 0)
        var stale = try ioana.lead(id)
        stale.owner = "ioana"
        stale.stage = "sql"
        do {
            try ioana.session.apply(.updateLead(stale), summary: "x")
            Issue.record("a stale change was accepted")
        } catch {
            #expect("\(error)".contains("anna changed \(id) since you saw it"))
        }
        #expect(try ioana.lead(id).stage == "sal")
    }

    @Test("tags added at the same time by two shells are both kept")
    func tagsMerge() throws {
        let url = try Self.demoDatabase()
        let anna = try Shell("anna", on: url), erik = try Shell("erik", on: url)
        let id = "L-000001"
        #expect(anna.run("tag \(id) +from-anna").failures == 0)
        var stale = try erik.lead(id)
        stale.tags.append("from-erik")
        try erik.session.apply(.updateLead(stale), summary: "tag \(id) +from-erik")
        let reloaded = try PostgresStore(url: DatabaseURL(url + "?workspace=demo"), workspace: "demo").load()
        let tags = try #require(reloaded.leads[id: id]).tags
        #expect(tags.contains("from-anna") && tags.contains("from-erik"))
        #expect(try erik.lead(id).tags == tags)
    }

    @Test("undo is refused when someone changed the lead since")
    func undoAfterOthers() throws {
        let url = try Self.demoDatabase()
        let anna = try Shell("anna", on: url), ioana = try Shell("ioana", on: url)
        #expect(anna.run("tag L-000002 +mine").failures == 0)
        _ = Self.settle(ioana)
        #expect(ioana.run("assign L-000002 to ioana").failures == 0)
        #expect(Self.settle(anna).contains("ioana"))
        let undo = anna.run("undo")
        #expect(undo.failures == 1)
        #expect(undo.err.contains("L-000002 was changed since by ioana"))
        #expect(try anna.lead("L-000002").owner == "ioana")
        #expect(try anna.lead("L-000002").tags.contains("mine"))
        // With nobody in between, undo works and reaches the others.
        #expect(ioana.run("undo").failures == 0)
        #expect(try ioana.lead("L-000002").owner != "ioana")
    }

    @Test("redo is refused when someone changed the lead after my undo")
    func redoAfterOthers() throws {
        let url = try Self.demoDatabase()
        let anna = try Shell("anna", on: url), ioana = try Shell("ioana", on: url)
        #expect(anna.run("tag L-000002 +mine").failures == 0)
        #expect(anna.run("undo").failures == 0)
        _ = Self.settle(ioana)
        #expect(ioana.run("assign L-000002 to ioana").failures == 0)
        #expect(Self.settle(anna).contains("ioana"))
        let redo = anna.run("redo")
        #expect(redo.failures == 1)
        #expect(redo.err.contains("not redone: L-000002 was changed since by ioana"))
        #expect(try anna.lead("L-000002").owner == "ioana")
        #expect(try !anna.lead("L-000002").tags.contains("mine"))
        // Ioana's change stands in the database too.
        let reloaded = try PostgresStore(url: DatabaseURL(url + "?workspace=demo"), workspace: "demo").load()
        #expect(try #require(reloaded.leads[id: "L-000002"]).owner == "ioana")
        #expect(try #require(reloaded.leads[id: "L-000002"]).tags.contains("mine") == false)
        // With nobody in between, redo works.
        #expect(anna.run("undo").failures == 1)  // my newest change is gone from the stack: nothing to undo
        #expect(ioana.run("undo; redo").failures == 0)
        #expect(try ioana.lead("L-000002").owner == "ioana")
    }

    @Test("an edit made with plain SQL is announced, applied, and the shell may change the lead after it")
    func sqlEditAnnounced() throws {
        let url = try Self.demoDatabase()
        let anna = try Shell("anna", on: url)
        let id = try #require(anna.session.workspace.leads.all.first { $0.stage == "mql" }).id
        let sql = try TestDatabase.psql("UPDATE smk_leads SET stage = 'sal' WHERE workspace = 'demo' AND id = '\(id)'", as: "ioana", password: "ioana-pw", on: url)
        #expect(sql.status == 0, "\(sql.err)")
        #expect(Self.settle(anna) == "ioana changed \(id) with SQL: stage mql → sal\n")
        #expect(try anna.lead(id).stage == "sal")
        // The shell now knows the lead's version: its own change is not a conflict.
        #expect(anna.run("tag \(id) +after-sql").failures == 0)
        // An edit of the other fields names them; one statement on many leads is one line.
        _ = try TestDatabase.psql("UPDATE smk_leads SET data = jsonb_set(data::jsonb, '{owner}', '\"ioana\"')::json WHERE workspace = 'demo' AND id = '\(id)'",
                                  as: "ioana", password: "ioana-pw", on: url)
        #expect(Self.settle(anna) == "ioana changed \(id) with SQL: owner\n")
        #expect(try anna.lead(id).owner == "ioana")
        #expect(try anna.lead(id).tags.contains("after-sql"))
        _ = try TestDatabase.psql("UPDATE smk_leads SET data = jsonb_set(data::jsonb, '{owner}', '\"giulia\"')::json WHERE workspace = 'demo' AND id IN ('L-000001', 'L-000002', 'L-000003', 'L-000004')",
                                  as: "ioana", password: "ioana-pw", on: url)
        #expect(Self.settle(anna) == "ioana changed 4 leads with SQL: L-000001, L-000002, L-000003, …\n")
        #expect(try anna.lead("L-000004").owner == "giulia")
        // smk's own changes are not announced twice.
        let ioana = try Shell("ioana", on: url)
        #expect(anna.run("tag L-000005 +once").failures == 0)
        #expect(Self.settle(ioana) == "anna: tag 1 lead +once\n")
        let records = try TestDatabase.psql("SELECT count(*) FROM smk_changes WHERE workspace = 'demo' AND 'L-000005' = ANY(leads)", as: "ioana", password: "ioana-pw", on: url)
        #expect(records.out.trimmingCharacters(in: .whitespacesAndNewlines) == "1")
    }

    @Test("an agreement change proposed by a sales login and approved by a marketing login takes effect in both shells")
    func agreementBetweenLogins() throws {
        let url = try Self.demoDatabase()
        let anna = try Shell("anna", on: url), erik = try Shell("erik", on: url)
        let proposed = anna.run("sla set mqls 77")
        #expect(proposed.failures == 0, "\(proposed.err)")
        _ = Self.settle(erik)
        let number = try #require(erik.session.workspace.proposals.last { $0.status == .open }?.number)
        let approved = erik.run("approve \(number)")
        #expect(approved.failures == 0, "\(approved.err)")
        #expect(erik.session.workspace.sla.mqlsPerMonth == 77)
        // Anna's screen says what erik approved, not only `erik: approve #N: SLA`.
        let news = Self.settle(anna)
        #expect(news == "erik approved #\(number): SLA: marketing's MQLs a month: 77 (proposed by anna)\n", "\(news)")
        #expect(anna.session.workspace.sla.mqlsPerMonth == 77)
        // A marketing login may change the stages' copy too (an entry rule), not only sales.
        let rule = erik.run("stage mql entry \"fit >= 60\"")
        #expect(rule.failures == 0, "\(rule.err)")
    }

    @Test("sales rejects an MQL in a shared workspace; the database still refuses sales sending a lead of marketing's to nurture otherwise")
    func rejectBySales() throws {
        let url = try Self.demoDatabase()
        let anna = try Shell("anna", on: url)
        let mql = try #require(anna.session.workspace.leads.all.first { $0.stage == "mql" }).id
        let rejected = anna.run("reject \(mql) \"no project yet\"")
        #expect(rejected.failures == 0, "\(rejected.err)")
        #expect(try anna.lead(mql).stage == "nurture")
        // A lead in `lead` is followed by mql, marketing's: a sales login may not hand it to nurture.
        let early = try #require(anna.session.workspace.leads.all.first { $0.stage == "lead" }).id
        let sql = try TestDatabase.psql("UPDATE smk_leads SET stage = 'nurture' WHERE workspace = 'demo' AND id = '\(early)'", as: "ioana", password: "ioana-pw", on: url)
        #expect(sql.status != 0)
        #expect(sql.err.contains("lead is marketing's stage; ioana is in sales"))
    }

    @Test("a review recorded in a shared workspace names its address and replays for the same login")
    func recordAndReplay() throws {
        let url = try Self.demoDatabase()
        let anna = try Shell("anna", on: url)
        let path = NSTemporaryDirectory() + "smk-shared-record-\(UUID().uuidString).smk"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let recorder = try Recorder(path: path, session: anna.session)
        recorder.close()
        let header = try String(contentsOfFile: path, encoding: .utf8)
        #expect(header.contains("# replay: smk 'postgres://anna"), "\(header)")
        #expect(header.contains("workspace=demo"))
        #expect(!header.contains("anna-pw") && !header.contains("***"), "a replay line with *** would not connect")
        #expect(header.contains("as anna\n"))
        // Replayed by anna, the script's `as anna` is no change; as someone else it is still refused.
        let replay = anna.run(header + "whoami")
        #expect(replay.failures == 0, "\(replay.err)")
        #expect(replay.out.contains("anna (sales)"))
        #expect(anna.run("as erik").failures == 1)
    }

    @Test("audit in one shell lists the changes made in the other, with who made them")
    func auditSeesOthers() throws {
        let url = try Self.demoDatabase()
        let anna = try Shell("anna", on: url), erik = try Shell("erik", on: url)
        let id = try #require(anna.session.workspace.leads.all.first { $0.stage == "mql" }).id
        #expect(anna.run("move \(id) to sal note 'accepted in review'").failures == 0)
        _ = Self.settle(erik)
        let seen = erik.run("audit \(id)").out
        #expect(seen.contains("anna") && seen.contains("move 1 lead to sal"), "\(seen)")
        // A shell opened later reads it from the change log (a change to leads only does
        // not rewrite the document), and once only after a settings change rewrote it.
        let later = try Shell("ioana", on: url)
        #expect(later.run("audit \(id)").out.contains("move 1 lead to sal"))
        #expect(erik.run("define SQL \"sales accepted and qualified\"").failures == 0)
        let last = try Shell("ioana", on: url)
        let listed = last.run("audit since 1d").out
        #expect(listed.components(separatedBy: "move 1 lead to sal").count == 2, "\(listed)")
        #expect(listed.contains("define SQL"))
    }

    @Test("an import with rows in the other team's stages is refused before the database is asked, saying which rows")
    func importOutsideTeam() throws {
        let url = try Self.demoDatabase()
        let erik = try Shell("erik", on: url)
        let path = NSTemporaryDirectory() + "smk-shared-import-\(UUID().uuidString).csv"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "name,email,stage\nAna Pop,ana@example.ro,mql\nJan Smit,jan@example.nl,sql\n".write(toFile: path, atomically: true, encoding: .utf8)
        let before = erik.session.workspace.leads.count
        let dry = erik.run("import \(path) dry-run")
        #expect(dry.out.contains("the import would be refused"), "\(dry.out)")
        let refused = erik.run("import \(path)")
        #expect(refused.failures == 1)
        #expect(refused.err.contains("erik (marketing) add leads only into marketing's stages") && refused.err.contains("(sql 1)"), "\(refused.err)")
        #expect(!refused.err.contains("refused by the database"))
        #expect(erik.session.workspace.leads.count == before)
        // The rows of marketing's own stages come in.
        let own = erik.run("import \(path) stage from \"stage\" \"sql\" to mql")
        #expect(own.failures == 0, "\(own.err)")
        #expect(erik.session.workspace.leads.count == before + 2)
    }
}
