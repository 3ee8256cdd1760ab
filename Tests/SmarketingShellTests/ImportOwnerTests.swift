import Foundation
import Testing
@testable import SmarketingKit
@testable import SmarketingShell

/// Imported leads in sales' stages and in side stages: who owns them, and what `loop`
/// can say about leads that arrive with no history.
@Suite("imported owners and the loop")
struct ImportOwnerTests {
    static let sample = Harness.repository.appendingPathComponent("Workspace/imports/hubspot-sample.csv").path

    @Test("leads added into sales' stages with no owner are owned by the sales person importing; a marketer's plan says how many have none")
    func owners() throws {
        let sales = try Harness(path: Harness.demoPath, actor: "anna")
        let out = sales.run("import \(Self.sample)").out
        #expect(out.contains("2 leads in sales' stages have no owner in the file (sql 1, customer 1): anna owns them, as the sales person importing"))
        #expect(sales.session.workspace.leads[id: "51004"]?.owner == "anna")
        #expect(sales.session.workspace.leads[id: "51001"]?.owner == nil)
        let record = try #require(sales.session.done.last?.changeImport)
        #expect(try ImportReference(json: record.json).salesOwner == "anna")

        let marketing = try Harness(path: Harness.demoPath, actor: "erik")
        let planned = marketing.run("import \(Self.sample) dry-run").out
        #expect(planned.contains("2 leads in sales' stages have no owner in the file (sql 1, customer 1): map \"COLUMN\" to owner fills it"))
        marketing.run("import \(Self.sample)")
        #expect(marketing.session.workspace.leads[id: "51004"]?.owner == nil)
        marketing.run("undo")
        let mapped = marketing.run("import \(Self.sample) map \"Lead Status\" to owner").out
        #expect(!mapped.contains("have no owner"))
        #expect(marketing.session.workspace.leads[id: "51004"]?.owner == "Connected")
    }

    @Test("an import adds every row, and its plan says which rows went into the other team's stages and which do not meet an entry rule")
    func handOffAndEntryRules() throws {
        let (_, path) = try csvFile("smk-import-checks", "crm.csv", "email,stage,source,fit,interest\na@x.io,customer,web,,\nb@x.io,customer,web,,\nc@x.io,sql,web,,\nd@x.io,lead,fair,,\n"
            + "e@x.io,mql,fair,20,90\nf@x.io,mql,fair,80,90\n")
        // Columns (add-only) and values (key email) say the same.
        for clauses in ["", " key email"] {
            let marketing = try Harness(path: Harness.demoPath, actor: "erik")
            let planned = marketing.run("import \"\(path)\"\(clauses) dry-run").out
            #expect(planned.contains("3 rows go into sales' stages (sql 1, customer 2), imported by erik of marketing: not checked against the hand-off"))
            #expect(!planned.contains("marketing's stages"))
            #expect(planned.contains("1 row into sql does not meet its entry rule (attempts >= 1)"))
            // The demo scores fit and interest by its rules, as `add lead` checks them: no
            // imported lead has the activities to reach them.
            #expect(planned.contains("2 rows into mql do not meet its entry rule (fit >= 50 and interest >= 40)"))
            // Nothing is dropped: the CRM's state comes in as it is.
            let done = marketing.run("import \"\(path)\"\(clauses)").out
            #expect(done.contains("6 rows read: 6 added, 0 updated, 0 skipped"))
            #expect(done.contains("not checked against the hand-off"))
            #expect(marketing.run("count where email = 'c@x.io' and stage = sql").out.contains("1"))

            let sales = try Harness(path: Harness.demoPath, actor: "anna")
            let salesPlan = sales.run("import \"\(path)\"\(clauses) dry-run").out
            #expect(salesPlan.contains("3 rows go into marketing's stages (lead 1, mql 2), imported by anna of sales: not checked against the hand-off"))
            #expect(!salesPlan.contains("sales' stages ("))
        }
        // Rows that meet their stage's rule, by the team that owns it: nothing to say.
        try "email,stage\nf@x.io,lead\ng@x.io,visitor\n".write(toFile: path, atomically: true, encoding: .utf8)
        let clean = try Harness(path: Harness.demoPath, actor: "erik").run("import \"\(path)\" dry-run").out
        #expect(!clean.contains("hand-off") && !clean.contains("entry rule"))
    }

