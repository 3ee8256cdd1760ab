import Foundation
import Testing
@testable import SmarketingKit
@testable import SmarketingShell

/// Agreements need both teams: changes to entry rules, the glossary, the SLA, scoring and
/// personas are proposals until someone of the other team approves.
@Suite("proposals")
struct ProposalTests {
    @Test("a rule proposed by sales takes effect only when marketing approves; not the proposer, not sales")
    func approve() throws {
        // The demo holds two proposals already (#1 approved, #2 open).
        let harness = try Harness(path: Harness.demoPath, actor: "anna")
        let proposed = harness.run("stage mql entry \"fit >= 60 and interest >= 40\"").out
        #expect(proposed.hasPrefix("proposed #3: entry rule of mql: fit >= 60 and interest >= 40 (now: fit >= 50 and interest >= 40)"))
        #expect(harness.session.workspace.funnel.stage("mql")?.entry == "fit >= 50 and interest >= 40")
        #expect(harness.run("approve 3").err.contains("#3 is anna's own proposal"))
        #expect(harness.run("as ioana; approve 3").err.contains("proposed by anna of sales; someone from the other team approves it"))
        #expect(harness.run("as erik; approve 3").out == "approved #3: entry rule of mql: fit >= 60 and interest >= 40\n")
        #expect(harness.session.workspace.funnel.stage("mql")?.entry == "fit >= 60 and interest >= 40")
        let explained = harness.run("explain mql").out
        #expect(recordValue(explained, "proposed")?.hasPrefix("by anna (sales)") == true)
        #expect(recordValue(explained, "approved")?.hasPrefix("by erik") == true)
        #expect(harness.run("approve 3").err.contains("#3 is already approved by erik"))
        harness.run("undo")
        #expect(harness.session.workspace.funnel.stage("mql")?.entry == "fit >= 50 and interest >= 40")
        #expect(harness.session.workspace.proposals.last?.status == .open)
    }

    @Test("the measured effect agrees with counting the leads the rule would drop")
    func measured() throws {
        let harness = try Harness(path: Harness.demoPath, actor: "anna")
        let out = harness.run("count where stage = mql and fit >= 50 and interest >= 40 and not (fit >= 60 and interest >= 40)").out
        let proposed = harness.run("stage mql entry \"fit >= 60 and interest >= 40\"").out
        let n = out.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(proposed.contains("mql entry: \(n) in mql would no longer pass"))
        let listed = harness.run("proposals").out
        #expect(listed.contains("\(n) in mql would no longer pass") && listed.contains("anna (sales)"))
    }

    @Test("decline ends a proposal with the reason; an approval over a changed agreement is refused")
    func declineAndStale() throws {
        let harness = try Harness(path: Harness.demoPath, actor: "anna")
        harness.run("sla set contact 12h; sla set contact 48h")
        #expect(harness.run("as ioana; decline 3 \"x\"").err.contains("the other team declines it"))
        #expect(harness.run("as erik; decline 3 \"24h is what we promised\"").out == "declined #3: SLA: sales' first contact: within 12 h\n")
        #expect(harness.session.workspace.proposals[2].why == "24h is what we promised")
        #expect(harness.run("approve 4").out.hasPrefix("approved #4"))
        #expect(harness.session.workspace.sla.firstContactHours == 48)
        harness.run("as anna; define SQL \"one\"; define SQL \"two\"; as erik; approve 5")
        #expect(harness.run("approve 6").err.contains("changed since #6 was proposed"))
    }

    @Test("without a team an agreement applies at once; proposals survive a save and reload")
    func noTeamAndPersisted() throws {
        let harness = try Harness(actor: "anna")
        harness.session.workspace.team = []
        #expect(harness.run("stage sql entry \"attempts >= 1\"").out == "sql entry: attempts >= 1\n")
        let folder = NSTemporaryDirectory() + "smk-proposals-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/ws.json"
        try FileManager.default.copyItem(atPath: Harness.smallPath, toPath: path)
        let first = try Harness(path: path, actor: "anna")
        first.run("persona add 'Logistics Lena'; save")
        let second = try Harness(path: path, actor: "erik")
        #expect(second.session.workspace.proposals.count == 1)
        #expect(second.run("approve 1; save").out.hasPrefix("approved #1: persona Logistics Lena"))
        let reread = try Workspace.load(path: path)
        #expect(reread.personas.map(\.name) == ["Logistics Lena"] && reread.proposals.first?.decidedBy == "erik")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        second.run("save")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
    }

    @Test("a proposal change survives the journal's JSON: written and read back, the same change")
    func journalRoundTrip() throws {
        let harness = try Harness(path: Harness.demoPath, actor: "anna")
        harness.run("sla set contact 2h where quadrant = ideal; as erik; approve 3")
        for record in harness.session.done {
            let decoded = try Change(json: record.change.json, funnel: harness.session.workspace.funnel)
            #expect(decoded == record.change)
        }
        #expect(harness.session.done.count == 2)
    }

    @Test("a scenario may try an agreement at once, but scenario apply does not bring it into main unapproved")
    func scenario() throws {
        let harness = try Harness(path: Harness.demoPath, actor: "anna")
        harness.run("scenario new stricter; stage mql entry \"fit >= 70\"")
        #expect(harness.session.scenario == "stricter" && harness.session.workspace.funnel.stage("mql")?.entry == "fit >= 70")
        #expect(harness.run("scenario apply").err.contains("changes an agreement (entry rule of mql)"))
        harness.run("scenario switch main")
        #expect(harness.session.workspace.funnel.stage("mql")?.entry == "fit >= 50 and interest >= 40")
    }
}

/// Scoring proposals carry the whole scoring: rules proposed one after another must all
/// be approvable, and two proposals changing one weight differently must not both pass.
@Suite("scoring proposals approved one after another")
struct ScoringProposalRebaseTests {
    @Test("two fit rules proposed in a row by sales are both in force after marketing approves all")
    func rulesInARow() throws {
        let harness = try Harness(path: Harness.demoPath, actor: "anna")
        let before = harness.session.workspace.scoring.fit.count
        harness.run("score rule add fit \"industry = 'logistics'\" 30; score rule add fit \"country = 'RO'\" 10")
        let approved = harness.run("as erik; approve all")
        #expect(approved.err.isEmpty, "\(approved.err)")
        let rules = harness.session.workspace.scoring.fit.map(\.when)
        #expect(rules.count == before + 2)
        #expect(rules.suffix(2) == ["industry = 'logistics'", "country = 'RO'"])
        // One undo step per approval, the second rule first.
        harness.run("undo")
        #expect(harness.session.workspace.scoring.fit.map(\.when).last == "industry = 'logistics'")
    }

    @Test("a weight changed since a proposal set it otherwise is still refused")
    func weightConflict() throws {
        let harness = try Harness(path: Harness.demoPath, actor: "anna")
        harness.run("score weights fit 1 interest 0; score weights fit 0.7 interest 0.3")
        let numbers = harness.session.workspace.proposals.filter { $0.status == .open && $0.subject == "scoring" }.map(\.number)
        #expect(numbers.count == 2)
        #expect(harness.run("as erik; approve \(numbers[0])").err.isEmpty)
        #expect(harness.run("approve \(numbers[1])").err.contains("changed since #\(numbers[1]) was proposed"))
        #expect(harness.session.workspace.scoring.fitWeight == 1)
    }
}
