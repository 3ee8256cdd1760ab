import Foundation
import Testing
@testable import SmarketingKit
@testable import SmarketingShell

@Suite("Duplicates and merging")
struct CleanTests {
    @Test("dupes finds the demo's planned near-duplicates, each by what they share")
    func demoDuplicates() throws {
        let leads = try Harness.demo.get().leads
        let groups = Duplicates.groups(in: leads, by: [.email, .name, .phone])
        let pairs = Set(groups.map { $0.rows.map { leads.id(at: $0) }.joined(separator: "+") })
        #expect(pairs == ["L-000006+L-000019", "L-000015+L-000020", "L-000021+L-000099", "L-000025+L-000036"])
        let byEmail = Duplicates.groups(in: leads, by: [.email])
        #expect(byEmail.count == 2, "the Thai address differs only in case, the Romanian name only in diacritics")
        let byName = Duplicates.groups(in: leads, by: [.name])
        #expect(byName.contains { $0.rows.map { leads.id(at: $0) } == ["L-000025", "L-000036"] }, "Åkesson / Åkeson at the same company")
    }

    @Test("dupes and find stop on Ctrl-C with 'interrupted', keep nothing half done, and answer when asked again")
    func interrupted() throws {
        for command in ["dupes", "find nordvik"] {
            let harness = try Harness()
            var polls = 0
            // The interpreter asks once before the command; the command's own poll says stop.
            harness.session.isInterrupted = { polls += 1; return polls > 1 }
            let stopped = harness.run(command)
            #expect(stopped.err.contains("interrupted"), "\(command)")
            #expect(polls > 1, "\(command) polled the interrupt")
            harness.session.isInterrupted = { false }
            let again = harness.run(command)
            #expect(again.err.isEmpty && !again.out.isEmpty, "\(command)")
        }
    }

    @Test("a company's legal form, case and accents do not make it another company")
    func companyKey() {
        #expect(Duplicates.companyKey("Van Dijk B.V.") == Duplicates.companyKey("van dijk BV"))
        #expect(Duplicates.companyKey("Mälarviken Partihandel AB") == Duplicates.companyKey("Malarviken Partihandel"))
        #expect(Duplicates.companyKey("Nordvik AB") != Duplicates.companyKey("Nordlys AB"))
    }

    @Test("merge keeps the target, unions the records, keeps the earlier date, records itself, and undoes exactly")
    func merge() throws {
        let harness = try Harness()
        harness.run("as erik; add lead name \"Sofia Lindqvist\" email SOFIA@nordvik.se phone \"+46 70 123 45 67\" fit 60")
        harness.run("as anna; log L-000006 call \"second address\"; tag L-000006 +pilot")
        let before = harness.session.workspace
        let result = harness.run("merge L-000006 into L-000001")
        #expect(result.out == "merged L-000006 into L-000001\n")
        let merged = try #require(harness.session.workspace.leads[id: "L-000001"])
        #expect(harness.session.workspace.leads[id: "L-000006"] == nil)
        #expect(merged.phone == "+46 70 123 45 67", "a field the target lacked is filled")
        #expect(merged.fit == 72, "the target's own values win")
        #expect(merged.tags == ["dmu", "pilot"])
        #expect(merged.activities.map(\.type) == ["download", "call"])
        #expect(merged.created == Timestamp.parse("2026-10-03T09:12:00Z"))
        #expect(merged.history.last?.note == "merged L-000006 into L-000001")
        #expect(harness.run("merge L-000001 into L-000001").err.contains("cannot be merged into itself"))
        harness.run("undo")
        #expect(harness.session.workspace == before)
    }
}
