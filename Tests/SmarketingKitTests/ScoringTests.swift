import Foundation
import Testing
@testable import SmarketingKit

/// Fit and interest derived from the scoring rules: arithmetic, decay, and the two
/// paths (one lead, a column over all leads) agreeing.
@Suite("Scoring rules")
struct ScoringTests {
    static let clock = Timestamp.parse("2026-11-24T00:00:00Z")!

    static func lead(_ id: String, industry: String? = nil, employees: Int? = nil, fit: Double? = nil, interest: Double? = nil,
                     activities: [(String, String)] = []) -> Lead {
        var lead = Lead(id: id, stage: "lead")
        lead.industry = industry
        lead.employees = employees
        lead.fit = fit
        lead.interest = interest
        lead.activities = activities.map { Activity(at: Timestamp.parse($0.1)!, type: $0.0) }
        return lead
    }

    static func workspace(_ leads: [Lead], scoring: Scoring) throws -> Workspace {
        var workspace = Workspace(name: "t")
        workspace.leads = try LeadStore(leads)
        workspace.scoring = scoring
        return workspace
    }

    @Test("without rules the stored values stand")
    func storedValues() throws {
        let workspace = try Self.workspace([Self.lead("a", fit: 70, interest: 20)], scoring: Scoring())
        let environment = QueryEnvironment(workspace: workspace, now: Self.clock)
        let lead = workspace.leads[0]
        #expect(environment.fit(of: lead) == 70 && environment.interest(of: lead) == 20)
        #expect(environment.score(of: lead) == 45)
        #expect(environment.quadrant(of: lead) == .nurture)
    }

    @Test("fit is the sum of the rules met, clamped to 0–100; a negative rule subtracts")
    func fitArithmetic() throws {
        var scoring = Scoring()
        scoring.fit = [.init(when: "industry = logistics", points: 60), .init(when: "employees >= 50", points: 60),
                       .init(when: "employees < 5", points: -30)]
        let leads = [Self.lead("both", industry: "logistics", employees: 80, fit: 10),
                     Self.lead("one", industry: "logistics", employees: 10),
                     Self.lead("tiny", industry: "food", employees: 2),
                     Self.lead("none")]
        let workspace = try Self.workspace(leads, scoring: scoring)
        let environment = QueryEnvironment(workspace: workspace, now: Self.clock)
        #expect(leads.map { environment.fit(of: $0) } == [100, 60, 0, 0])
        // Interest has no rules, so the stored interest (none) stands.
        #expect(leads.map { environment.interest(of: $0) } == [nil, nil, nil, nil])
        #expect(environment.score(of: leads[0]) == 50)
    }

