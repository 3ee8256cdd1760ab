import Foundation
import Testing
@testable import SmarketingKit
@testable import SmarketingShell

/// Setting up the team from the shell: who is in it and on which side, journalled,
/// undoable and audited like the other agreements.
@Suite("team")
struct TeamCommandTests {
    @Test("with people on both sides a team change is a proposal the other team approves; undo takes it back; audited")
    func addRemoveApprove() throws {
        let harness = try Harness()
        #expect(harness.run("team").out.hasPrefix("name  team       owns\n"))
        // anna (sales) and erik (marketing): who is on which side decides who approves,
        // so anna cannot change it alone.
        let proposed = harness.run("team add lena marketing")
        #expect(proposed.out.hasPrefix("proposed #1: team: lena: lena marketing (now: lena (not in the team))"), "\(proposed.out)")
        #expect(harness.session.workspace.role(of: "lena") == nil)
        #expect(harness.run("approve 1").err.contains("#1 is anna's own proposal"))
        #expect(harness.run("as erik; approve 1").outcome.failures == 0)
        #expect(harness.session.workspace.role(of: "lena") == .marketing)
        // lena is in marketing now: sales's stage is closed to her, marketing's open.
        let refused = harness.run("as lena; move L-000005 to sal")
        #expect(refused.err.contains("sal is owned by sales; lena is in marketing"), "\(refused.err)")
        #expect(harness.run("move L-000005 to subscriber; undo").outcome.failures == 0)
        harness.run("as anna")
        #expect(harness.run("audit limit 3").out.contains("team add lena marketing"))
        #expect(harness.run("team remove lena").out.hasPrefix("proposed #2: team: lena: lena (removed) (now: lena marketing)"))
        #expect(harness.session.workspace.role(of: "lena") == .marketing, "still there until approved")
        #expect(harness.run("as erik; approve 2").outcome.failures == 0)
        #expect(harness.session.workspace.role(of: "lena") == nil)
        harness.run("undo")
        #expect(harness.session.workspace.role(of: "lena") == .marketing)
        #expect(harness.run("as lena; team remove lena").out.hasPrefix("proposed #3"), "lena proposes too; sales approves")
    }

    @Test("with one side or none, team changes apply at once: that is how a team is set up")
    func setUp() throws {
        let harness = try Harness()
        harness.run("as erik")
        #expect(harness.run("team add anna marketing").err.contains("anna owns 3 leads in sales's stages"))
        // Take sales out first (a proposal anna approves), then marketing alone sets the team up.
        #expect(harness.run("team remove anna").out.hasPrefix("proposed #1: team: anna: anna (removed) (now: anna sales)"))
        #expect(harness.run("as anna; approve 1").outcome.failures == 0)
        #expect(harness.session.workspace.team.map(\.name) == ["erik"])
        #expect(harness.run("as erik; team add lena marketing").out == "added lena to marketing\n")
        #expect(harness.run("team add daan sales").out == "added daan to sales\n")
        #expect(harness.session.workspace.role(of: "daan") == .sales)
        #expect(harness.run("team add lena sales").out.hasPrefix("proposed #2: team: lena: lena sales (now: lena marketing)"),
                "both sides again: a proposal")
        #expect(harness.session.workspace.role(of: "lena") == .marketing)
        #expect(harness.run("team add erik support").err.contains("expected sales or marketing"))
        #expect(harness.run("team add erik marketing").out == "erik is already in marketing\n")
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
