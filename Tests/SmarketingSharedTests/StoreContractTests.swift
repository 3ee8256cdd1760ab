import Foundation
import Testing
import SmarketingKit
import SmarketingShared
import SmarketingShell

/// The same command sequences against both stores behind `WorkspaceStore`: a JSON file
/// (lock, journal, atomic save) and a shared workspace in PostgreSQL. Commands do not
/// know which store they use, so what they print and what the store keeps must be the
/// same. The PostgreSQL case runs when a server can be had (Scripts/pg-server), as the
/// other shared tests.
@Suite("The file store and the PostgreSQL store give the same results")
struct StoreContractTests {
    enum Kind: String, CustomTestStringConvertible, Sendable {
        case file, postgres
        var testDescription: String { rawValue }
        /// The stores this machine can test: the file always, PostgreSQL with a server.
        static let available: [Kind] = TestDatabase.isAvailable ? [.file, .postgres] : [.file]
    }

    /// A session as anna on a fresh copy of the demo in the store of `kind`, and how to
    /// read what that store keeps from scratch (a new store, as a new shell would).
    final class Shell {
        let kind: Kind
        let session: Session
        let out = StringSink()
        let err = StringSink()
        let directory: String
        let reload: () throws -> Workspace

        init(_ kind: Kind) throws {
            self.kind = kind
            directory = NSTemporaryDirectory() + "smk-contract-" + UUID().uuidString.prefix(8)
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            switch kind {
            case .file:
                let path = directory + "/demo.json"
                try FileManager.default.copyItem(atPath: SchemaTests.demoPath, toPath: path)
                let store = FileStore(path: path, err: err)
                store.lock(actor: "anna", forceUnlock: false)
                session = Session(workspace: try store.load(), path: path, actor: "anna", out: out, err: err)
                session.store = store
                store.guardFile(for: session, forceUnlock: false, ask: nil)
                reload = { try FileStore(path: path, err: StringSink()).load() }
            case .postgres:
                let admin = try SharedSessionTests.demoDatabase()
                let address = try TestDatabase.url(for: "anna", on: admin).replacingOccurrences(of: "://anna@", with: "://anna:anna-pw@") + "?workspace=demo"
                let url = try DatabaseURL(address)
                let store = try PostgresStore(url: url, workspace: "demo")
                session = Session(workspace: try store.load(), path: nil, actor: store.identity ?? "?", out: out, err: err)
                session.store = store
                reload = { try PostgresStore(url: url, workspace: "demo").load() }
            }
            session.fixedNow = Timestamp.parse("2026-12-01T09:00:00Z")
        }

        deinit {
            session.workspaceGuard?.release(session)
            try? FileManager.default.removeItem(atPath: directory)
        }

        @discardableResult
        func run(_ text: String) -> (out: String, err: String, failures: Int) {
            let outcome = Interpreter(session: session).run(text, bail: false)
            return (out.take(), err.take(), outcome.failures)
        }

        func lead(_ id: String) throws -> Lead { try #require(session.workspace.leads[id: id]) }
    }

    @Test("queries answer the same", arguments: Kind.available)
    func queries(kind: Kind) throws {
        let shell = try Shell(kind)
        let leads = shell.session.workspace.leads.all
        #expect(shell.run("count where stage = mql").out == "\(leads.filter { $0.stage == "mql" }.count)\n")
        #expect(shell.run("count").out == "\(leads.count)\n")
        let shown = shell.run("show L-000001")
        #expect(shown.failures == 0 && shown.out.contains("L-000001"))
        #expect(shell.run("whoami").out.hasPrefix("anna"))
    }

