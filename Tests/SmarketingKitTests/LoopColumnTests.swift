import Foundation
import Testing
@testable import SmarketingKit

/// `feedback`, `feedbacks`, `reason`, `rejected` and the loop's tallies are read from
/// columns the streaming decoder fills; each answer must equal the one worked out from
/// the decoded lead, on the demo as loaded and after edits (which the columns do not
/// see: those leads are decoded).
@Suite("Closed-loop fields from the columns")
struct LoopColumnTests {
    static let fieldNames = ["feedback", "feedbacks", "reason", "rejected"]
    static let queries = [
        "feedback = bad", "feedback = good", "feedback is none", "feedback is not none", "feedbacks >= 1", "feedbacks = 0",
        "rejected = true", "rejected = false", "reason is none", "reason ~ 'budget'", "reason = 'edited 1'",
        "stage = nurture and rejected = true", "not (feedback = bad) or reason is not none",
    ]

    static var clock: Date { Date(timeIntervalSince1970: 1_795_478_400) }  // 2026-11-24T00:00:00Z

    /// The demo with verdicts, rejects, recycles and loses added to some leads in memory,
    /// and a new lead inserted: those rows are no longer read from the columns.
    func edited() throws -> Workspace {
        var workspace = try Workspace.load(path: Fixtures.demo)
        let at = Self.clock.addingTimeInterval(-3600)
        for row in stride(from: 3, to: 120, by: 7) {
            var lead = workspace.leads[row]
            lead.feedback.append(Feedback(at: at, by: "anna", verdict: row % 2 == 0 ? .good : .bad, reason: "edited"))
            let route = row % 3
            let to = route == 2 ? "lost" : "nurture"
            let via = route == 0 ? JSONObject([JSONMember(StageChange.viaKey, .string("reject"))]) : JSONObject()
            lead.history.append(StageChange(at: at, from: lead.stage, to: to, by: "anna", note: "edited \(row % 4)", extra: via))
            lead.stage = to
            _ = try workspace.leads.replace(lead)
        }
        var fresh = Lead(id: "NEW-1", stage: "sal")
        fresh.history = [StageChange(at: at, from: "mql", to: "sal", by: "anna")]
        fresh.feedback = [Feedback(at: at, by: "anna", verdict: .good, reason: nil)]
        try workspace.leads.insert(fresh, at: 4)
        return workspace
    }

    func workspaces() throws -> [(name: String, workspace: Workspace)] {
        [("demo", try Workspace.load(path: Fixtures.demo)), ("edited demo", try edited())]
    }

    @Test("the demo loads its verdicts, rejects and reasons into the columns")
    func demoHasTheFacts() throws {
        let workspace = try Workspace.load(path: Fixtures.demo)
        let columns = workspace.leads.table.columns
        #expect(workspace.leads.table.whole.isEmpty)
        #expect(columns.historyReject.contains(true))
        #expect(columns.feedbackLatest.contains(1) && columns.feedbackLatest.contains(2))
        #expect(columns.historyNote.contains { !$0.isNone })
    }

    @Test("every lead's feedback, feedbacks, reason and rejected from the columns equal the decoded lead's")
    func valuesAgree() throws {
        for (name, workspace) in try workspaces() {
            let environment = QueryEnvironment(workspace: workspace, now: Self.clock)
            var seen: Set<QueryValue> = []
            for fieldName in Self.fieldNames {
                let field = try #require(LeadField.named(fieldName))
                for row in 0..<workspace.leads.count {
                    let ours = workspace.leads.value(of: field, at: row, in: environment)
                    #expect(ours == field.value(of: workspace.leads[row], in: environment), "\(name) row \(row) \(fieldName)")
                    seen.insert(ours)
                }
            }
            #expect(seen.contains(.text("bad")) && seen.contains(.bool(true)) && seen.count > 8, "\(name)")
        }
    }

    @Test("where, by and loop over the columns agree with the per-lead answers")
    func queriesGroupsAndLoopAgree() throws {
        for (name, workspace) in try workspaces() {
            let environment = QueryEnvironment(workspace: workspace, now: Self.clock)
            let leads = workspace.leads.all
            for text in Self.queries {
                let query = try QueryCompiler.compileRows(text, in: environment)
                let predicate = try QueryCompiler.compile(text, in: environment)
                #expect(query.rows(in: workspace.leads) == leads.indices.filter { predicate(leads[$0]) }, "\(name): \(text)")
            }
            let rows = Array(leads.indices)
            for fieldName in Self.fieldNames {
                let field = try #require(LeadField.named(fieldName))
                var expected: [QueryValue: [Int]] = [:]
                for row in rows { expected[field.value(of: leads[row], in: environment), default: []].append(row) }
                let groups = workspace.leads.groups(of: rows, by: field, in: environment)
                #expect(Dictionary(uniqueKeysWithValues: groups.map { ($0.key, $0.rows) }) == expected, "\(name) by \(fieldName)")
            }
            for window in [nil, 30.0 * 86400, 7.0 * 86400] {
                let loop = ClosedLoop(funnel: workspace.funnel, now: Self.clock, window: window)
                let ours = try #require(loop.tallies(of: rows, in: workspace.leads))
                let expected = rows.compactMap { row in loop.tally(leads[row]).map { (row, $0) } }
                #expect(ours.map(\.row) == expected.map(\.0), "\(name) over \(String(describing: window))")
                #expect(ours.map(\.tally) == expected.map(\.1), "\(name) over \(String(describing: window))")
                #expect(ours.contains { $0.tally.rejected == 1 && !$0.tally.reasons.isEmpty } || window != nil)
            }
        }
    }

    @Test("escaped notes and reject marks are read as the tree decoder reads them")
    func escapedNotes() throws {
        let text = """
        {"name": "t", "leads": [
        {"id": "A", "stage": "nurture", "history": [{"at": "2026-11-01T00:00:00Z", "from": "mql", "to": "nurture", "note": "no \\"budget\\" \\u00e9", "via": "reject"}]},
        {"id": "B", "stage": "nurture", "history": [{"at": "2026-11-01T00:00:00Z", "from": "mql", "to": "nurture", "note": "x", "via": "rej\\u0065ct"}]},
        {"id": "C", "stage": "lost", "history": [{"at": "2026-11-01T00:00:00Z", "from": "mql", "to": "lost", "via": 3}], "feedback": [{"at": "2026-11-02T00:00:00Z", "verdict": "bad"}, {"at": "2026-11-01T00:00:00Z", "verdict": "good"}]}
        ]}
        """
        let workspace = try WorkspaceCodec.decode(Array(text.utf8), path: nil, defaultName: "t")
        let environment = QueryEnvironment(workspace: workspace, now: Self.clock)
        for fieldName in Self.fieldNames {
            let field = try #require(LeadField.named(fieldName))
            for row in 0..<workspace.leads.count {
                #expect(workspace.leads.value(of: field, at: row, in: environment) == field.value(of: workspace.leads[row], in: environment),
                        "row \(row) \(fieldName)")
            }
        }
        let reason = try #require(LeadField.named("reason"))
        #expect(workspace.leads.value(of: reason, at: 0, in: environment) == .text("no \"budget\" é"))
    }
}
