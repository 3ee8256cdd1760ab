import Foundation
import Testing
@testable import SmarketingKit
@testable import SmarketingShell

@Suite("One clock")
struct ClockTests {
    @Test("--now and let now fix age and idle, so a script answers the same any day")
    func fixedClock() throws {
        let harness = try Harness()
        #expect(harness.run("count where idle > 7d").out == "4\n")
        #expect(harness.run("let now = 2026-09-25; count where idle > 7d").out == "2\n")
        #expect(harness.run("let now = 2026-11-24T12:00:00Z; leads L-000005 cols id,age,idle").out.contains("L-000005  3.8d  3.8d"))
        #expect(harness.run("let now = tomorrow").err.contains("let now needs a date"))
    }

    @Test("let keeps numbers, dates, durations, text and command results as variables")
    func variables() throws {
        let harness = try Harness()
        harness.run("let minFit = 64; let since = 2026-09-15; let quiet = 30d; let who = 'anna'")
        #expect(harness.run("count where fit >= $minFit").out == "3\n")
        #expect(harness.run("count where created >= $since").out == "2\n")
        #expect(harness.run("count where idle > $quiet and owner = $who").out == "3\n")
        harness.run("let mqls = count where stage = mql")
        #expect(harness.session.variables["mqls"] == .number(1))
        #expect(harness.run("let x = leads limit 1").err.contains("does not give one number"))
    }
}
