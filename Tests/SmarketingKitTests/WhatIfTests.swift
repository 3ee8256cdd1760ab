import Foundation
import Testing
@testable import SmarketingKit

@Suite("Funnel, rates and what if")
struct WhatIfTests {
    static let ordered = ["visitor", "subscriber", "lead", "mql", "sal", "sql", "opportunity", "customer"]
    static func day(_ n: Double) -> Date { Date(timeIntervalSince1970: 1_790_000_000 + n * 86_400) }

    /// Four leads with known histories (days from a fixed start):
    /// A lead→mql→sal→sql (in sql), B lead→mql→nurture, C lead (in lead), D lead→mql→sal→lost.
    static func fixture() throws -> Workspace {
        func lead(_ id: String, _ stage: String, _ path: [(String?, String, Double)]) -> Lead {
            Lead(id: id, stage: stage, created: day(0), history: path.map { StageChange(at: day($0.2), from: $0.0, to: $0.1, by: "x") })
        }
        let leads = [
            lead("A", "sql", [(nil, "lead", 0), ("lead", "mql", 2), ("mql", "sal", 3), ("sal", "sql", 7)]),
            lead("B", "nurture", [(nil, "lead", 0), ("lead", "mql", 4), ("mql", "nurture", 10)]),
            lead("C", "lead", [(nil, "lead", 0)]),
            lead("D", "lost", [(nil, "lead", 0), ("lead", "mql", 6), ("mql", "sal", 7), ("sal", "lost", 9)]),
        ]
        return Workspace(name: "cohorts", leads: try LeadStore(leads))
    }

    @Test("the worked example: 10,000 at 1,000 a customer and 2% of leads → 10 customers, 500 leads")
    func workedExample() throws {
        let analysis = FunnelAnalysis(try Self.fixture(), rows: [], now: Self.day(30))
        let plan = try WhatIf.backward(target: 10_000, deal: 1_000, rates: [WhatIf.Rate(from: "lead", to: "customer", value: 0.02)],
                                       assumed: [], measured: analysis, stages: Self.ordered)
        #expect(plan.steps.last?.needed == 10)
        #expect(plan.steps.first { $0.stage == "lead" }?.needed == 500)
        #expect(plan.steps.filter { ["mql", "sal", "sql", "opportunity"].contains($0.stage) }.allSatisfy { $0.needed == nil })
    }

    @Test("a multi-stage plan rounds up at every step")
    func multiStage() throws {
        let rates = [("opportunity", "customer", 0.25), ("sql", "opportunity", 0.5), ("sal", "sql", 0.4), ("mql", "sal", 0.7),
                     ("lead", "mql", 0.3), ("subscriber", "lead", 0.9), ("visitor", "subscriber", 0.5)]
            .map { WhatIf.Rate(from: $0.0, to: $0.1, value: $0.2) }
        let analysis = FunnelAnalysis(try Self.fixture(), rows: [], now: Self.day(30))
        let plan = try WhatIf.backward(target: 95_000, deal: 10_000, rates: rates, assumed: [], measured: analysis, stages: Self.ordered)
        // 95,000 / 10,000 = 9.5 → 10 customers; 10/0.25 = 40; 40/0.5 = 80; 80/0.4 = 200;
        // 200/0.7 = 285.7 → 286; 286/0.3 = 953.3 → 954; 954/0.9 = 1060; 1060/0.5 = 2120.
        #expect(plan.steps.map(\.needed) == [2120, 1060, 954, 286, 200, 80, 40, 10])
        #expect(plan.missingRate == nil)
    }

    @Test("a given rate wins over an assumed one, which wins over the measured one")
    func ratePrecedence() throws {
        let workspace = try Self.fixture()
        let analysis = FunnelAnalysis(workspace, rows: Array(0..<4), now: Self.day(30))
        let assumed = [WhatIf.Rate(from: "opportunity", to: "customer", value: 0.5)]
        let plan = try WhatIf.backward(target: 4, deal: 1, rates: [], assumed: assumed, measured: analysis, stages: Self.ordered)
        #expect(plan.steps[6].needed == 8 && plan.steps[6].rateSource == "assumed")
        // sql->opportunity was never measured (nobody reached opportunity): the plan stops there.
        #expect(plan.missingRate?.from == "sql" && plan.missingRate?.to == "opportunity")
        let given = try WhatIf.backward(target: 4, deal: 1, rates: [WhatIf.Rate(from: "opportunity", to: "customer", value: 0.25)],
                                        assumed: assumed, measured: analysis, stages: Self.ordered)
        #expect(given.steps[6].needed == 16 && given.steps[6].rateSource == "given")
    }

    @Test("cohort rates come from the histories, with in-progress and dropped-out apart")
    func cohorts() throws {
        let analysis = FunnelAnalysis(try Self.fixture(), rows: Array(0..<4), now: Self.day(30))
        #expect(analysis.stages.map(\.reached) == [4, 4, 4, 3, 2, 1, 0, 0])
        #expect(analysis.stages.map(\.now) == [0, 0, 1, 0, 0, 1, 0, 0])
        let byStep = Dictionary(uniqueKeysWithValues: analysis.cohorts.map { ("\($0.from)->\($0.to)", $0) })
        let leadToMQL = try #require(byStep["lead->mql"])
        #expect((leadToMQL.reachedFrom, leadToMQL.reachedTo, leadToMQL.inProgress, leadToMQL.droppedOut) == (4, 3, 1, 0))
        let mqlToSAL = try #require(byStep["mql->sal"])
        #expect((mqlToSAL.reachedFrom, mqlToSAL.reachedTo, mqlToSAL.inProgress, mqlToSAL.droppedOut) == (3, 2, 0, 1))
        #expect(mqlToSAL.rate.map { ($0 * 1000).rounded() } == 667)
        let salToSQL = try #require(byStep["sal->sql"])
        #expect((salToSQL.reachedTo, salToSQL.droppedOut) == (1, 1))
        let sqlToOpportunity = try #require(byStep["sql->opportunity"])
        #expect((sqlToOpportunity.reachedFrom, sqlToOpportunity.reachedTo, sqlToOpportunity.inProgress) == (1, 0, 1))
        // Days in lead: A 2, B 4, D 6 (C has not left) → median 4; in mql: A 1, B 6, D 1 → 1.
        #expect(analysis.stages[2].medianDays == 4)
        #expect(analysis.stages[3].medianDays == 1)
        #expect(analysis.stages[4].medianDays == 3)
    }

    @Test("forwards: new customers expected from the pipeline, with and without a changed rate")
    func forwards() throws {
        // Two leads in sal, one in sql, one customer; measured rates from their histories.
        let workspace = try Self.fixture()
        let analysis = FunnelAnalysis(workspace, rows: Array(0..<4), now: Self.day(30))
        // Rates: sql->opportunity 0/1 = 0, so nothing reaches customer with measured rates.
        #expect(WhatIf.expectedCustomers(analysis, overrides: []) == 0)
        // Assume sql->customer 50%: the one lead in sql brings 0.5; the lead in lead brings
        // lead->mql 3/4 × mql->sal 2/3 × sal->sql 1/2 × 0.5 = 0.125.
        let expected = WhatIf.expectedCustomers(analysis, overrides: [WhatIf.Rate(from: "sql", to: "customer", value: 0.5)])
        #expect(abs(expected - 0.625) < 1e-9)
    }
}
