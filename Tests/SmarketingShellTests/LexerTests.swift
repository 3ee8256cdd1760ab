import Testing
@testable import SmarketingShell

@Suite("Lexer and script splitting")
struct LexerTests {
    @Test("words, strings and symbols keep their spans")
    func tokens() throws {
        let tokens = try Lexer.tokenize(#"move L-1,L-2 to sal note "Göteborg, \"call\"" x>=3 y!=4 lead->customer"#)
        #expect(tokens.map(\.text) == ["move", "L-1", ",", "L-2", "to", "sal", "note", #"Göteborg, "call""#, "x", ">=", "3", "y", "!=", "4", "lead->customer"])
        #expect(tokens[7].kind == .string)
        #expect(tokens[1].range == SourceRange(5, 8))
        #expect(tokens[9].kind == .symbol)
    }

    @Test("an unterminated string is an error at its opening quote")
    func unterminated() {
        #expect(throws: ShellError.unterminatedString(SourceRange(5, 6))) { try Lexer.tokenize(#"note "open"#) }
    }

    @Test("; separates, # comments, \\ continues, quotes protect all three")
    func splitting() {
        let script = """
            info; leads limit 2   # a comment; not a command
            show "L-1;#x" \\
              ; save
            # only a comment
            leads \\
              limit 3
            """
        let commands = ScriptSplitter.split(script, file: "s.smk")
        #expect(commands.map { String($0.text.trimmingWhitespace()) } == ["info", "leads limit 2", "show \"L-1;#x\"", "save", "leads    limit 3"])
        #expect(commands[1].positions[1] == TextPositionInFile(line: 1, column: 7))
        #expect(commands[3].position(at: 1) == TextPositionInFile(line: 3, column: 5))
        let continued = commands[4]
        let limitOffset = Array(continued.text).firstIndex(of: "m").map { $0 - 2 } ?? 0
        #expect(continued.position(at: limitOffset).line == 6)
    }
}