    @Test("interest decays by its half-life, to the clock; no half-life never fades; what is after the clock counts nothing")
    func decayArithmetic() throws {
        var scoring = Scoring()
        scoring.interest = [.init(activity: "webinar", points: 40, halflife: 30), .init(activity: "demo", points: 30)]
        let leads = [
            Self.lead("fresh", activities: [("webinar", "2026-11-24T00:00:00Z")]),
            Self.lead("month", activities: [("webinar", "2026-10-25T00:00:00Z")]),          // 30 days: half
            Self.lead("two", activities: [("webinar", "2026-09-25T00:00:00Z")]),            // 60 days: a quarter
            Self.lead("old demo", activities: [("demo", "2025-11-24T00:00:00Z")]),          // never fades
            Self.lead("future", activities: [("webinar", "2026-12-24T00:00:00Z")]),
            Self.lead("capped", activities: [("demo", "2026-11-01T00:00:00Z"), ("demo", "2026-11-02T00:00:00Z"),
                                             ("demo", "2026-11-03T00:00:00Z"), ("demo", "2026-11-04T00:00:00Z")]),
            Self.lead("other", interest: 90, activities: [("visit", "2026-11-23T00:00:00Z")]),
        ]
        let workspace = try Self.workspace(leads, scoring: scoring)
        let environment = QueryEnvironment(workspace: workspace, now: Self.clock)
        #expect(leads.map { environment.interest(of: $0) } == [40, 20, 10, 30, 0, 100, 0])
        let interest = try #require(LeadField.named("interest"))
        #expect((0..<leads.count).map { workspace.leads.value(of: interest, at: $0, in: environment) }
                == [40, 20, 10, 30, 0, 100, 0].map { QueryValue.number($0) })
        // Ten days of a 30-day half-life keep 2^(-1/3) = 0.7937 of the points: 31.7 of 40.
        let later = QueryEnvironment(workspace: workspace, now: Self.clock.addingTimeInterval(10 * 86_400))
        #expect(later.interest(of: leads[0]) == 31.7)
    }

    @Test("a score card lists every rule, whether it held, and the decay applied")
    func card() throws {
        var scoring = Scoring()
        scoring.fit = [.init(when: "industry = logistics", points: 30), .init(when: "employees >= 50", points: 30)]
        scoring.interest = [.init(activity: "webinar", points: 40, halflife: 30)]
        let lead = Self.lead("a", industry: "logistics", employees: 10,
                             activities: [("webinar", "2026-10-25T00:00:00Z"), ("call", "2026-11-20T00:00:00Z")])
        let workspace = try Self.workspace([lead], scoring: scoring)
        let environment = QueryEnvironment(workspace: workspace, now: Self.clock)
        let card = environment.scoreCard(of: lead)
        #expect(card.fitLines.map(\.holds) == [true, false])
        #expect(card.fit == 30 && card.interest == 20 && card.score == 25)
        #expect(card.interestLines.count == 1 && abs(card.interestLines[0].kept - 0.5) < 1e-12)
        #expect(card.uncounted == 1)
        #expect(card.quadrant == .cold)
    }

    @Test("fit rules may not use what the rules compute; a broken rule is reported where the score is used")
    func refusals() throws {
        var scoring = Scoring()
        scoring.fit = [.init(when: "score >= 50", points: 10)]
        let workspace = try Self.workspace([Self.lead("a")], scoring: scoring)
        let environment = QueryEnvironment(workspace: workspace, now: Self.clock)
        #expect(throws: QueryError.self) { try QueryCompiler.checkScoringRule("persona = x", in: environment) }
        do {
            _ = try QueryCompiler.compileRows("fit > 10", in: environment)
            Issue.record("a broken fit rule went unreported")
        } catch {
            #expect(error.description.contains("scoring rule 1 (score >= 50) is broken: a fit rule cannot use score"))
            #expect(error.range == 0..<3)
        }
    }

    @Test("on the demo, the columns and the per-lead path agree, and both equal what the generator stored")
    func demoAgrees() throws {
        let workspace = try Workspace.load(path: Fixtures.demo)
        #expect(workspace.scoring.derivesFit && workspace.scoring.derivesInterest)
        let environment = QueryEnvironment(workspace: workspace, now: Self.clock)
        let fit = try #require(LeadField.named("fit")), interest = try #require(LeadField.named("interest"))
        let score = try #require(LeadField.named("score"))
        let quadrant = try #require(LeadField.named("quadrant")), persona = try #require(LeadField.named("persona"))
        try environment.preparePersonas()
        var checked = 0
        for row in 0..<workspace.leads.count {
            let lead = workspace.leads[row]
            #expect(workspace.leads.value(of: quadrant, at: row, in: environment) == quadrant.value(of: lead, in: environment))
            #expect(workspace.leads.value(of: persona, at: row, in: environment) == persona.value(of: lead, in: environment))
            #expect(workspace.leads.value(of: fit, at: row, in: environment) == .number(lead.fit ?? -1), "\(lead.id) fit")
            #expect(workspace.leads.value(of: interest, at: row, in: environment) == .number(lead.interest ?? -1), "\(lead.id) interest")
            #expect(environment.fit(of: lead) == lead.fit && environment.interest(of: lead) == lead.interest, "\(lead.id)")
            #expect(workspace.leads.value(of: score, at: row, in: environment) == (environment.score(of: lead).map(QueryValue.number) ?? .none))
            checked += 1
        }
        #expect(checked == 420)
    }
}

/// `score check`'s arithmetic against examples worked by hand.
@Suite("Score check")
struct ScoreCheckTests {
    @Test("AUC is the share of converted–not-converted pairs the score orders right")
    func aucByHand() {
        // Converted: 0.9 0.8 0.6 0.55 0.51; not: 0.7 0.54 0.53 0.52 0.505. Pairs ordered
        // right: 5 + 5 + 4 + 4 + 1 = 19 of 25.
        let scores: [(score: Double, converted: Bool)] = [(0.9, true), (0.8, true), (0.7, false), (0.6, true), (0.55, true),
                                                          (0.54, false), (0.53, false), (0.52, false), (0.51, true), (0.505, false)]
        let check = ScoreCheck(scores)
        #expect(check.auc == 0.76)
        #expect(check.leads == 10 && check.converted == 5)
        #expect(check.deciles.map(\.converted) == [1, 1, 0, 1, 1, 0, 0, 0, 1, 0])
        #expect(check.topLift == 2)
    }

