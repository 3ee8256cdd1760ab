/// Writes an error the way compilers do: where, what, the line, and a caret under the
/// fault. The same text at the prompt and in a script, except that a script names the
/// file (`weekly.smk:12:7: error: …`).
public enum DiagnosticRenderer {
    public static func render(_ error: ShellError, in source: CommandSource?) -> String {
        let message = describe(error)
        guard let source else { return "error: \(message)\n" }
        guard let range = error.range else {
            return "\(location(source, at: 0))error: \(message)\n"
        }
        let start = source.position(at: range.start)
        var text = "\(location(source, at: range.start))error: \(message)\n"
        // Show the physical line the fault is on, with a caret run under the span; a
        // long line is shown as a window around the caret.
        var lineCharacters = physicalLine(of: source, line: start.line)
        var caretStart = max(0, start.column - lineCharacters.firstColumn)
        if lineCharacters.text.count > shownLine {
            let from = max(0, caretStart - 40)
            let window = lineCharacters.text.dropFirst(from).prefix(shownLine)
            lineCharacters.text = (from > 0 ? "…" : "") + window + (from + window.count < lineCharacters.text.count ? "…" : "")
            caretStart = caretStart - from + (from > 0 ? 1 : 0)
        }
        let shown = visibleCharacters(lineCharacters.text)
        text += "  " + shown.map(\.text).joined() + "\n"
        let width = max(1, min(range.end - range.start, max(1, shown.count - caretStart)))
        let pad = shown.prefix(caretStart).map { $0.original == "\t" ? "\t" : String(repeating: " ", count: $0.text.count) }.joined()
        text += "  " + pad + "^" + String(repeating: "~", count: width - 1) + "\n"
        return text
    }

    /// The longest source line shown whole under an error.
    static let shownLine = 160

    /// The error's text with control characters visible and each line cut to a readable
    /// length (an invalid megabyte-long value is named, not repeated).
    static func describe(_ error: ShellError) -> String {
        "\(error)".split(separator: "\n", omittingEmptySubsequences: false)
            .map { TerminalText.visible(TerminalText.clipped(String($0), to: 300)) }.joined(separator: "\n")
    }

    /// Each character of a source line as it is shown (control characters visibly).
    private static func visibleCharacters(_ line: String) -> [(original: Character, text: String)] {
        line.map { ($0, TerminalText.visible(String($0))) }
    }

    /// A warning on one line: `weekly.smk:3:22: warning: …` in a script, `warning: …`
    /// at the prompt.
    public static func renderWarning(_ message: String, at range: SourceRange?, in source: CommandSource?) -> String {
        guard let source else { return "warning: \(TerminalText.visible(message))\n" }
        return "\(location(source, at: range?.start ?? 0))warning: \(TerminalText.visible(message))\n"
    }

    private static func location(_ source: CommandSource, at offset: Int) -> String {
        guard let file = source.file else { return "" }
        let position = source.position(at: offset)
        return "\(file):\(position.line):\(position.column): "
    }

    /// The characters of the command that sit on `line`, and the column of the first.
    private static func physicalLine(of source: CommandSource, line: Int) -> (text: String, firstColumn: Int) {
        var text = ""
        var firstColumn: Int?
        for (offset, character) in source.text.enumerated() where source.positions[offset].line == line {
            if firstColumn == nil { firstColumn = source.positions[offset].column }
            text.append(character)
        }
        return (text, firstColumn ?? 1)
    }
}
