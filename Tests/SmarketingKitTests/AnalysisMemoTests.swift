import Foundation
import Testing
@testable import SmarketingKit

/// Analyses kept per version of the leads answer what a fresh computation answers, and
/// are worked out again when the leads, the rows or the rules change.
@Suite("Analyses kept per version")
struct AnalysisMemoTests {
    @Test("an answer is kept for the same leads and key, and recomputed after a change or for another key")
    func kept() throws {
        var workspace = try Workspace.load(path: Fixtures.demo)
        var computed = 0
        func ask(_ key: Int) -> Int {
            workspace.leads.remembered("test", key: key) { computed += 1; return workspace.leads.count * 10 + key }
        }
        #expect(ask(1) == workspace.leads.count * 10 + 1)
        #expect(ask(1) == workspace.leads.count * 10 + 1)
        #expect(computed == 1)
        _ = ask(2)
        #expect(computed == 2, "another key")
        var lead = workspace.leads[0]
        lead.stage = lead.stage == "lost" ? "lead" : "lost"
        try workspace.leads.replace(lead)
        _ = ask(2)
        #expect(computed == 3, "another version of the leads")
        let copy = workspace
        _ = copy.leads.remembered("test", key: 2) { computed += 1; return 0 }
        #expect(computed == 3, "a copy with the same edits shares the answer")
    }

    @Test("the remembered funnel equals a fresh one, before and after a change")
    func funnel() throws {
        var workspace = try Workspace.load(path: Fixtures.demo)
        let all = Array(0..<workspace.leads.count)
        let first = FunnelAnalysis.remembered(workspace, rows: all, now: Date())
        #expect(first.stages == FunnelAnalysis(workspace, rows: all, now: Date()).stages)
        let some = Array(all.prefix(40))
        #expect(FunnelAnalysis.remembered(workspace, rows: some, now: Date()).stages == FunnelAnalysis(workspace, rows: some, now: Date()).stages)
        try workspace.leads.remove(id: workspace.leads.id(at: 3))
        let after = FunnelAnalysis.remembered(workspace, rows: Array(0..<workspace.leads.count), now: Date())
        #expect(after.stages == FunnelAnalysis(workspace, rows: Array(0..<workspace.leads.count), now: Date()).stages)
        #expect(after.total == first.total - 1)
        #expect(RowSet([0, 0, 2], count: 3) != RowSet([0, 1, 2], count: 3), "repeated rows are not every row")
    }
}
