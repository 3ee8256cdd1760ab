import Foundation
import Testing
@testable import SmarketingKit

/// The analyses that read ranks and numbers straight from the columns (`funnel`,
/// `rates`, `whatif`, `quadrant`, `sla`) answer exactly what the same analyses answer
/// from the decoded leads, on the demo and on 10,000 generated leads with edited and
/// added ones mixed in, and Ctrl-C still stops them.
@Suite("Analyses from the columns")
struct ColumnAnalysisTests {
    static let now = Timestamp.parse("2026-11-24T00:00:00Z")!

    /// 10,080 leads: the demo's, 24 times over, dates shifted by up to 23 weeks, every
    /// fifth copy first seen one stage later (its first move dropped), every seventh
    /// now in a side stage; written as JSON and loaded back, so the columns are the
    /// decoder's. Then a few edited and added leads, which the columns do not describe.
    static func generated() throws -> Workspace {
        let demo = try Workspace.load(path: Fixtures.demo)
        var leads: [Lead] = []
        for copy in 0..<24 {
            let shift = Double(copy) * 7 * 86_400 - 12 * 7 * 86_400
            for (k, original) in demo.leads.all.enumerated() {
                var lead = original
                lead.id = "\(original.id)-\(copy)"
                lead.created = lead.created?.addingTimeInterval(shift)
                lead.activities = lead.activities.map { var a = $0; a.at = a.at.addingTimeInterval(shift + Double(k % 5) * 3600); return a }
                lead.history = lead.history.map { var h = $0; h.at = h.at.addingTimeInterval(shift + Double(k % 3) * 5400); return h }
                if (k + copy) % 5 == 0, lead.history.count > 1 {
                    lead.history.removeFirst()
                    lead.history[0].from = nil
                }
                if (k + copy) % 7 == 0, let last = lead.history.last {
                    lead.history.append(StageChange(at: last.at.addingTimeInterval(86_400), from: lead.stage, to: "lost"))
                    lead.stage = "lost"
                }
                lead.writtenKeys = []
                leads.append(lead)
            }
        }
        var workspace = demo
        workspace.leads = try LeadStore(leads)
        workspace = try WorkspaceCodec.decode(WorkspaceCodec.encode(workspace), path: "generated.json")
        for row in stride(from: 3, to: workspace.leads.count, by: 997) {
            var lead = workspace.leads[row]
            lead.history.append(StageChange(at: Self.now.addingTimeInterval(-86_400), from: lead.stage, to: "mql"))
            lead.stage = "mql"
            try workspace.leads.replace(lead)
        }
        var added = demo.leads[5]
        added.id = "L-ADDED"
        try workspace.leads.insert(added)
        return workspace
    }

    static func workspaces() throws -> [Workspace] {
        [try Workspace.load(path: Fixtures.demo), try generated()]
    }

    @Test("the funnel from the columns equals the funnel from the decoded leads, for every row set")
    func funnel() throws {
        for workspace in try Self.workspaces() {
            let all = Array(0..<workspace.leads.count)
            for rows in [all, all.filter { $0 % 3 == 1 }, Array(all.prefix(50))] {
                let fast = FunnelAnalysis(workspace, rows: rows, now: Self.now)
                let slow = FunnelAnalysis(decoding: workspace, rows: rows, now: Self.now)
                #expect(fast.stages == slow.stages)
                #expect(fast.cohorts == slow.cohorts)
                #expect(fast.withoutHistory == slow.withoutHistory && fast.partlySeen == slow.partlySeen && fast.total == slow.total)
                let ids = fast.stages.map(\.stage)
                for (i, from) in ids.enumerated() {
                    for to in ids[(i + 1)...] {
                        #expect(fast.rate(from: from, to: to) == slow.rate(from: from, to: to), "\(from)->\(to)")
                        #expect(fast.outcome(to: to) == slow.outcome(to: to), "->\(to)")
                    }
                }
            }
            #expect(workspace.leads.count < 1000 || FunnelAnalysis(workspace, rows: all, now: Self.now).stages.contains { $0.medianDays != nil })
        }
    }