    @Test("ties count half; one outcome only has no AUC; a perfect score has 1")
    func edges() {
        #expect(ScoreCheck([(50, true), (50, false)]).auc == 0.5)
        #expect(ScoreCheck([(50, true), (50, false), (70, true), (10, false)]).auc == 0.875)
        #expect(ScoreCheck([(50, true), (60, true)]).auc == nil)
        #expect(ScoreCheck([(90, true), (80, true), (20, false)]).auc == 1)
        #expect(ScoreCheck([]).deciles.isEmpty)
    }

    @Test("deciles split the leads best first, as evenly as the count allows")
    func deciles() {
        let scores = (0..<25).map { (score: Double($0), converted: $0 >= 20) }
        let check = ScoreCheck(scores)
        #expect(check.deciles.map(\.leads) == [3, 2, 3, 2, 3, 2, 3, 2, 3, 2])
        #expect(check.deciles[0].highest == 24 && check.deciles[0].lowest == 22)
        #expect(check.deciles[0].converted == 3 && check.deciles[1].converted == 2)
    }
}

extension ScoreCheckTests {
    @Test("tied scores stay in one decile, so the answer does not depend on file order")
    func ties() {
        let same = ScoreCheck((0..<20).map { (score: 50, converted: $0 % 3 == 0) })
        #expect(same.deciles.map(\.leads) == [20] && same.topLift == 1)
        let scores: [(score: Double, converted: Bool)] = (0..<30).map { (score: $0 < 12 ? 90 : Double($0), converted: $0 < 6) }
        let forward = ScoreCheck(scores), backward = ScoreCheck(scores.reversed())
        #expect(forward.deciles == backward.deciles && forward.topLift == backward.topLift)
        #expect(forward.deciles.first?.leads == 12)
        #expect(forward.tiesMerged && !ScoreCheck((0..<20).map { (Double($0), $0 % 2 == 0) }).tiesMerged)
    }

    @Test("fewer than ten leads make no deciles and no lift, but still an AUC")
    func tooFew() {
        let check = ScoreCheck([(10, false), (90, true), (50, false)])
        #expect(check.deciles.isEmpty && check.topLift == nil && check.auc == 1)
    }
}

@Suite("ASCII contains")
struct ASCIIContainsTests {
    @Test("finds the needle with case ignored; gives up on non-ASCII text", arguments: [
        ("Head of Operations", "head", true), ("IT Director", "director", true), ("Fleet Manager", "head", false),
        ("", "", true), ("ab", "abc", false), ("Direttore Operativo", "director", false), ("Director Logistică", "director", nil),
        ("HEAD", "head", true), ("xhea", "head", false),
    ] as [(String, String, Bool?)])
    func contains(text: String, needle: String, expected: Bool?) {
        var copy = text
        let result = copy.withUTF8 { ColumnScan.asciiContains($0, Array(needle.utf8)) }
        #expect(result == expected)
    }
}

extension ScoringTests {
    @Test("a fit column is kept for the next query, but not when a rule reads the clock")
    func keptColumns() throws {
        var scoring = Scoring()
        scoring.fit = [.init(when: "age > 30d", points: 60)]
        var young = Self.lead("young")
        young.created = Self.clock.addingTimeInterval(-10 * 86_400)
        let workspace = try Self.workspace([young], scoring: scoring)
        let fit = try #require(LeadField.named("fit"))
        let now = QueryEnvironment(workspace: workspace, now: Self.clock)
        let later = QueryEnvironment(workspace: workspace, now: Self.clock.addingTimeInterval(40 * 86_400))
        #expect(workspace.leads.value(of: fit, at: 0, in: now) == .number(0))
        #expect(workspace.leads.value(of: fit, at: 0, in: later) == .number(60))

        var changed = workspace
        changed.scoring.fit = [.init(when: "industry is none", points: 70)]
        #expect(changed.leads.value(of: fit, at: 0, in: QueryEnvironment(workspace: changed, now: Self.clock)) == .number(70))
        // Same table, other rules: the kept column is not reused.
        var third = workspace
        third.scoring.fit = [.init(when: "industry is none", points: 20)]
        #expect(third.leads.value(of: fit, at: 0, in: QueryEnvironment(workspace: third, now: Self.clock)) == .number(20))
    }
}

extension ScoringTests {
    @Test("a query environment is freed when the command ends, with its derived columns")
    func noCycles() throws {
        let workspace = try Workspace.load(path: Fixtures.demo)
        weak var released: QueryEnvironment?
        do {
            let environment = QueryEnvironment(workspace: workspace, now: Self.clock)
            released = environment
            try environment.preparePersonas()
            _ = try QueryCompiler.compileRows("score >= 60 and persona is not none and quadrant = ideal", in: environment)
                .rows(in: workspace.leads)
            #expect(environment.scoreCard(of: workspace.leads[0]).fitLines.count == 5)
        }
        #expect(released == nil)
    }
}
