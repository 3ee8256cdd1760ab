import Foundation
import Testing
@testable import SmarketingShell

/// What a newcomer reading analysis output tripped over: a timer that counted the minutes
/// spent reading in the pager, and a difference that did not add up with the figures shown.
@Suite("Analysis wording")
struct AnalysisWordingTests {
    @Test("timer leaves out the time the output spent in the pager")
    func timerSkipsPager() throws {
        let harness = try Harness()
        harness.session.pager = { _ in
            usleep(400_000)
            return true
        }
        let result = harness.run("timer on; leads")
        let line = try #require(result.err.split(separator: "\n").first { $0.hasPrefix("time: ") })
        let milliseconds = try #require(Double(line.dropFirst("time: ".count).prefix { $0 != " " }))
        #expect(milliseconds < 300, "timer said \(line) for a command paged for 400 ms")
    }

    @Test("scenario diff subtracts the rounded figures it shows, so they add up")
    func differenceOfShownFigures() {
        // 37.46 and 39.94 show as 37.5 and 39.9; their raw difference 2.48 would show as 2.5.
        #expect(ScenarioCommand.shownDifference(from: 37.46, to: 39.94) == 2.4)
        #expect(ScenarioCommand.shownDifference(from: 10, to: 7.25) == -2.7)
    }
}

@Suite("shares as people read them")
struct ShareWordingTests {
    @Test("a share above nothing never reads 0%, one short of all never 100%")
    func tinyShares() throws {
        #expect(Percent.format(4.0 / 9237) == "<0.1%")
        #expect(Percent.format(9236.0 / 9237) == ">99.9%")
        #expect(Percent.format(0) == "0.0%" && Percent.format(1) == "100.0%" && Percent.format(0.4234) == "42.3%")
        // X Education's four Click2call leads of 9,237.
        let text = try Harness(path: RealData.xeducationWorkspace).run("count by source").out
        #expect(text.split(separator: "\n").contains { $0.hasPrefix("Click2call ") && $0.hasSuffix("4  <0.1%") }, "\(text)")
    }

    @Test("every share has one decimal, so 49% never sits beside 19.3%")
    func oneDecimal() throws {
        #expect(Percent.format(0.49) == "49.0%" && Percent.format(0.193) == "19.3%" && Percent.format(0.1) == "10.0%")
        #expect(Percent.format(0.0996) == "10.0%" && Percent.format(-0.25) == "-25.0%" && Percent.format(.nan) == "–")
        // `score check`'s table and its summary line: every share has exactly one decimal.
        let out = try Harness(path: Harness.demoPath).run("score check").out
        let shares = out.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "(" || $0 == ")" || $0 == ";" || $0 == "," })
            .filter { $0.hasSuffix("%") }
        #expect(shares.count > 10, "\(out)")
        for share in shares {
            let digits = share.dropFirst(share.first == "<" || share.first == ">" ? 1 : 0).dropLast()
            #expect(digits.split(separator: ".").last?.count == 1 && digits.contains("."), "'\(share)' in \(out)")
        }
    }
}