    @Test("the funnel stops when interrupted and keeps nothing")
    func funnelInterrupted() throws {
        let workspace = try Self.generated()
        let all = Array(0..<workspace.leads.count)
        #expect(FunnelAnalysis.measure(workspace, rows: all, now: Self.now, isInterrupted: { true }) == nil)
        var asked = 0
        #expect(FunnelAnalysis.remembered(workspace, rows: all, now: Self.now, isInterrupted: { asked += 1; return asked > 1 }) == nil)
        #expect(asked == 2, "asked again after the first 4,096 leads")
        #expect(FunnelAnalysis.remembered(workspace, rows: all, now: Self.now, isInterrupted: { false }) != nil)
    }

    @Test("a median by selection equals the median of the sorted values")
    func median() {
        var generator = SplitMix(seed: 18)
        for count in [1, 2, 3, 4, 5, 10, 11, 100, 101, 1000, 4097] {
            for distinct in [1, 3, 50, 1_000_000] {
                let values = (0..<count).map { _ in Double(Int.random(in: 0..<distinct, using: &generator)) / 4 }
                let sorted = values.sorted()
                let middle = count / 2
                let expected = count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
                #expect(FunnelAnalysis.median(values) == expected, "\(count) values, \(distinct) distinct")
                #expect(FunnelAnalysis.median(sorted) == expected && FunnelAnalysis.median(sorted.reversed()) == expected)
            }
        }
        #expect(FunnelAnalysis.median([]) == nil)
    }

    @Test("quadrant counts from the columns equal the quadrants of the decoded leads")
    func quadrant() throws {
        for workspace in try Self.workspaces() {
            let environment = QueryEnvironment(workspace: workspace, now: Self.now)
            let rows = Array(0..<workspace.leads.count).filter { $0 % 2 == 0 }
            let counts = try #require(workspace.leads.quadrantCounts(of: rows, in: environment, isInterrupted: { false }))
            var expected: [Quadrant: Int] = [:]
            let fit = try #require(LeadField.named("fit")), interest = try #require(LeadField.named("interest"))
            func number(_ value: QueryValue) -> Double? { if case .number(let x) = value { x } else { nil } }
            for row in rows {
                let lead = workspace.leads[row]
                expected[workspace.quadrant(fit: number(fit.value(of: lead, in: environment)),
                                            interest: number(interest.value(of: lead, in: environment))), default: 0] += 1
            }
            #expect(counts == expected)
            #expect(counts.count == 4, "every cell has leads")
            #expect(workspace.leads.quadrantCounts(of: rows, in: environment, isInterrupted: { true }) == nil)
        }
    }

