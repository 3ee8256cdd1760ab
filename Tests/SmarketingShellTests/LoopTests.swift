import Foundation
import Testing
@testable import SmarketingKit
@testable import SmarketingShell

/// The closed loop: the fields that make feedback and reasons countable, `loop`, `reject`,
/// and one owner at the hand-off.
@Suite("closed loop")
struct LoopTests {
    /// The loop per source, counted straight from the demo file with Foundation's JSON
    /// reader and none of smk's code: the numbers `loop` must agree with.
    static func independentLoop() throws -> [String: [String: Int]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: Harness.demoPath))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let leads = try #require(root["leads"] as? [[String: Any]])
        let handedStages: Set<String> = ["mql", "sal", "sql", "opportunity", "customer"]
        let acceptedStages: Set<String> = ["sal", "sql", "opportunity", "customer"]
        var result: [String: [String: Int]] = [:]
        for lead in leads {
            let stage = lead["stage"] as? String ?? ""
            let history = lead["history"] as? [[String: Any]] ?? []
            let tos = history.compactMap { $0["to"] as? String }
            guard tos.contains(where: handedStages.contains) || handedStages.contains(stage) else { continue }
            let source = lead["source"] as? String ?? "(none)"
            var counts = result[source] ?? [:]
            counts["mqls", default: 0] += 1
            if acceptedStages.contains(stage) || tos.contains(where: acceptedStages.contains) { counts["accepted", default: 0] += 1 }
            if history.contains(where: { $0["via"] as? String == "reject" }) { counts["rejected", default: 0] += 1 }
            let feedback = (lead["feedback"] as? [[String: Any]] ?? []).sorted { ($0["at"] as? String ?? "") < ($1["at"] as? String ?? "") }
            if let verdict = feedback.last?["verdict"] as? String { counts[verdict, default: 0] += 1 }
            if stage == "customer" || tos.contains("customer") { counts["won", default: 0] += 1 }
            result[source] = counts
        }
        return result
    }

    @Test("loop by source agrees with a count made from the file without smk")
    func loopAgrees() throws {
        let expected = try Self.independentLoop()
        let harness = try Harness(path: Harness.demoPath)
        let output = harness.run("format json; loop").out
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]])
        #expect(rows.count == expected.count + 1)
        var total = 0
        for row in rows {
            let source = try #require(row["source"] as? String)
            if source == "all" { continue }
            let counts = try #require(expected[source], "no source \(source) in the file")
            for key in ["mqls", "accepted", "rejected", "good", "bad", "won"] {
                #expect(row[key] as? Int == counts[key] ?? 0, "\(source) \(key)")
            }
            total += counts["mqls"] ?? 0
        }
        #expect(rows.last?["mqls"] as? Int == total)
    }

    @Test("feedback, feedbacks, reason and rejected work in where, by, sort and cols")
    func fields() throws {
        let harness = try Harness(path: Harness.demoPath)
        let bad = harness.run("count where feedback = bad").out
        let expected = try Harness.demo.get().leads.all.filter { $0.latestFeedback?.verdict == .bad }.count
        #expect(bad == "\(expected)\n")
        #expect(harness.run("count where feedback = bad by source").err.isEmpty)
        let lostReasons = harness.run("count where stage = lost by reason").out
        #expect(lostReasons.hasPrefix("reason ") && !lostReasons.contains("(none)"))
        let listed = harness.run("leads where feedbacks > 0 sort feedbacks desc limit 1 cols id,feedback,feedbacks,reason,rejected")
        #expect(listed.err.isEmpty && listed.out.hasPrefix("id  ") && listed.out.contains("rejected"))
    }

    @Test("sales rejects an MQL with a reason; marketing may not; it counts in the loop")
    func reject() throws {
        let harness = try Harness(path: Harness.demoPath, actor: "erik")
        #expect(harness.run("reject L-000003 \"no project\"").err.contains("L-000003 cannot be rejected: mql leads are rejected by sales, who take them over at sal; erik is in marketing, which owns mql: recycle them instead"))
        #expect(harness.run("as anna; reject L-000003 \"no project yet\"").out == "rejected 1 lead to nurture\n")
        let lead = try #require(harness.session.workspace.leads[id: "L-000003"])
        #expect(lead.stage == "nurture" && lead.wasRejected && lead.history.last?.note == "no project yet")
        #expect(harness.run("count where rejected = true and reason = 'no project yet'").out == "1\n")
        #expect(harness.run("loop").out.contains("no project yet (1)"))
        #expect(harness.run("reject where stage = sal and source = 'webinar' \"late\"").err.contains("cannot be rejected: it is in sal, not at a hand-off: only leads in mql are rejected, by sales (who take them over at sal); instead: recycle"))
        #expect(harness.run("as erik; lose L-000014 \"x\"").err.contains("lost is entered by sales"))
        #expect(harness.run("as ioana; lose L-000014 \"not our market\"").out == "lost 1 lead to lost\n")
    }

    @Test("after reject, feedback, recycle and lose, the column answers equal the decoded leads' answers")
    func columnsAfterCommands() throws {
        let harness = try Harness(path: Harness.demoPath, actor: "anna")
        let commands = ["reject L-000003 \"no project yet\"", "feedback L-000002 bad \"too small\"", "feedback L-000002 good \"grew\"",
                        "recycle L-000002 \"no budget until Q2\"", "lose L-000014 \"not our market\"",
                        "as ioana; feedback L-000014 bad \"wrong fit\""]
        for command in commands { #expect(harness.run(command).err.isEmpty, "\(command)") }
        let session = harness.session
        let store = session.workspace.leads
        let environment = session.queryEnvironment()
        for name in ["feedback", "feedbacks", "reason", "rejected"] {
            let field = try #require(LeadField.named(name))
            for row in 0..<store.count {
                #expect(store.value(of: field, at: row, in: environment) == field.value(of: store[row], in: environment), "\(name) row \(row)")
            }
        }
        let loop = ClosedLoop(funnel: session.workspace.funnel, now: session.now)
        let rows = Array(0..<store.count)
        let counted = try #require(loop.tallies(of: rows, in: store))
        #expect(counted.map(\.tally) == rows.compactMap { loop.tally(store[$0]) })
        #expect(harness.run("count where rejected = true and reason = 'no project yet'").out == "1\n")
        #expect(harness.run("leads L-000002 cols feedback,feedbacks,reason").out.contains("good"))
    }

    @Test("a lead accepted into sales gets a sales owner: the mover, the one named, or sales in turn")
    func oneOwner() throws {
        let harness = try Harness(path: Harness.demoPath, actor: "anna")
        #expect(harness.run("assign L-000014 to erik").out == "assigned 1 lead to erik\n")
        harness.run("move L-000014 to sal force \"t\"")
        #expect(harness.session.workspace.leads[id: "L-000014"]?.owner == "anna")
        #expect(harness.run("move L-000015 to sal assign erik").err.contains("sal is sales' stage; erik is in marketing"))
        let open = Ownership.openLeads(in: harness.session.workspace)
        let fewest = ["anna", "ioana", "somchai"].min { (open[$0] ?? 0) < (open[$1] ?? 0) }
        harness.run("move L-000015 to sal assign sales force \"t\"")
        #expect(harness.session.workspace.leads[id: "L-000015"]?.owner == fewest)
        harness.run("move L-000003 to sal assign ioana force \"t\"")
        #expect(harness.session.workspace.leads[id: "L-000003"]?.owner == "ioana")
        harness.run("recycle L-000003 \"later\"")
        #expect(harness.session.workspace.leads[id: "L-000003"]?.owner == "erik")
        #expect(harness.run("count where stage >= sal and owner in ('erik','daan','giulia')").out == "0\n")
    }

    @Test("assign to a team hands the leads out in turn, fewest open leads first")
    func roundRobin() throws {
        let harness = try Harness(path: Harness.demoPath, actor: "anna")
        let open = Ownership.openLeads(in: harness.session.workspace)
        let loads = ["anna", "ioana", "somchai"].map { ($0, open[$0] ?? 0) }.sorted { $0.1 < $1.1 }
        let unassigned = harness.run("count @unassigned").out
        #expect(unassigned == "4\n" && loads[1].1 - loads[0].1 >= 4)
        #expect(harness.run("assign @unassigned to sales").out == "assigned 4 leads to sales in turn\n")
        #expect(harness.run("count @unassigned").out == "0\n")
        #expect(Ownership.openLeads(in: harness.session.workspace)[loads[0].0] == loads[0].1 + 4)
        #expect(harness.run("assign L-000392 to erik").err.contains("sal is sales' stage; erik is in marketing"))
    }
}
