import Foundation
import Testing
@testable import SmarketingKit

@Suite("Large groups of added leads (an import)")
struct BulkChangeTests {
    func leads(_ range: Range<Int>) -> [Lead] {
        range.map { Lead(id: "B-\($0)", name: "Lead \($0)", stage: $0 % 3 == 0 ? "mql" : "lead", fields: JSONObject([JSONMember("n", .number($0))])) }
    }

    @Test("appending in one pass, its undo and its redo give what one by one would", arguments: [0, 3])
    func appendRun(existing: Int) throws {
        var workspace = Workspace(name: "bulk", leads: try LeadStore(leads(0..<existing)))
        let original = workspace
        let added = leads(1000..<1200)
        let change = Change.group(added.map { .insertLead($0, row: nil) })
        let inverse = try change.apply(to: &workspace)
        var oneByOne = original
        for lead in added { try oneByOne.leads.insert(lead) }
        #expect(workspace.leads.all == oneByOne.leads.all)
        #expect(workspace.leads.row(of: "B-1199") == existing + 199)
        let redo = try inverse.apply(to: &workspace)
        #expect(workspace == original)
        #expect(workspace.leads.row(of: "B-1000") == nil)
        _ = try redo.apply(to: &workspace)
        #expect(workspace.leads.all == oneByOne.leads.all)
    }

    @Test("a repeated id anywhere in the run refuses the whole group")
    func duplicate() throws {
        var workspace = Workspace(name: "bulk", leads: try LeadStore(leads(0..<2)))
        let before = workspace
        let change = Change.group((leads(100..<200) + leads(1..<2)).map { .insertLead($0, row: nil) })
        #expect(throws: ChangeError.duplicateLead("B-1")) { try change.apply(to: &workspace) }
        #expect(workspace == before)
    }

    @Test("into an empty workspace (the table built straight from the change), a repeated id refuses the group too")
    func duplicateIntoEmpty() throws {
        var workspace = Workspace(name: "bulk")
        let change = Change.group((leads(100..<200) + leads(150..<151)).map { .insertLead($0, row: nil) })
        #expect(throws: ChangeError.duplicateLead("B-150")) { try change.apply(to: &workspace) }
        #expect(workspace.leads.isEmpty)
        let clean = Change.group(leads(100..<200).map { .insertLead($0, row: nil) })
        _ = try clean.apply(to: &workspace)
        #expect(workspace.leads.row(of: "B-150") == 50 && workspace.leads[id: "B-199"]?.fields["n"] == .number(199))
    }
}