    @Test("the SLA checked on the candidate leads equals the SLA checked on every touched lead")
    func serviceLevel() throws {
        for workspace in try Self.workspaces() {
            #expect(workspace.sla.firstContactHours != nil && workspace.sla.attempts != nil, "the demo's agreement")
            let conditions = workspace.sla.contactRules.map { try? QueryCompiler.compile($0.condition, in: QueryEnvironment(workspace: workspace, now: Self.now)) }
            let environment = QueryEnvironment(workspace: workspace, now: Self.now)
            let idle = try #require(LeadField.named("idle"))
            for window: Double in [7 * 86_400, 30 * 86_400, 400 * 86_400] {
                let touched = (0..<workspace.leads.count).filter {
                    if case .duration(let seconds) = workspace.leads.value(of: idle, at: $0, in: environment) { return seconds <= window }
                    return false
                }
                let (qualified, handOff) = ServiceLevelCheck.measuredStages(workspace.funnel)
                let candidates = try #require(workspace.leads.serviceLevelCandidates(window: window, entering: [qualified, handOff],
                                                                                     in: environment, isInterrupted: { false }))
                #expect(Set(candidates).isSubset(of: Set(touched)))
                func check(_ rows: [Int]) -> ServiceLevelCheck {
                    ServiceLevelCheck(leads: rows.map { workspace.leads[$0] }, agreement: workspace.sla, funnel: workspace.funnel,
                                      now: Self.now, window: window, attemptTypes: workspace.attemptTypes, fit: { environment.fit(of: $0) },
                                      rule: { lead in conditions.firstIndex { $0?(lead) == true } })
                }
                let fast = check(candidates), slow = check(touched)
                // Judged from the columns, without decoding a lead: the same verdicts.
                let fitField = try #require(LeadField.named("fit"))
                let columnar = ServiceLevelCheck(
                    subjects: workspace.leads.serviceLevelSubjects(of: candidates, attemptTypes: workspace.attemptTypes),
                    agreement: workspace.sla, funnel: workspace.funnel, now: Self.now, window: window,
                    fit: { if case .number(let fit) = workspace.leads.value(of: fitField, at: candidates[$0], in: environment) { fit } else { nil } },
                    rule: { position in conditions.firstIndex { $0?(workspace.leads[candidates[position]]) == true } })
                #expect(columnar.delivered == fast.delivered && columnar.belowFit == fast.belowFit)
                #expect(columnar.firstContact == fast.firstContact && columnar.attempts == fast.attempts)
                #expect(columnar.firstContactByRule == fast.firstContactByRule && columnar.firstContactOthers == fast.firstContactOthers)
                #expect(fast.delivered == slow.delivered && fast.belowFit == slow.belowFit)
                #expect(fast.firstContact == slow.firstContact && fast.attempts == slow.attempts)
                #expect(fast.firstContactByRule == slow.firstContactByRule && fast.firstContactOthers == slow.firstContactOthers)
                #expect(!slow.delivered.isEmpty && slow.firstContact.measured > 0, "the window holds something to measure")
                #expect(window > 30 * 86_400 || candidates.count < touched.count, "fewer leads decoded")
            }
            #expect(workspace.leads.serviceLevelCandidates(window: 86_400, entering: ["mql"], in: environment, isInterrupted: { true }) == nil)
            // Every lead's subject read from the columns is the one read from its `Lead`.
            let all = Array(0..<workspace.leads.count)
            for (row, subject) in zip(all, workspace.leads.serviceLevelSubjects(of: all, attemptTypes: workspace.attemptTypes)) {
                let lead = ServiceLevelCheck.Subject(workspace.leads[row], attemptTypes: workspace.attemptTypes)
                #expect(subject.id == lead.id && subject.stage == lead.stage && subject.attempts == lead.attempts)
                #expect(subject.moves.map(\.to) == lead.moves.map(\.to) && subject.moves.map(\.at) == lead.moves.map(\.at))
            }
        }
    }

    @Test("text searches over a column read as codes select what the per-lead predicate selects")
    func textCodes() throws {
        let workspace = try Self.generated()
        #expect(TextCodes.of(.title, in: workspace.leads.table) != nil, "titles repeat")
        #expect(TextCodes.of(.id, in: workspace.leads.table) == nil, "ids do not")
        let environment = QueryEnvironment(workspace: workspace, now: Self.now)
        var selected = 0
        for query in ["title ~ 'head'", "title ~ 'DIRECTOR'", "title ~ 'ă'", "title ~ 'gesch'", "not title ~ 'head'", "name ~ 'an'",
                      "company ~ 'ab' and title ~ 'o'", "email ~ '.se'", "title ~ 'zzqx'", "score >= 60"] {
            let rows = try QueryCompiler.compileRows(query, in: environment).rows(in: workspace.leads)
            let predicate = try QueryCompiler.compile(query, in: environment)
            #expect(rows == (0..<workspace.leads.count).filter { predicate(workspace.leads[$0]) }, "\(query)")
            selected += rows.count
        }
        #expect(selected > 10_000)
    }
}
