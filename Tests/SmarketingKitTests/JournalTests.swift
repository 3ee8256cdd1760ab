import Foundation
import Testing
@testable import SmarketingKit

@Suite("Journal and lock")
struct JournalTests {
    @Test("every kind of change survives the journal's JSON unchanged")
    func changeCodec() throws {
        let workspace = try Workspace.load(path: Fixtures.small)
        var lead = workspace.leads[0]
        lead.stage = "sal"
        lead.history.append(StageChange(at: Date(timeIntervalSince1970: 1_790_000_000), from: "mql", to: "sal", by: "anna",
                                        note: "ok", extra: JSONObject([JSONMember("force", .string("why"))])))
        var stage = workspace.funnel.stages[5]
        stage.entry = "attempts >= 1"
        let changes: [Change] = [
            .updateLead(lead), .insertLead(Lead(id: "N-1", name: "สมชาย", stage: "lead"), row: 2), .removeLead(id: "L-000003"),
            .updateStage(stage), .setName("Q4 — review"), .setPersonas([Persona(name: "Lena", needs: ["routes"], criteria: "fit > 1")]),
            .setGlossary(GlossaryTerm.standard), .setScoring(Scoring()), .setServiceLevel(ServiceLevel(object: JSONObject([JSONMember("sales", .object(JSONObject([JSONMember("attempts", .number("3"))])))]))),
            .setViews(JSONObject([JSONMember("hot", .string("fit > 60"))])), .setRates(JSONObject([JSONMember("lead->mql", .number("0.3"))])),
        ]
        for change in changes + [.group(changes)] {
            let text = change.json.compactText
            let decoded = try Change(json: try JSONParser.parse(text), funnel: workspace.funnel)
            // Compared as JSON: which empty keys a file happened to write is layout, not content.
            #expect(decoded.json == change.json, "\(text.prefix(60))")
        }
    }

    @Test("appended changes come back in order; a line cut short by a crash is skipped")
    func pending() throws {
        let folder = try Fixtures.temporaryFolder()
        let journal = Journal(workspacePath: folder + "/ws.json")
        let workspace = try Workspace.load(path: Fixtures.small)
        let first = ChangeRecord(change: .setName("a"), inverse: .setName("b"), at: Date(timeIntervalSince1970: 1_790_000_000), by: "anna", summary: "one")
        let second = ChangeRecord(change: .removeLead(id: "L-000001"), inverse: .setName("b"), at: Date(timeIntervalSince1970: 1_790_000_060), by: "erik", summary: "two")
        try journal.append(first)
        try journal.append(second)
        let handle = try #require(FileHandle(forWritingAtPath: journal.path))
        handle.seekToEndOfFile()
        handle.write(Data(#"{"at": "2026-11-2"#.utf8))
        try handle.close()
        let (entries, unreadable) = journal.pending(funnel: workspace.funnel)
        #expect(entries.map(\.summary) == ["one", "two"])
        #expect(entries.map(\.by) == ["anna", "erik"])
        #expect(entries[1].change == .removeLead(id: "L-000001"))
        #expect(unreadable == 1)
        journal.clear()
        #expect(!FileManager.default.fileExists(atPath: journal.path))
    }

    @Test("the lock is taken, refused to a second holder while the first lives, and taken over when it is gone")
    func lock() throws {
        let folder = try Fixtures.temporaryFolder()
        let lock = WorkspaceLock(workspacePath: folder + "/ws.json")
        let now = Date()
        #expect(lock.acquire(user: "anna", now: now, force: false) == .acquired)
        #expect(lock.holder()?.user == "anna")
        #expect(lock.holder()?.pid == getpid())
        // A holder that is alive (pid 1 always is) on this host:
        let alive = #"{"user": "erik", "pid": 1, "host": "\#(WorkspaceLock.hostName)", "since": "2026-11-24T09:00:00Z"}"#
        try Data(alive.utf8).write(to: URL(fileURLWithPath: lock.path))
        guard case .heldBy(let holder) = lock.acquire(user: "anna", now: now, force: false) else { Issue.record("not refused"); return }
        #expect(holder.user == "erik" && holder.pid == 1)
        // Running on this machine: not even force takes it (its next save would undo ours).
        guard case .heldBy = lock.acquire(user: "anna", now: now, force: true) else { Issue.record("force took a running holder's lock"); return }
        // On another machine, where smk cannot see whether it runs: force takes it.
        let remote = #"{"user": "erik", "pid": 1, "host": "elsewhere.example", "since": "2026-11-24T09:00:00Z"}"#
        try Data(remote.utf8).write(to: URL(fileURLWithPath: lock.path))
        guard case .heldBy = lock.acquire(user: "anna", now: now, force: false) else { Issue.record("remote holder not respected"); return }
        guard case .tookOverForced = lock.acquire(user: "anna", now: now, force: true) else { Issue.record("force did not take it"); return }
        // A holder whose process is gone: a pid that cannot exist.
        let gone = #"{"user": "erik", "pid": 2147483600, "host": "\#(WorkspaceLock.hostName)", "since": "2026-11-24T09:00:00Z"}"#
        try Data(gone.utf8).write(to: URL(fileURLWithPath: lock.path))
        guard case .tookOverStale = lock.acquire(user: "anna", now: now, force: false) else { Issue.record("stale lock not taken over"); return }
        lock.release()
        #expect(!FileManager.default.fileExists(atPath: lock.path))
    }

    @Test("a holder killed but not yet reaped (a zombie) counts as gone")
    func zombieHolder() throws {
        var pid: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/true"), nil]
        defer { argv.forEach { free($0) } }
        #expect(posix_spawn(&pid, "/bin/true", nil, nil, argv, nil) == 0)
        // Not waited for: once it exits it stays a zombie until waitpid below.
        var waited = 0
        while !WorkspaceLock.Holder.isZombie(pid), waited < 100 { usleep(20_000); waited += 1 }
        let holder = WorkspaceLock.Holder(user: "erik", pid: pid, host: WorkspaceLock.hostName, since: Date())
        #expect(holder.isGone)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        #expect(!WorkspaceLock.Holder(user: "x", pid: getpid(), host: WorkspaceLock.hostName, since: Date()).isGone)
    }
}
