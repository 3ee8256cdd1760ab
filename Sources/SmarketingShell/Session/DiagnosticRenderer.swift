/// Writes an error the way compilers do: where, what, the line, and a caret under the
/// fault. The same text at the prompt and in a script, except that a script names the
/// file (`weekly.smk:12:7: error: …`).
public enum DiagnosticRenderer {
    public static func render(_ error: ShellError, in source: CommandSource?) -> String {
        guard let source else { return "error: \(error)\n" }
        guard let range = error.range else {
            return "\(location(source, at: 0))error: \(error)\n"
        }
        let start = source.position(at: range.start)
        var text = "\(location(source, at: range.start))error: \(error)\n"
        // Show the physical line the fault is on, with a caret run under the span.
        let lineCharacters = physicalLine(of: source, line: start.line)
        text += "  " + lineCharacters.text + "\n"
        let caretStart = max(0, start.column - lineCharacters.firstColumn)
        let width = max(1, min(range.end - range.start, max(1, lineCharacters.text.count - caretStart)))
        let pad = String(lineCharacters.text.prefix(caretStart).map { $0 == "\t" ? "\t" : " " })
        text += "  " + pad + "^" + String(repeating: "~", count: width - 1) + "\n"
        return text
    }

    /// A warning on one line: `weekly.smk:3:22: warning: …` in a script, `warning: …`
    /// at the prompt.
    public static func renderWarning(_ message: String, at range: SourceRange?, in source: CommandSource?) -> String {
        guard let source else { return "warning: \(message)\n" }
        return "\(location(source, at: range?.start ?? 0))warning: \(message)\n"
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
