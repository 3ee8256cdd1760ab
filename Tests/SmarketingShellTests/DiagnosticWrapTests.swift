import Testing
@testable import SmarketingKit
@testable import SmarketingShell

/// Errors and warnings on an 80-column terminal: broken at spaces with a hanging indent,
/// where the terminal would cut a word in two; unchanged in a script's or a pipe's text.
@Suite("errors and warnings broken at the terminal's width")
struct DiagnosticWrapTests {
    static let longError = "count where stage = mql and fit >= 50 and a hand raised and this is a very long line"

    /// The words of `text`, whatever the spaces and line breaks between them.
    static func words(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
    }

    @Test("a long error fits 80 columns, its further lines under its text, no word cut")
    func errorWrapped() throws {
        let harness = try Harness()
        let plain = harness.run(Self.longError).err
        let message = try #require(plain.split(separator: "\n").first.map(String.init))
        #expect(DisplayWidth.of(message) > 80, "the message is long enough to need a break")
        harness.session.errorWidth = { 80 }
        let wrapped = harness.run(Self.longError).err
        let lines = wrapped.split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 80 }, "\(lines)")
        // The message's lines: all but the source line and its caret.
        let messageLines = Array(lines.dropLast(2))
        #expect(messageLines.count == 2)
        #expect(messageLines.dropFirst().allSatisfy { $0.hasPrefix("       ") && !$0.hasPrefix("        ") })
        #expect(Self.words(messageLines.joined(separator: "\n")) == Self.words(message))
        // The caret still sits under 'hand'.
        let source = lines[lines.count - 2]
        let caret = try #require(lines.last)
        let column = try #require(caret.firstIndex(of: "^")).utf16Offset(in: caret)
        #expect(Array(source)[column...].starts(with: "hand"))
    }

    @Test("without a terminal an error stays one line, as scripts and pipes read it")
    func scriptUnchanged() throws {
        let harness = try Harness()
        let err = harness.run(Self.longError).err
        #expect(err.hasPrefix("error: unexpected 'hand', expected an operator (= != < <= > >= ~ in between is) after a\n"))
    }

    @Test("a source line wider than the terminal is shown as a window around the caret")
    func sourceWindow() throws {
        let harness = try Harness()
        harness.session.errorWidth = { 60 }
        let err = harness.run(Self.longError).err
        let lines = err.split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 60 }, "\(lines)")
        let caret = try #require(lines.last)
        let source = lines[lines.count - 2]
        let column = try #require(caret.firstIndex(of: "^")).utf16Offset(in: caret)
        #expect(Array(source)[column...].starts(with: "hand"))
    }

    @Test("a long warning, and the usage line under an error, break with a hanging indent")
    func warningAndUsage() {
        let warning = DiagnosticRenderer.renderWarning(
            "no lead has fields.campaignxyz (the nearest there are: 'fields.erp', 'fields.fleetSize', 'fields.segment')",
            at: nil, in: nil, width: 60)
        let lines = warning.split(separator: "\n").map(String.init)
        #expect(lines.count > 1)
        #expect(lines[0].hasPrefix("warning: no lead has"))
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("         ") && !$0.hasPrefix("          ") })
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 60 })
        let usage = DiagnosticRenderer.wrapped("error: ", "missing a stage\n  usage: move ID|where EXPR to STAGE [force] [\"reason\"] [as NAME] [when DATE]",
                                               width: 50)
        let usageLines = usage.split(separator: "\n").map(String.init)
        #expect(usageLines.count == 3, "\(usageLines)")
        #expect(usageLines[1].hasPrefix("  usage: move"))
        #expect(usageLines[2].hasPrefix("    ") && !usageLines[2].hasPrefix("     "))
    }
}
