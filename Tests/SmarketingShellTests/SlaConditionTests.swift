import Foundation
import Testing
@testable import SmarketingKit
@testable import SmarketingShell

/// First-contact promises by condition: ideal leads first.
@Suite("SLA by condition")
struct SlaConditionTests {
    @Test("a lead is held to the first condition it meets; the rest to the plain promise; sla reports each")
    func perCondition() throws {
        let harness = try Harness(path: Harness.demoPath, actor: "anna")
        harness.session.workspace.team = []  // applied at once; proposals are ProposalTests' subject
        let plain = try SlaCommand.measure(in: harness.session, window: 90 * 86_400)
        #expect(harness.run("sla set contact 2h where quadrant = ideal").out == "agreed: first contact within 2 h where quadrant = ideal\n")
        #expect(harness.session.workspace.sla.contactRules == [ServiceLevel.ContactRule(condition: "quadrant = ideal", hours: 2)])
        let split = try SlaCommand.measure(in: harness.session, window: 90 * 86_400)
        let ideal = split.firstContactByRule[0], others = split.firstContactOthers
        let idealIDs = Set(ideal.met + ideal.missed + ideal.pending), otherIDs = Set(others.met + others.missed + others.pending)
        // The same leads are measured; each is in exactly one group, by its quadrant.
        #expect(idealIDs.union(otherIDs) == Set(plain.firstContact.met + plain.firstContact.missed + plain.firstContact.pending))
        #expect(idealIDs.isDisjoint(with: otherIDs) && !idealIDs.isEmpty)
        let quadrant = try #require(LeadField.named("quadrant"))
        let environment = harness.session.queryEnvironment()
        for id in idealIDs { #expect(quadrant.value(of: harness.session.workspace.leads[id: id]!, in: environment) == .text("ideal")) }
        for id in otherIDs { #expect(quadrant.value(of: harness.session.workspace.leads[id: id]!, in: environment) != .text("ideal")) }
        // A 2-hour promise is harder to keep than 24 hours: nobody met it who missed the 24-hour one.
        #expect(Set(ideal.met).isSubset(of: Set(plain.firstContact.met)))
        let report = harness.run("sla over 90d").out
        #expect(report.contains("first contact within 2 h of sal where quadrant = ideal"))
        #expect(report.contains("first contact within 24 h of sal (the others)"))
        #expect(harness.run("sla set contact none where quadrant = ideal").err.isEmpty)
        #expect(harness.session.workspace.sla.contactRules.isEmpty)
        #expect(harness.run("sla set contact 2h where quadrnt = ideal").err.contains("did you mean 'quadrant'?"))
    }
}
