import Foundation
import Testing
@testable import SmarketingKit
@testable import SmarketingShell

/// Setting up the team from the shell: who is in it and on which side, journalled,
/// undoable and audited like the other agreements.
@Suite("team")
struct TeamCommandTests {
    @Test("decline names the team change it turns down, as approve does; undo says it too")
    func declineNamesIt() throws {
        let harness = try Harness()
        harness.run("team add lena marketing; team add pia sales")
        #expect(harness.run("as erik; decline 2 \"not yet\"").out == "declined #2: team: add pia to sales\n")
        #expect(harness.run("undo").out.contains("decline #2: team: add pia to sales"))
    }

    @Test("info on an 80-column terminal: a line per side, names broken under themselves, none cut")
    func infoTeamLines() throws {
        let harness = try Harness(path: Harness.demoPath)
        harness.session.workspace.team += ["maximilian_vandersloot", "pia", "konstantinos_papadopoulos"].map { TeamMember(name: $0, role: .marketing) }
        harness.session.terminalWidth = { 80 }
        let text = harness.run("info").out
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 80 } && !text.contains("…"), "\(text)")
        #expect(lines.contains("team           3 in sales, 6 in marketing"), "\(text)")
        #expect(lines.contains("  sales        anna, ioana, somchai"), "\(text)")
        let marketing = try #require(lines.firstIndex { $0.hasPrefix("  marketing    erik, daan, giulia,") })
        #expect(lines[marketing] == "  marketing    erik, daan, giulia, maximilian_vandersloot, pia,", "\(text)")
        #expect(lines[marketing + 1] == String(repeating: " ", count: 15) + "konstantinos_papadopoulos", "\(text)")
        // A script or json still gets the one list.
        harness.session.terminalWidth = nil
        #expect(harness.run("info").out.contains("team           anna (sales), ioana (sales), somchai (sales), erik (marketing)"))
    }

    @Test("with people on both sides a team change is a proposal the other team approves; undo takes it back; audited")
    func addRemoveApprove() throws {
        let harness = try Harness()
        #expect(harness.run("team").out.hasPrefix("name  team       owns\n"))
        // anna (sales) and erik (marketing): who is on which side decides who approves,
        // so anna cannot change it alone.
        let proposed = harness.run("team add lena marketing")
        #expect(proposed.out.hasPrefix("proposed #1: team: add lena to marketing (now: lena not in the team); no lead moves"), "\(proposed.out)")
        #expect(harness.session.workspace.role(of: "lena") == nil)
        #expect(harness.run("approve 1").err.contains("#1 is anna's own proposal"))
        #expect(harness.run("as erik; approve 1").outcome.failures == 0)
        #expect(harness.session.workspace.role(of: "lena") == .marketing)
        // lena is in marketing now: sales' stage is closed to her, marketing's open.
        let refused = harness.run("as lena; move L-000005 to sal")
        #expect(refused.err.contains("sal is owned by sales; lena is in marketing"), "\(refused.err)")
        #expect(harness.run("move L-000005 to subscriber; undo").outcome.failures == 0)
        harness.run("as anna")
        #expect(harness.run("audit limit 3").out.contains("team add lena marketing"))
        #expect(harness.run("team remove lena").out.hasPrefix("proposed #2: team: remove lena (now: lena in marketing); lena owns no leads"))
        #expect(harness.session.workspace.role(of: "lena") == .marketing, "still there until approved")
        #expect(harness.run("as erik; approve 2").outcome.failures == 0)
        #expect(harness.session.workspace.role(of: "lena") == nil)
        harness.run("undo")
        #expect(harness.session.workspace.role(of: "lena") == .marketing)
        // Not oneself: the session would act as someone the workspace no longer knows.
        #expect(harness.run("as lena; team remove lena").err.contains("lena is who you act as; someone else in the team runs team remove lena"))
        #expect(harness.session.workspace.proposals.count == 2)
        #expect(harness.run("as erik; team remove lena").out.hasPrefix("proposed #3"), "marketing proposes too; sales approves")
    }

    @Test("with one side or none, team changes apply at once: that is how a team is set up")
    func setUp() throws {
        let harness = try Harness()
        harness.run("as erik")
        #expect(harness.run("team add anna marketing").err.contains("anna owns 3 leads in sales' stages"))
        // Take sales out first (a proposal anna approves), then marketing alone sets the team up.
        #expect(harness.run("team remove anna").out.hasPrefix("proposed #1: team: remove anna (now: anna in sales); anna owns 3 leads (sal 1, customer 1, lost 1), kept as their owner until assigned to someone else"))
        #expect(harness.run("as anna; approve 1").outcome.failures == 0)
        #expect(harness.session.workspace.team.map(\.name) == ["erik"])
        #expect(harness.run("as erik; team add lena marketing").out == "added lena to marketing\n")
        #expect(harness.run("team add daan sales").out == "added daan to sales\n")
        #expect(harness.session.workspace.role(of: "daan") == .sales)
        #expect(harness.run("team add lena sales").out.hasPrefix("proposed #2: team: move lena from marketing to sales (now: lena in marketing); lena owns no leads"),
                "both sides again: a proposal")
        #expect(harness.session.workspace.role(of: "lena") == .marketing)
        #expect(harness.run("team add erik support").err.contains("expected sales or marketing"))
        #expect(harness.run("team add erik marketing").out == "erik is already in marketing\n")
    }

    @Test("team add compares names as logins are: Anna is not added beside anna, the slip is named")
    func caseOfNames() throws {
        let harness = try Harness()
        let out = harness.run("team add Anna sales")
        #expect(out.err.contains("anna is already in sales; logins match exactly, so Anna would be someone else — did you mean anna?"), "\(out.err)")
        #expect(harness.session.workspace.proposals.isEmpty)
        #expect(harness.run("team add ERIK sales").err.contains("erik is already in marketing"))
    }

    @Test("a team proposal says how many leads the person leaving owns, per stage, and you cannot remove yourself")
    func removalEffect() throws {
        let harness = try Harness(path: Harness.demoPath, actor: "anna")
        let owned = harness.run("count where owner = ioana").out
        #expect(owned.contains("66"), "\(owned)")
        let out = harness.run("team remove ioana").out
        #expect(out.hasPrefix("proposed #3: team: remove ioana (now: ioana in sales); ioana owns 66 leads (sal 11, sql 13, opportunity 12, "
                              + "customer 9, nurture 4, lost 17), kept as their owner until assigned to someone else"), "\(out)")
        #expect(harness.run("team remove anna").err.contains("anna is who you act as"))
        #expect(harness.session.workspace.role(of: "anna") == .sales)
    }

    @Test("a team change is journalled as such and read back the same")
    func journalled() throws {
        let change = Change.setTeam([TeamMember(name: "lena", role: .marketing, extra: JSONObject([JSONMember("fullName", .string("Lena L"))]))])
        let read = try Change(json: change.json, funnel: .standard)
        #expect(read == change)
        let path = try Harness.smallCopy("team")
        let harness = try ReplayTests.open(path, as: "anna")
        harness.run("team add lena marketing; as erik; approve 1")
        let journal = try String(contentsOfFile: path + ".smk-journal", encoding: .utf8)
        #expect(journal.contains("\"op\": \"setTeam\"") && journal.contains("\"lena\""), "\(journal)")
        harness.run("save")
        harness.session.workspaceGuard?.release(harness.session)
        #expect(try Workspace.load(path: path).role(of: "lena") == .marketing, "saved with the file")
    }
}