    @Test("move, tag, undo and redo reach the store; a new shell reads them back", arguments: Kind.available)
    func changes(kind: Kind) throws {
        let shell = try Shell(kind)
        let moved = shell.run("move L-000003 to sal note 'accepted in review'")
        #expect(moved.failures == 0, "\(moved.err)")
        #expect(try shell.lead("L-000003").stage == "sal")
        #expect(shell.run("tag L-000003 +pilot").failures == 0)
        #expect(shell.run("tag L-000007 +later").failures == 0)
        #expect(shell.run("undo").failures == 0)
        #expect(try !shell.lead("L-000007").tags.contains("later"))
        #expect(shell.run("redo; undo").failures == 0)
        #expect(try !shell.lead("L-000007").tags.contains("later"))
        let saved = shell.run("save")
        #expect(saved.failures == 0)
        #expect(saved.out.contains(kind == .file ? "saved " : "shared"))
        #expect(!shell.session.isDirty)
        let fresh = try shell.reload()
        #expect(fresh.leads[id: "L-000003"] == shell.session.workspace.leads[id: "L-000003"])
        #expect(fresh.leads[id: "L-000003"]?.stage == "sal")
        #expect(fresh.leads[id: "L-000003"]?.tags.contains("pilot") == true)
        #expect(fresh.leads[id: "L-000007"]?.tags.contains("later") == false)
        #expect(fresh.leads[id: "L-000007"] == shell.session.workspace.leads[id: "L-000007"])
    }

    @Test("a change is kept by the store before the shell calls it done", arguments: Kind.available)
    func durable(kind: Kind) throws {
        let shell = try Shell(kind)
        #expect(shell.run("tag L-000001 +kept").failures == 0)
        switch kind {
        case .file:
            // Not saved yet: the journal holds it, and a session that ended without
            // saving leaves it for the next open to replay.
            let journal = try #require(shell.session.journal)
            let pending = journal.pending(funnel: shell.session.workspace.funnel).entries
            #expect(pending.map(\.summary) == ["tag 1 lead +kept"])
        case .postgres:
            #expect(try shell.reload().leads[id: "L-000001"]?.tags.contains("kept") == true)
        }
    }

    @Test("a scenario's changes stay out of the store until applied", arguments: Kind.available)
    func scenario(kind: Kind) throws {
        let shell = try Shell(kind)
        #expect(shell.run("scenario new push; move L-000003 to sal; scenario switch main").failures == 0)
        #expect(try shell.lead("L-000003").stage == "mql")
        _ = shell.run("save")
        #expect(try shell.reload().leads[id: "L-000003"]?.stage == "mql")
        let applied = shell.run("scenario switch push; scenario apply")
        #expect(applied.failures == 0, "\(applied.err)")
        #expect(try shell.lead("L-000003").stage == "sal")
        _ = shell.run("save")
        #expect(try shell.reload().leads[id: "L-000003"]?.stage == "sal")
    }

    @Test("a script runs the same", arguments: Kind.available)
    func script(kind: Kind) throws {
        let shell = try Shell(kind)
        let script = shell.directory + "/review.smk"
        try """
            let id = "L-000003"
            tag $id +reviewed
            move $id to sal note "from the script"
            expect count where tags = reviewed = 1 else "the tag is missing"
            let sals = count where stage = sal
            expect $sals >= 1
            echo done
            """.write(toFile: script, atomically: true, encoding: .utf8)
        let ran = shell.run("run \(script)")
        #expect(ran.failures == 0, "\(ran.err)")
        #expect(ran.out.hasSuffix("done\n"))
        _ = shell.run("save")
        let fresh = try shell.reload()
        #expect(fresh.leads[id: "L-000003"]?.stage == "sal")
        #expect(fresh.leads[id: "L-000003"]?.tags.contains("reviewed") == true)
    }

    @Test("the same sequence prints the same on both stores")
    func sameTranscript() throws {
        guard Kind.available.count == 2 else { return }
        let sequence = [
            "count where stage = mql", "move L-000003 to sal note 'ok'", "tag L-000003 +a", "undo", "redo",
            "show L-000003", "changes", "scenario new s", "move L-000007 to mql force 'x'", "scenario switch main",
            "count where stage = sal", "undo", "show L-000003",
        ]
        var transcripts: [[String]] = []
        for kind in Kind.available {
            let shell = try Shell(kind)
            transcripts.append(sequence.map { line in
                let result = shell.run(line)
                return "\(result.failures) \(result.out) \(result.err)"
            })
        }
        for (index, line) in sequence.enumerated() {
            #expect(transcripts[0][index] == transcripts[1][index], "\(line)")
        }
    }
}
