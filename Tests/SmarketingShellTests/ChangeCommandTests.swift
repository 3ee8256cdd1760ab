import Foundation
import Testing
@testable import SmarketingKit
@testable import SmarketingShell

@Suite("Changing leads")
struct ChangeCommandTests {
    @Test("a stage's entry rule refuses a move and names the failing clause; force records why")
    func entryRule() throws {
        let harness = try Harness()
        // With both teams in the workspace the rule is a proposal until marketing approves it.
        #expect(harness.run("stage sql entry \"attempts >= 1 and fit >= 60\"").out.hasPrefix("proposed #1: entry rule of sql"))
        #expect(harness.run("as erik; approve 1; as anna").out == "approved #1: entry rule of sql: attempts >= 1 and fit >= 60\n")
        let refused = harness.run("move L-000001 to sql")
        #expect(refused.err.contains("L-000001 cannot enter sql: attempts >= 1 is false (attempts = 0)"))
        #expect(harness.session.workspace.leads[id: "L-000001"]?.stage == "mql")
        let forced = harness.run("move L-000001 to sql force \"agreed at the review\"")
        #expect(forced.out == "moved 1 lead to sql (forced)\n")
        let entry = try #require(harness.session.workspace.leads[id: "L-000001"]?.history.last)
        #expect(entry.extra["force"] == .string("agreed at the review"))
        #expect(entry.by == "anna")
    }

    @Test("a selection moves the leads that may move and lists the refused ones, failing the command")
    func partialMove() throws {
        let harness = try Harness()
        harness.run("stage sql entry \"fit >= 60\"; as erik; approve 1; as anna")
        let result = harness.run("move where stage in (mql, sal, visitor) to sql", file: "r.smk")
        #expect(result.out == "moved 2 leads to sql\n")
        #expect(result.err == "r.smk:1:1: error: L-000005 cannot enter sql: fit >= 60 is false (fit = none)\n")
        #expect(result.outcome.failures == 1)
        #expect(harness.session.workspace.leads[id: "L-000001"]?.stage == "sql")
        #expect(harness.session.workspace.leads[id: "L-000002"]?.stage == "sql")
    }