    @Test("loop says how many leads in side stages it cannot place, and why, instead of counting only the ones with a hand-off")
    func loopSaysWhat() throws {
        let (_, path) = try csvFile("smk-import-owner", "won-lost.csv", "email,stage,source\nA@x.io,customer,web\nb@x.io,lost,web\nc@x.io,lost,fair\nd@x.io,lead,fair\n")
        let harness = EmptyHarness()
        harness.run("import \"\(path)\"")
        let out = harness.run("loop").out
        // The imported customer is no more known to have been handed over than the lost ones.
        #expect(out.contains("0 MQLs handed over (entered mql); accepted: entered sal; won: reached customer; not counted: 1 in customer, 2 in lost "
                             + "with no move on record into their stage (as imported), so whether they were handed over is unknown"))
        #expect(!out.contains("100%"))
        // The demo's leads have their histories: nothing to say there.
        #expect(!(try Harness(path: Harness.demoPath).run("loop").out.contains("not counted")))
    }

    @Test("MQLs imported into mql and never moved count as handed over, not accepted: the loop of an MQL export is not only its winners")
    func importedMQLsCount() throws {
        let (folder, path) = try csvFile("smk-import-mqls", "mqls.csv", "email,stage,source\na@x.io,mql,web\nb@x.io,mql,web\nc@x.io,mql,web\nd@x.io,mql,fair\n")
        let harness = EmptyHarness()
        let saved = folder.appendingPathComponent("mqls.json").path
        #expect(harness.run("import \"\(path)\"; move where email = 'a@x.io' to customer; save \"\(saved)\"").outcome.failures == 0)
        // Decoded (as edited) and read from the columns (as loaded), the same loop.
        for loop in [harness.run("format json; loop").out, try Harness(path: saved).run("format json; loop").out] {
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(loop.utf8)) as? [[String: Any]], "\(loop)")
            let web = try #require(rows.first { $0["source"] as? String == "web" })
            #expect(web["mqls"] as? Int == 3 && web["accepted"] as? Int == 1 && web["won"] as? Int == 1, "\(web)")
            #expect(rows.last?["mqls"] as? Int == 4)
        }
        #expect(!harness.run("format table; loop").out.contains("not counted"))
    }

    @Test("leads imported into a copy of the demo leave its loop rows as they were, and are said in the footer")
    func importLeavesTheDemoLoop() throws {
        let (folder, path) = try csvFile("smk-import-loop", "won.csv", "email,stage,source\nwon1@x.io,customer,web\nwon2@x.io,customer,web\nsal@x.io,sal,web\n")
        let harness = try Harness(path: Harness.demoPath, actor: "anna")
        let before = harness.run("loop").out
        harness.run("import \"\(path)\"")
        let after = harness.run("loop").out
        let rows = { (text: String) in text.split(separator: "\n").filter { $0.hasPrefix("all ") || $0.hasPrefix("web ") } }
        #expect(!rows(before).isEmpty)
        #expect(rows(after) == rows(before))
        #expect(after.contains("not counted: 1 in sal, 2 in customer with no move on record"))
        // Columns (as loaded) and decoded leads (as edited) agree: saved and reopened, the same.
        let saved = folder.appendingPathComponent("demo-plus.json").path
        harness.run("save \"\(saved)\"")
        #expect(try Harness(path: saved).run("loop").out == after)
    }
}

/// `text` written as `name` in a fresh folder named after `prefix` and this process.
private func csvFile(_ prefix: String, _ name: String, _ text: String) throws -> (folder: URL, path: String) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(ProcessInfo.processInfo.processIdentifier)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let path = folder.appendingPathComponent(name).path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return (folder, path)
}
