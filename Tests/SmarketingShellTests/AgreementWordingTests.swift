import Foundation
import Testing
@testable import SmarketingKit
@testable import SmarketingShell

/// The words around agreements: help and README name team changes among the proposals,
/// one word (hand-off) means one stage (sal) everywhere, and an empty proposals list
/// says so once.
@Suite("agreement wording")
struct AgreementWordingTests {
    @Test("help proposals and README's agreements name team changes; loop's help calls sal, not mql, the hand-off")
    func docs() throws {
        let harness = try Harness()
        let proposals = harness.run("help proposals").out
        #expect(proposals.contains("the team (team add, team remove)"), "\(proposals)")
        let loop = harness.run("help loop").out.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "  ", with: " ")
        #expect(!loop.contains("hand-off stage, mql"))
        #expect(loop.contains("entered sal, the hand-off"), "\(loop)")
        let readme = try String(contentsOfFile: Harness.repository.appendingPathComponent("README.md").path, encoding: .utf8)
            .replacingOccurrences(of: "\n", with: " ")
        #expect(readme.contains("a persona, or the team itself makes a proposal"))
        #expect(readme.contains("once both sides have people they are proposals too"))
        #expect(!readme.contains("sales's"))
    }

    @Test("proposals with none open says it once, with no empty table; proposals all with none at all too")
    func noneOpen() throws {
        let harness = try Harness()
        #expect(harness.run("proposals").out == "no open proposals\n")
        #expect(harness.run("proposals all").out == "no proposals\n")
        harness.run("team add lena marketing")
        #expect(harness.run("proposals").out.contains("1 open: approve N"))
    }
}
