import Foundation
import Testing
@testable import SmarketingKit
@testable import SmarketingShell

/// Setting up the team from the shell: who is in it and on which side, journalled,
/// undoable and audited like the other agreements.
@Suite("team")
struct TeamCommandTests {
    @Test("team add and remove change who the role checks know; undo takes them back; each is audited")
    func addRemoveUndo() throws {
        let harness = try Harness()
        #expect(harness.run("team").out.hasPrefix("name  team       owns\n"))
        #expect(harness.run("team add lena marketing").out == "added lena to marketing\n")
        #expect(harness.session.workspace.role(of: "lena") == .marketing)
        // lena is in marketing now: sales's stage is closed to her, marketing's open.
        let refused = harness.run("as lena; move L-000005 to sal")
        #expect(refused.err.contains("sal is owned by sales; lena is in marketing"), "\(refused.err)")
        #expect(harness.run("move L-000005 to subscriber; undo").outcome.failures == 0)
        harness.run("as anna")
        #expect(harness.run("audit limit 1").out.contains("team add lena marketing"))
        #expect(harness.run("team remove lena").out == "removed lena (marketing)\n")
        #expect(harness.session.workspace.role(of: "lena") == nil)
        harness.run("undo")
        #expect(harness.session.workspace.role(of: "lena") == .marketing)
        harness.run("undo")
        #expect(harness.session.workspace.team.map(\.name) == ["anna", "erik"])
        #expect(harness.run("team remove lena").err.contains("lena is not in the team"))
    }

    @Test("moving someone to the other team waits until their leads in their team's stages are handed on")
    func roleChange() throws {
        let harness = try Harness()
        let refused = harness.run("team add anna marketing")
        #expect(refused.err.contains("anna owns 3 leads in sales's stages; hand them to someone else in sales first"), "\(refused.err)")
        #expect(harness.session.workspace.role(of: "anna") == .sales)
        #expect(harness.run("team add erik sales").out == "moved erik from marketing to sales\n")
        #expect(harness.run("team add erik sales").out == "erik is already in sales\n")
        #expect(harness.run("team add erik support").err.contains("expected sales or marketing"))
    }

    @Test("a team change is journalled as such and read back the same")
    func journalled() throws {
        let change = Change.setTeam([TeamMember(name: "lena", role: .marketing, extra: JSONObject([JSONMember("fullName", .string("Lena L"))]))])
        let read = try Change(json: change.json, funnel: .standard)
        #expect(read == change)
        let path = try Harness.smallCopy("team")
        let harness = try ReplayTests.open(path, as: "anna")
        harness.run("team add lena marketing")
        let journal = try String(contentsOfFile: path + ".smk-journal", encoding: .utf8)
        #expect(journal.contains("\"op\": \"setTeam\"") && journal.contains("\"lena\""), "\(journal)")
        harness.run("save")
        harness.session.workspaceGuard?.release(harness.session)
        #expect(try Workspace.load(path: path).role(of: "lena") == .marketing, "saved with the file")
    }
}
