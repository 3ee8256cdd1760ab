import Foundation
import Testing
@testable import SmarketingKit
@testable import SmarketingShell

/// An import is journalled as its file and clauses (a reference), not as every lead it
/// added; a replay after a kill makes the same leads again from the file, and refuses
/// when the file is gone or changed.
@Suite("Imports in the journal")
struct ImportJournalTests {
    /// A copy of the small fixture and a CSV beside it, in a fresh folder.
    static func setUp(csv: String) throws -> (folder: String, path: String, csv: String) {
        let copy = try temporaryCopy()
        let file = copy.folder + "/leads.csv"
        try Data(csv.utf8).write(to: URL(fileURLWithPath: file))
        return (copy.folder, copy.path, file)
    }

    static let csv = """
        email,name,company,employees,plan\r
        ada@example.com,Ada Lind,Lind AB,12,gold\r
        bo@example.com,Bo Ek,Ek & Co,many,silver\r
        cy@example.com,Cy Berg,"Berg, Berg och Berg",40,bronze\r
        """

    /// The journal's text.
    static func journal(_ path: String) throws -> String {
        try String(contentsOfFile: path + ".smk-journal", encoding: .utf8)
    }

    @Test("the journal holds the file's path, size and hash, not the leads; a replay after a kill makes the same leads; undo takes them back")
    func replayAfterKill() throws {
        let setup = try Self.setUp(csv: Self.csv)
        let anna = try ReplayTests.open(setup.path, as: "anna")
        // A clock with a fraction of a second: the replayed history entries must equal it.
        anna.session.fixedNow = Date(timeIntervalSinceReferenceDate: 817_300_000.123_456)
        let before = anna.session.workspace.leads
        let out = anna.run("import \(setup.csv) map \"employees\" to employees")
        #expect(out.out.contains("3 rows read: 2 added, 0 updated, 1 skipped"), "\(out.out)")
        let imported = anna.session.workspace.leads
        let text = try Self.journal(setup.path)
        #expect(text.contains("\"op\": \"importFile\"") && text.contains("\"path\": \"\(setup.csv)\""))
        #expect(!text.contains("Lind AB"), "the journal keeps the file, not its leads")
        // Killed: the lock is stale, the journal stays.
        anna.session.workspaceGuard?.lock.release()

        let next = try ReplayTests.open(setup.path, as: "anna", answer: true)
        #expect(next.err.text.contains("1 change(s) by anna were not saved"), "\(next.err.text)")
        #expect(next.session.workspace.leads == imported)
        let ada = try #require(next.session.workspace.leads.all.first { $0.email == "ada@example.com" })
        #expect(ada.history.first?.note == "imported from leads.csv at line 2" && ada.history.first?.by == "anna")
        #expect(ada.history.first?.at == anna.session.fixedNow)
        // The rewritten journal refers to the file again, and undo after the replay takes it all back.
        #expect(try Self.journal(setup.path).contains("\"op\": \"importFile\""))
        #expect(next.run("undo").outcome.failures == 0)
        #expect(next.session.workspace.leads == before)
        #expect(next.run("redo").outcome.failures == 0)
        #expect(next.session.workspace.leads == imported)
        next.session.workspaceGuard?.release(next.session)
    }

    @Test("a replay is refused, with what changed, when the CSV was edited or is gone since the import")
    func refusedWhenChanged() throws {
        for edit in ["changed", "same size", "gone"] {
            let setup = try Self.setUp(csv: Self.csv)
            let anna = try ReplayTests.open(setup.path, as: "anna")
            let before = anna.session.workspace.leads
            anna.run("import \(setup.csv)")
            anna.session.workspaceGuard?.lock.release()
            switch edit {
            case "changed": try Data((Self.csv + "di@example.com,Di Sund,,3,gold\r\n").utf8).write(to: URL(fileURLWithPath: setup.csv))
            case "same size": try Data(Self.csv.replacingOccurrences(of: "Ada", with: "Eva").utf8).write(to: URL(fileURLWithPath: setup.csv))
            default: try FileManager.default.removeItem(atPath: setup.csv)
            }
            let next = try ReplayTests.open(setup.path, as: "anna", answer: true)
            let expected = switch edit {
            case "changed": "the import of \(setup.csv) cannot be replayed: the file changed since (206 bytes now, 174 when it was imported)"
            case "same size": "the import of \(setup.csv) cannot be replayed: the file changed since (same size, different content)"
            default: "the import of \(setup.csv) cannot be replayed: the file is gone"
            }
            #expect(next.err.text.contains("'import leads.csv: 2 added, 0 updated' by anna is not replayed: " + expected), "\(edit): \(next.err.text)")
            #expect(!next.err.text.contains("could not be read"), "the journal was read fine: \(next.err.text)")
            #expect(next.session.workspace.leads == before, "\(edit)")
            next.session.workspaceGuard?.release(next.session)
        }
    }

    @Test("an import that adds and updates (key email) and joins a second file replays to the same leads")
    func replayUpdatesAndJoin() throws {
        let harness = try Harness()
        let first = harness.session.workspace.leads[0]
        let email = try #require(first.email)
        let setup = try Self.setUp(csv: "email,phone,ref\n\(email),+46 70 000 00 00,r1\nnew@example.com,,r2\nnewer@example.com,,r3\n")
        let deals = setup.folder + "/deals.csv"
        try Data("ref,won,size\nr2,2026-02-01,big\n".utf8).write(to: URL(fileURLWithPath: deals))
        let anna = try ReplayTests.open(setup.path, as: "anna")
        let out = anna.run("import \(setup.csv) key email join \(deals) on \"ref\" stage customer on \"won\"")
        #expect(out.out.contains("3 rows read: 2 added, 1 updated, 0 skipped"), "\(out.out)")
        let imported = anna.session.workspace.leads
        #expect(imported.all.first { $0.email == "new@example.com" }?.stage == "customer")
        anna.session.workspaceGuard?.lock.release()
        let next = try ReplayTests.open(setup.path, as: "anna", answer: true)
        // The added leads are the same values; the updated one the same fields (a lead read
        // back from JSON remembers which keys its text had, so it is compared as JSON).
        let replayed = next.session.workspace.leads
        #expect(replayed.count == imported.count, "\(next.err.text)")
        #expect(replayed.all.map(\.json) == imported.all.map(\.json))
        #expect(Array(replayed.all.suffix(2)) == Array(imported.all.suffix(2)))
        #expect(replayed[id: first.id]?.phone == "+46 70 000 00 00")
        next.session.workspaceGuard?.release(next.session)
    }

    @Test("a bad row lists every problem it has, not only the first")
    func allProblems() throws {
        let setup = try Self.setUp(csv: "email,employees,created,fit,stage\nbad@example.com,many,someday,400,odd\n")
        let harness = try Harness(path: setup.path)
        let out = harness.run("import \(setup.csv) map \"fit\" to fit dry-run").out
        #expect(out.contains("leads.csv:2  employees: 'many' is not a whole number; created: 'someday' is not a date (give date-format); "
                             + "fit: '400' is not a number from 0 to 100; stage: 'odd' is no stage"), "\(out)")
        // A row with more problems than are worth listing: the first five, then how many more.
        let reasons = ImportPlanner.problems((1...8).map { "n\($0): 'x' is not a whole number" })
        #expect(reasons.hasSuffix("n5: 'x' is not a whole number; and 3 more") && !reasons.contains("n6"))
    }
}
