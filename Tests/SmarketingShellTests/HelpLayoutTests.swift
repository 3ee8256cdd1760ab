import Testing
@testable import SmarketingKit
@testable import SmarketingShell

/// Help read on an 80-column terminal (or any other): prose broken at spaces to the width,
/// examples broken only where a `\` continues them, so they can still be copied.
@Suite("help laid out for the width")
struct HelpLayoutTests {
    /// Lines of `text` that are not an example (examples are indented two spaces under `examples:`).
    static func proseLines(_ text: String) -> [String] {
        var inExamples = false
        var lines: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line == "examples:" || line == "Examples:" { inExamples = true; continue }
            if line.isEmpty { inExamples = false }
            if !inExamples { lines.append(line) }
        }
        return lines
    }

    /// Every line of every help page (examples aside) that is wider than `width`.
    static func tooWide(_ harness: Harness, width: Int) -> [String] {
        var long: [String] = []
        for topic in ["", "where"] + CommandRegistry.all.map { $0.name } {
            for line in proseLines(harness.run("help \(topic)").out) where DisplayWidth.of(line) > width {
                long.append(topic + ": " + line)
            }
        }
        return long
    }

    @Test("every help page fits 80 columns when output is not a terminal, and the terminal's width when it is")
    func everyPageFits() throws {
        let harness = try Harness()
        #expect(Self.tooWide(harness, width: 80) == [])
        harness.session.terminalWidth = { 60 }
        #expect(Self.tooWide(harness, width: 60) == [])
        harness.session.terminalWidth = { 132 }
        #expect(Self.tooWide(harness, width: 132) == [])
        #expect(harness.run("help loop").out.contains("the closed loop per source: MQLs handed over, accepted, rejected (why), good/bad, won"),
                "a wide terminal gets long lines")
    }

    @Test("an example wider than the terminal is broken with a \\ at each line's end and still runs as the same commands")
    func examplesBroken() throws {
        let harness = try Harness()
        for width in [60, 80] {
            harness.session.terminalWidth = { width }
            for command in CommandRegistry.all where !command.examples.isEmpty {
                let page = harness.run("help \(command.name)").out
                let shown = page.components(separatedBy: "\nexamples:\n").last ?? ""
                let lines = shown.split(separator: "\n").map(String.init)
                // Only a word that cannot be broken (a quoted phrase) may stick out.
                #expect(lines.filter { DisplayWidth.of($0) > width && $0.contains(" ") && !$0.contains("\"") }.isEmpty, "\(lines)")
                // Joined back as the prompt and scripts join continued lines, each example
                // gives the same commands, token for token.
                let joined = ScriptSplitter.split(shown).map { try? Lexer.tokenize($0.text).map(\.text) }
                let original = command.examples.flatMap { ScriptSplitter.split($0) }.map { try? Lexer.tokenize($0.text).map(\.text) }
                #expect(joined == original, "\(command.name) at \(width)")
            }
        }
        harness.session.terminalWidth = { 80 }
        let approve = harness.run("help approve").out
        #expect(approve.contains("""
              as anna; define MQL "fit >= 50 and a hand raised"; as erik; approve all; \\
                  explain MQL; undo 2
            """))
    }

    @Test("hand-broken prose is joined and rewrapped; a short line still ends its paragraph")
    func reflow() {
        let text = """
            one two three four five six seven eight nine ten eleven twelve thirteen fourteen
            fifteen.
            A new line on purpose.
            term     a description long enough to be wrapped under its own column when
                     narrow
              kept   as   written
            """
        #expect(HelpText.reflow(text, width: 40) == """
            one two three four five six seven eight
            nine ten eleven twelve thirteen fourteen
            fifteen.
            A new line on purpose.
            term     a description long enough to be
                     wrapped under its own column
                     when narrow
              kept   as   written
            """)
    }

    @Test("a synopsis breaks between alternatives, never inside brackets")
    func synopsis() {
        let lines = HelpText.synopsis("usage: ", "sla [over DURATION] | sla breaches [over DURATION] | sla set contact DURATION|none where EXPR",
                                      width: 60)
        #expect(lines == ["usage: sla [over DURATION] | sla breaches [over DURATION] |",
                          "       sla set contact DURATION|none where EXPR"])
    }
}