    @Test("with a team, the other team's stages are refused; nurture only through recycle")
    func teamChecks() throws {
        let harness = try Harness(actor: "erik")
        #expect(harness.run("move L-000001 to sal").err.contains(
            "L-000001 cannot enter sal: sal is owned by sales; erik is in marketing (the hand-off mql → sal is made by sales)"))
        #expect(harness.run("as anna; move L-000001 to sal").out == "moved 1 lead to sal\n")
        #expect(harness.run("move L-000002 to nurture").err.contains("nurture is entered only through recycle"))
        #expect(harness.run("recycle L-000002 \"no budget until Q2\"").out == "recycled 1 lead to nurture\n")
        let history = try #require(harness.session.workspace.leads[id: "L-000002"]?.history.last)
        #expect(history.note == "no budget until Q2" && history.by == "anna")
        #expect(harness.run("as ghost").err.contains("expected one of the team (anna, erik)"))
        #expect(harness.run("as erik; lose L-000004 \"gone\"").err.contains("lost is entered by sales (as a move into it is); erik is in marketing"))
    }

    @Test("without a team nobody is checked")
    func noTeam() throws {
        let harness = try Harness()
        harness.session.workspace.team = []
        harness.session.actor = "someone"
        #expect(harness.run("move L-000001 to sal").out == "moved 1 lead to sal\n")
        #expect(harness.run("whoami").out == "someone (no team in this workspace)\n")
    }

    @Test("assign, note, log, feedback, tag and set record who and when, and undo exactly")
    func edits() throws {
        let harness = try Harness()
        let original = harness.session.workspace
        #expect(harness.run("assign L-000001,L-000005 to anna").out == "assigned 2 leads to anna\n")
        #expect(harness.run("assign L-000001 to anaa").err.contains("did you mean 'anna'?"))
        #expect(harness.run("note L-000001 \"wants a pilot in Göteborg\"").out == "noted 1 lead\n")
        #expect(harness.run("log L-000001 call \"voicemail\"").out == "logged call for 1 lead\n")
        #expect(harness.run("log L-000001 cal").err.contains("did you mean 'call'?"))
        #expect(harness.run("count where attempts >= 1").out == "2\n")
        #expect(harness.run("feedback L-000001 bad \"too small\"").out == "rated 1 lead bad\n")
        #expect(harness.run("tag L-000001 +pilot -dmu").out == "tagged 1 lead +pilot -dmu\n")
        #expect(harness.run("set L-000001 employees = 220").out == "set employees on 1 lead\n")
        #expect(harness.run("set L-000001 fit = abc").err.contains("unexpected 'abc', expected a number from 0 to 100 for fit") ||
                harness.run("set L-000001 fit = abc").err.contains("expected a number"))
        #expect(harness.run("set L-000001 fit = 140").err.contains("a number from 0 to 100"))
        #expect(harness.run("set L-000001 sorce = x").err.contains("no field 'sorce' — did you mean 'source'?"))
        #expect(harness.run("set L-000001 email = 'Sofia Lindqvist'").err.contains("expected an address such as anna@example.com for email"))
        #expect(harness.run("set L-000001 email = sofia@nordvik").err.contains("an address such as"))
        #expect(harness.run("set L-000001 name = '  '").err.contains("expected some text (or none to clear it) for name"))
        #expect(harness.run("set L-000001 created = 2030-01-01").err.contains("a date no later than now (2026-11-24 12:00) for created"))
        #expect(harness.run("set L-000001 email = s.lindqvist@nordvik.se").out == "set email on 1 lead\n")
        #expect(harness.run("set L-000001 stage = sal").err.contains("stages change with move"))
        harness.run("set L-000001 fields.erp = Odoo")
        let lead = try #require(harness.session.workspace.leads[id: "L-000001"])
        #expect(lead.owner == "anna" && lead.tags == ["pilot"] && lead.employees == 220 && lead.fields["erp"] == .string("Odoo"))
        #expect(lead.activities.suffix(2).map(\.type) == ["note", "call"])
        #expect(lead.activities.last?.by == "anna" && lead.activities.last?.at == harness.session.now)
        #expect(lead.feedback.last?.verdict == .bad && lead.email == "s.lindqvist@nordvik.se")
        #expect(harness.session.done.count == 8)
        harness.run("undo 8")
        #expect(harness.session.workspace == original)
    }

    @Test("add lead gives the next id, created now, with its first history entry")
    func addLead() throws {
        let harness = try Harness()
        harness.run("as erik")
        let result = harness.run("add lead name \"Åsa Öberg\" email asa@obergfrakt.se company \"Öberg Frakt AB\" country SE fit 70 stage mql")
        #expect(result.out == "added L-000006 (Åsa Öberg)\n")
        let lead = try #require(harness.session.workspace.leads[id: "L-000006"])
        #expect(lead.stage == "mql" && lead.fit == 70 && lead.created == harness.session.now)
        #expect(lead.history == [StageChange(at: harness.session.now, from: nil, to: "mql", by: "erik")])
        #expect(harness.run("as anna; add lead name x stage customer").err.contains("cannot enter customer: customer is owned by sales") == false)
        #expect(harness.run("as erik; add lead name x stage customer").err.contains("cannot enter customer: customer is owned by sales; erik is in marketing"))
        #expect(harness.run("add lead name y stage lost").err.contains("lost is entered only through lose"))
        #expect(harness.run("add lead name x email sofia@NORDVIK.se").err.contains("L-000001 has the same email"))
    }

    @Test("changes lists the session's changes; a 300-lead change is one step")
    func changesList() throws {
        var leads: [Lead] = []
        for i in 1...300 { leads.append(Lead(id: "L-\(i)", stage: "lead")) }
        let sink = StringSink()
        let session = Session(workspace: Workspace(name: "big", leads: try LeadStore(leads)), path: nil, actor: "erik", out: sink, err: sink)
        _ = Interpreter(session: session).run("move where stage = lead to mql; changes", bail: true)
        #expect(sink.text.contains("moved 300 leads to mql"))
        #expect(sink.text.contains("erik  move 300 leads to mql    300"))
        _ = Interpreter(session: session).run("undo", bail: true)
        #expect(session.workspace.leads.all.allSatisfy { $0.stage == "lead" })
    }

    @Test("at the prompt, a change to more than 20 leads asks first; in scripts it does not")
    func confirmation() throws {
        var leads: [Lead] = []
        for i in 1...25 { leads.append(Lead(id: "L-\(i)", stage: "lead")) }
        let sink = StringSink()
        let session = Session(workspace: Workspace(name: "big", leads: try LeadStore(leads)), path: nil, actor: "erik", out: sink, err: sink)
        var asked: [String] = []
        session.isInteractive = true
        session.confirm = { asked.append($0); return false }
        _ = Interpreter(session: session).run("move where stage = lead to mql", bail: false)
        #expect(asked == ["move 25 leads to mql? [y/N] "])
        #expect(sink.text.contains("cancelled: nothing changed"))
        #expect(!session.isDirty)
        session.isInteractive = false
        _ = Interpreter(session: session).run("move where stage = lead to mql", bail: false)
        #expect(asked.count == 1)
        #expect(session.isDirty)
    }

    @Test("a read-only session refuses changes and saving over the file")
    func readOnly() throws {
        let harness = try Harness()
        harness.session.readOnlyReason = "anna (pid 1 on h) holds this workspace"
        #expect(harness.run("move L-000001 to sal").err.contains("read-only: anna (pid 1 on h) holds this workspace"))
        #expect(harness.run("save").err.contains("read-only"))
        #expect(harness.run("count").out == "5\n")
    }

    @Test("a lead added into your own team's stage is yours; a sales stage never gets a marketing owner")
    func addOwner() throws {
        let harness = try Harness(path: Harness.demoPath, actor: "ioana")
        #expect(harness.run("add lead name \"Ion Popescu\" stage sal").err.isEmpty)
        let added = try #require(harness.session.workspace.leads.ids.last)
        #expect(harness.session.workspace.leads[id: added]?.owner == "ioana")
        harness.run("as erik")
        #expect(harness.run("add lead name \"Mia\"").err.isEmpty)
        let third = try #require(harness.session.workspace.leads.ids.last)
        #expect(harness.session.workspace.leads[id: third]?.owner == "erik", "lead is marketing's stage, erik is in marketing")
        let refused = harness.run("add lead name \"Ana\" stage sal").err
        #expect(refused.contains("sal") && harness.session.workspace.leads.ids.last == third, "marketing does not put leads into sales' stage: \(refused)")
    }
}
