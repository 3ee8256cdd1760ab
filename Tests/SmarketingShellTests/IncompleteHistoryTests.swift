import Testing
@testable import SmarketingKit
@testable import SmarketingShell

/// Rates from leads whose history does not show how they passed the stages (issue 13,
/// item 5): X Education's 9,237 leads are customer or lost with no history at all.
@Suite("Incomplete histories")
struct IncompleteHistoryTests {
    static let xeducation = RealData.xeducationWorkspace

    @Test("X Education: lead->customer is 38.5% (3,559 of 9,237); the steps between show no history, never 100%")
    func xeducationRates() throws {
        let harness = try Harness(path: Self.xeducation)
        let rates = harness.run("rates")
        #expect(rates.err == "")
        let lines = rates.out.split(separator: "\n").map(String.init)
        let overall = try #require(lines.first { $0.hasPrefix("lead->customer") })
        #expect(overall.contains("9,237") || overall.contains("9237"))
        #expect(overall.contains("3,559") || overall.contains("3559"))
        #expect(overall.contains("38.5%"))
        for step in ["lead->mql", "mql->sal", "sal->sql", "sql->opportunity", "opportunity->customer"] {
            let line = try #require(lines.first { $0.hasPrefix(step + " ") })
            #expect(line.contains("no history"), "\(step): \(line)")
            #expect(!line.contains("100%"), "\(step): \(line)")
        }
        let leadToMQL = try #require(lines.first { $0.hasPrefix("lead->mql ") })
        #expect(leadToMQL.hasSuffix("9,237") || leadToMQL.hasSuffix("9237"), "all 9,237 leads lack the step lead->mql")
        #expect(rates.out.contains("have no stage history"))

        let analysis = FunnelAnalysis(harness.session.workspace, rows: Array(0..<harness.session.workspace.leads.count), now: harness.session.now)
        let outcome = try #require(analysis.outcome(to: "customer"))
        #expect(outcome.reachedFrom == 9237 && outcome.reachedTo == 3559 && outcome.droppedOut == 5678)
        // Imported with only the outcome: the lost have no history, the customers arrived there.
        #expect(analysis.withoutHistory == 5678 && analysis.partlySeen == 3559)
        #expect(analysis.cohorts.allSatisfy { $0.rate == nil })
    }

    @Test("X Education: the funnel shows no history for every step, and counts where leads are")
    func xeducationFunnel() throws {
        let harness = try Harness(path: Self.xeducation)
        let funnel = harness.run("funnel").out
        #expect(!funnel.contains("100%"))
        #expect(funnel.contains("no history"))
        #expect(funnel.contains("have no stage history") && funnel.contains("first seen past lead"))
    }

    @Test("the demo, whose leads all have history, reads as before: no 'no history' column")
    func demoUnchanged() throws {
        let harness = try Harness(path: Harness.demoPath)
        let rates = harness.run("rates").out
        #expect(!rates.contains("no history"))
        #expect(rates.contains("visitor->customer"))
    }
}
