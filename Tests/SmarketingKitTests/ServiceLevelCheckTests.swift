import Foundation
import Testing
@testable import SmarketingKit

/// The SLA measured from histories and activities, on leads whose every date is known.
@Suite("SLA check")
struct ServiceLevelCheckTests {
    static let now = Timestamp.parse("2026-11-24T00:00:00Z")!

    static func at(_ offset: Double, from base: Date = now) -> Date { base.addingTimeInterval(offset) }
    static let hour = 3600.0, day = 86_400.0

    static func lead(_ id: String, stage: String, fit: Double? = nil, history: [(String, Date)], calls: [Date] = []) -> Lead {
        var lead = Lead(id: id, stage: stage)
        lead.fit = fit
        lead.history = history.map { StageChange(at: $0.1, from: nil, to: $0.0) }
        lead.activities = calls.map { Activity(at: $0, type: "call") }
        return lead
    }

    @Test("each promise: kept, missed, or pending inside its deadline")
    func promises() {
        var sla = ServiceLevel()
        sla.mqlsPerMonth = 2
        sla.minFit = 50
        sla.firstContactHours = 24
        sla.attempts = 3
        sla.withinDays = 7
        let salC = Self.at(-10 * Self.day), salD = Self.at(-10 * Self.day), salE = Self.at(-10 * Self.hour), salF = Self.at(-9 * Self.day)
        let leads = [
            Self.lead("A", stage: "mql", fit: 60, history: [("mql", Self.at(-5 * Self.day))]),
            Self.lead("B", stage: "mql", fit: 40, history: [("mql", Self.at(-6 * Self.day))]),
            Self.lead("C", stage: "sal", history: [("sal", salC)],
                      calls: [Self.at(2 * Self.hour, from: salC), Self.at(Self.day, from: salC), Self.at(3 * Self.day, from: salC)]),
            Self.lead("D", stage: "sal", history: [("sal", salD)], calls: [Self.at(30 * Self.hour, from: salD)]),
            Self.lead("E", stage: "sal", history: [("sal", salE)]),
            Self.lead("F", stage: "sql", history: [("sal", salF), ("sql", Self.at(Self.day, from: salF))],
                      calls: [Self.at(Self.hour, from: salF)]),
            Self.lead("G", stage: "sal", history: [("sal", Self.at(-40 * Self.day))]),
        ]
        let check = ServiceLevelCheck(leads: leads, agreement: sla, funnel: .standard, now: Self.now, window: 30 * Self.day) { $0.fit }
        #expect(check.delivered == ["A", "B"] && check.belowFit == ["B"])
        #expect(check.volumeStatus == .kept && check.qualityStatus == .missed)
        #expect(check.firstContact == .init(met: ["C", "F"], missed: ["D"], pending: ["E"]))
        #expect(check.attempts == .init(met: ["C", "F"], missed: ["D"], pending: ["E"]))
        #expect(check.breaches == 3)
        #expect(check.handOffStage == "sal")
    }

    @Test("without an agreement nothing is broken; too few MQLs is")
    func agreements() {
        let leads = [Self.lead("A", stage: "mql", fit: 60, history: [("mql", Self.at(-5 * Self.day))])]
        let none = ServiceLevelCheck(leads: leads, agreement: ServiceLevel(), funnel: .standard, now: Self.now, window: 30 * Self.day) { $0.fit }
        #expect(none.breaches == 0 && none.volumeStatus == .notAgreed)
        var sla = ServiceLevel()
        sla.mqlsPerMonth = 40
        let few = ServiceLevelCheck(leads: leads, agreement: sla, funnel: .standard, now: Self.now, window: 7 * Self.day) { $0.fit }
        #expect(few.expectedMQLs.map { ($0 * 100).rounded() / 100 } == 9.33)
        #expect(few.volumeStatus == .missed && few.breaches == 1)
    }
}
