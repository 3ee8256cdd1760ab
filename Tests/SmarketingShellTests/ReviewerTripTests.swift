import Foundation
import Testing
@testable import SmarketingKit
@testable import SmarketingShell

/// Small things a reviewer trips on (issue 13, item 9).
@Suite("Reviewer trips")
struct ReviewerTripTests {
    @Test("an activity type added as an attempt counts where call, email and meeting do, edited or loaded")
    func addedAttempt() throws {
        let harness = try Harness(path: Harness.demoPath)
        func number(_ command: String) -> Int? { Int(harness.run(command).out.trimmingCharacters(in: .whitespacesAndNewlines)) }
        let before = try #require(number("count where attempts >= 1"))
        let lead = try #require(harness.run("format csv; leads where attempts = 0 and stage = sal limit 1 cols id; format table").out
            .split(whereSeparator: \.isNewline).dropFirst().first.map(String.init))
        #expect(harness.run("activity add linkedin-message attempt").out.contains("a sales attempt"))
        #expect(harness.run("log \(lead) linkedin-message").err == "")
        #expect(number("count where attempts >= 1") == before + 1)
        // Loaded again, the same answer comes from the activity columns.
        let file = NSTemporaryDirectory() + "smk-attempt-\(ProcessInfo.processInfo.processIdentifier).json"
        defer { try? FileManager.default.removeItem(atPath: file) }
        #expect(harness.run("save \(file)").err == "")
        let reloaded = try Harness(path: file)
        #expect(Int(reloaded.run("count where attempts >= 1").out.trimmingCharacters(in: .whitespacesAndNewlines)) == before + 1)
        #expect(reloaded.run("leads \(lead) cols attempts").out.contains("1"))
        // A plain added type does not count.
        #expect(reloaded.run("activity add newsletter-reply; log \(lead) newsletter-reply").err == "")
        #expect(Int(reloaded.run("count where attempts >= 1").out.trimmingCharacters(in: .whitespacesAndNewlines)) == before + 1)
    }

    @Test("a mistyped where is pointed out as such, not looked up as a lead id")
    func mistypedWhere() throws {
        let harness = try Harness(path: Harness.demoPath)
        #expect(harness.run("count wher stage = mql").err.contains("did you mean 'where'?"))
        #expect(harness.run("show L-00001").err.contains("no lead 'L-00001' — did you mean 'L-000001'?"))
    }

    @Test("stage alone lists the funnel: stages in order, owners, entry rules, counts")
    func stageList() throws {
        let harness = try Harness(path: Harness.demoPath)
        let result = harness.run("stage")
        #expect(result.err == "")
        let lines = result.out.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("stage") == true && lines.first?.contains("entry") == true)
        let mql = try #require(lines.first { $0.hasPrefix("mql ") })
        #expect(mql.contains("marketing") && mql.contains("fit >= 50 and interest >= 40") && mql.hasSuffix("70"))
        let order = lines.compactMap { $0.split(separator: " ").first.map(String.init) }.filter { harness.session.workspace.funnel.stage($0) != nil }
        #expect(order == ["visitor", "subscriber", "lead", "mql", "sal", "sql", "opportunity", "customer", "nurture", "lost"])
        #expect(result.out.contains("420 leads"))
    }

    @Test("a long cell wraps at word boundaries in a narrow table, each line within the width")
    func wraps() {
        let table = Table(columns: ["id", "note"], rows: [[.text("L-1"), .text("called twice, asked for the pricing sheet and a reference")],
                                                          [.text("L-2"), .text("short")]])
        let text = TableTextRenderer(width: 30, stageColor: nil).render(table)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 30 }, "\(lines)")
        #expect(!text.contains("…"), "nothing is cut")
        #expect(lines.contains { $0.hasPrefix("L-1") && $0.hasSuffix("called twice, asked for") })
        #expect(lines.contains { $0.hasSuffix("the pricing sheet and a") })
        #expect(lines.contains { $0.hasSuffix("reference") })
        #expect(lines.contains { $0.hasPrefix("L-2") && $0.hasSuffix("short") })
    }

    @Test("wrapping breaks at spaces, and inside a word only when the word is wider than the line")
    func wrapWords() {
        #expect(DisplayWidth.wrap("one two three", to: 7) == ["one two", "three"])
        #expect(DisplayWidth.wrap("Transilvania", to: 5) == ["Trans", "ilvan", "ia"])
        #expect(DisplayWidth.wrap("東京 大阪", to: 4) == ["東京", "大阪"])
        #expect(DisplayWidth.wrap("fits", to: 10) == ["fits"])
    }
}

/// Activity types come from the workspace (issue 13, item 9).
@Suite("Activity types")
struct ActivityTypeTests {
    @Test("activity add linkedin-message lets log record one, is one undo step, and lists it")
    func add() throws {
        let harness = try Harness(path: Harness.demoPath)
        #expect(harness.run("log L-000001 linkedin-message").err.contains("activity add TYPE adds one"))
        let added = harness.run("activity add linkedin-message; log L-000001 linkedin-message \"asked to connect\"")
        #expect(added.err == "")
        #expect(harness.session.workspace.leads[id: "L-000001"]?.activities.last?.type == "linkedin-message")
        #expect(harness.run("activity").out.contains("linkedin-message"))
        #expect(harness.session.workspace.extra["activityTypes"] != nil)
        harness.run("undo; undo")
        #expect(harness.session.workspace.extra["activityTypes"] == nil)
        #expect(harness.run("activity add linkedin-message attempt").out.contains("added activity type linkedin-message, a sales attempt"))
        #expect(harness.run("activity").out.contains("linkedin-message  yes"))
    }
}
