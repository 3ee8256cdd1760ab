import Foundation
import Testing
@testable import SmarketingKit
@testable import SmarketingShell

/// With no SLA agreed there is nothing to keep or break: a count of 0 would let
/// `expect sla breaches = 0` pass without checking anything.
@Suite("SLA not agreed")
struct SlaNotAgreedTests {
    static let why = "no SLA is agreed between the teams"

    @Test("sla breaches, expect and let refuse the count, saying why and how to propose one")
    func countRefused() throws {
        let harness = try Harness()  // the small fixture agrees no SLA
        #expect(!harness.session.workspace.sla.hasPromise)
        let count = harness.run("sla breaches")
        #expect(count.out.isEmpty)
        #expect(count.err.contains(Self.why) && count.err.contains("sla set mqls"), "\(count.err)")
        #expect(count.outcome.failures == 1)
        let expect = harness.run("expect sla breaches = 0 else \"the SLA was broken\"")
        #expect(expect.err.contains(Self.why), "\(expect.err)")
        #expect(expect.outcome.failures == 1)
        #expect(harness.run("sla breaches over 7d").err.contains(Self.why))
        let bound = harness.run("let broken = sla breaches")
        #expect(bound.err.contains(Self.why) && harness.session.variables["broken"] == nil)
    }

    @Test("sla still shows the empty agreement; its JSON has breaches null, not 0")
    func reportSaysSo() throws {
        let harness = try Harness()
        #expect(harness.run("sla").out.contains("no SLA agreed yet, so nothing to keep"))
        let json = harness.run("format json\nsla").out
        #expect(json.contains("\"breaches\": null"), "\(json)")
    }

    @Test("an agreement emptied of its promises counts as none; one promise is enough to count")
    func emptiedAgreement() throws {
        let harness = try Harness()
        harness.session.workspace.team = []  // applied at once; proposals are ProposalTests' subject
        var emptied = ServiceLevel()
        emptied.mqlsPerMonth = 2
        emptied.mqlsPerMonth = nil  // leaves "marketing": {} behind
        #expect(!emptied.isEmpty && !emptied.hasPromise)
        harness.session.workspace.sla = emptied
        #expect(harness.run("sla breaches").err.contains(Self.why))
        #expect(harness.run("sla set attempts 3").err.isEmpty)  // attempts without days: not measured
        #expect(harness.run("sla breaches").err.contains(Self.why))
        #expect(harness.run("sla set mqls 2").err.isEmpty)
        let counted = harness.run("sla breaches")
        #expect(counted.err.isEmpty && Int(counted.out.trimmingCharacters(in: .whitespacesAndNewlines)) != nil, "\(counted)")
    }
}
