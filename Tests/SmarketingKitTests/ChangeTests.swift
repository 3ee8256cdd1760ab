import Foundation
import Testing
@testable import SmarketingKit

@Suite("Changes and their inverses")
struct ChangeTests {
    @Test("applying a change and then its inverse restores the workspace exactly, for random changes")
    func applyThenUndo() throws {
        let original = try Workspace.load(path: Fixtures.small)
        var generator = SplitMix(seed: 42)
        for _ in 0..<300 {
            var workspace = original
            let change = randomChange(for: workspace, using: &generator)
            let inverse = try change.apply(to: &workspace)
            _ = try inverse.apply(to: &workspace)
            let restored = workspace == original
            let savedSame = WorkspaceCodec.encode(workspace) == WorkspaceCodec.encode(original)
            #expect(restored && savedSame, "undo did not restore the workspace after a \(String(describing: change).prefix(80))")
        }
    }

    @Test("a group that fails part-way changes nothing")
    func groupIsAtomic() throws {
        var workspace = try Workspace.load(path: Fixtures.small)
        let before = workspace
        var moved = workspace.leads[0]
        moved.stage = "sal"
        let change = Change.group([.updateLead(moved), .removeLead(id: "L-404")])
        #expect(throws: ChangeError.noSuchLead("L-404")) { _ = try change.apply(to: &workspace) }
        #expect(workspace == before)
    }

    @Test("inserting a lead with a taken id or an unknown stage is refused")
    func refusals() throws {
        var workspace = try Workspace.load(path: Fixtures.small)
        #expect(throws: ChangeError.duplicateLead("L-000001")) {
            _ = try Change.insertLead(Lead(id: "L-000001", stage: "lead"), row: nil).apply(to: &workspace)
        }
        #expect(throws: ChangeError.noSuchStage("mqll")) {
            _ = try Change.insertLead(Lead(id: "L-9", stage: "mqll"), row: nil).apply(to: &workspace)
        }
    }

    @Test("a group of 300 updates counts its leads and undoes in one step")
    func bigGroup() throws {
        var leads: [Lead] = []
        for i in 0..<300 { leads.append(Lead(id: "L-\(i)", stage: "lead")) }
        var workspace = Workspace(name: "big", leads: try LeadStore(leads))
        let original = workspace
        let change = Change.group(leads.map { lead in
            var moved = lead
            moved.stage = "mql"
            return .updateLead(moved)
        })
        #expect(change.leadCount == 300)
        let inverse = try change.apply(to: &workspace)
        #expect(workspace.leads.all.allSatisfy { $0.stage == "mql" })
        _ = try inverse.apply(to: &workspace)
        #expect(workspace == original)
    }

    private func randomChange(for workspace: Workspace, using g: inout SplitMix) -> Change {
        let ids = workspace.leads.ids
        func one(_ g: inout SplitMix) -> Change {
            switch g.next() % 7 {
            case 0:
                var lead = workspace.leads[id: ids[Int(g.next() % UInt64(ids.count))]]!
                lead.stage = workspace.funnel.ids[Int(g.next() % 10)]
                lead.owner = g.next() % 2 == 0 ? nil : "anna"
                return .updateLead(lead)
            case 1:
                return .removeLead(id: ids[Int(g.next() % UInt64(ids.count))])
            case 2:
                return .insertLead(Lead(id: "NEW-\(g.next())", name: "Åsa Öberg", stage: "lead"), row: Int(g.next() % 6))
            case 3:
                return .setName("renamed \(g.next())")
            case 4:
                var stage = workspace.funnel.stages[Int(g.next() % 10)]
                stage.entry = "fit >= \(g.next() % 100)"
                return .updateStage(stage)
            case 5:
                return .setPersonas([Persona(name: "Logistics Lena", criteria: "industry = 'logistics'")])
            default:
                var sla = workspace.sla
                sla.attempts = Double(g.next() % 5)
                return .setServiceLevel(sla)
            }
        }
        if g.next() % 3 == 0 { return one(&g) }
        // Groups never remove a lead twice: removals use distinct ids.
        var seen = Set<String>()
        var changes: [Change] = []
        for _ in 0..<Int(1 + g.next() % 5) {
            let change = one(&g)
            if case .removeLead(let id) = change, !seen.insert(id).inserted { continue }
            if case .updateLead(let lead) = change, seen.contains(lead.id) { continue }
            changes.append(change)
        }
        return .group(changes)
    }
}

/// A small deterministic random generator, so property tests replay the same cases.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
