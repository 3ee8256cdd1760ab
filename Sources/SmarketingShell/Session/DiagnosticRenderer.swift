/// Writes an error the way compilers do: where, what, the line, and a caret under the
/// fault. The same text at the prompt and in a script, except that a script names the
/// file (`weekly.smk:12:7: error: …`).
///
/// `width` is the terminal's when the text goes to one, nil otherwise: on a terminal the
/// message is broken at spaces with a hanging indent, where the terminal itself would cut
/// `co` / `mpared`; the line under it and its caret are left as they are, since breaking
/// them would move the caret off the fault. A script's or a pipe's text is unchanged.
public enum DiagnosticRenderer {
    public static func render(_ error: ShellError, in source: CommandSource?, width: Int? = nil) -> String {
        let message = describe(error)
        guard let source else { return wrapped("error: ", message, width: width) }
        guard let range = error.range else {
            return wrapped("\(location(source, at: 0))error: ", message, width: width)
        }
        let start = source.position(at: range.start)
        var text = wrapped("\(location(source, at: range.start))error: ", message, width: width)
        // Show the physical line the fault is on, with a caret run under the span; a
        // long line is shown as a window around the caret (on a terminal, one as wide as
        // the terminal: a line the terminal broke would leave the caret under another word).
        var lineCharacters = physicalLine(of: source, line: start.line)
        var caretStart = max(0, start.column - lineCharacters.firstColumn)
        let shown = width.map { max(narrowest, min(shownLine, $0 - 4)) } ?? shownLine
        if lineCharacters.text.count > shown {
            let from = max(0, caretStart - min(40, shown / 2))
            let window = lineCharacters.text.dropFirst(from).prefix(shown)
            lineCharacters.text = (from > 0 ? "…" : "") + window + (from + window.count < lineCharacters.text.count ? "…" : "")
            caretStart = caretStart - from + (from > 0 ? 1 : 0)
        }
        let visible = visibleCharacters(lineCharacters.text)
        text += "  " + visible.map(\.text).joined() + "\n"
        let span = max(1, min(range.end - range.start, max(1, visible.count - caretStart)))
        let pad = visible.prefix(caretStart).map { $0.original == "\t" ? "\t" : String(repeating: " ", count: $0.text.count) }.joined()
        text += "  " + pad + "^" + String(repeating: "~", count: span - 1) + "\n"
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
    public static func renderWarning(_ message: String, at range: SourceRange?, in source: CommandSource?, width: Int? = nil) -> String {
        guard let source else { return wrapped("warning: ", TerminalText.visible(message), width: width) }
        return wrapped("\(location(source, at: range?.start ?? 0))warning: ", TerminalText.visible(message), width: width)
    }

    /// The narrowest terminal a message is broken for: below it, words would stand alone.
    static let narrowest = 30

    /// `lead` (the place and `error: `) then `message`, ending in a line break. With a
    /// width, each line of the message is broken at spaces: the first line's further lines
    /// hang under its text (under `error: ` when the place is long), a later line's
    /// (`  usage: …`) two spaces further in than it starts.
    static func wrapped(_ lead: String, _ message: String, width: Int?) -> String {
        let lines = message.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let width, width >= narrowest,
              lines.enumerated().contains(where: { DisplayWidth.of($0.offset == 0 ? lead + $0.element : $0.element) > width })
        else { return lead + message + "\n" }
        let leadWidth = DisplayWidth.of(lead)
        let label = lead.hasSuffix("warning: ") ? "warning: " : "error: "
        let hang = leadWidth <= width / 3 ? leadWidth : DisplayWidth.of(label)
        var text = ""
        for (index, line) in lines.enumerated() {
            let first = index == 0
            let indent = first ? 0 : line.prefix { $0 == " " }.count
            let body = first ? line : String(line.dropFirst(indent))
            let start = first ? lead : String(repeating: " ", count: indent)
            let under = String(repeating: " ", count: first ? hang : indent + 2)
            guard DisplayWidth.of(start + body) > width else { text += start + body + "\n"; continue }
            // The first piece shares its line with `start`, wider than `under` by `extra`:
            // that many stand-in characters glued to the first word take its room, and are
            // cut off again after the break.
            let extra = max(0, DisplayWidth.of(start) - DisplayWidth.of(under))
            guard width - DisplayWidth.of(start) >= narrowest / 2 else {
                text += start + "\n" + DisplayWidth.wrap(body, to: width - DisplayWidth.of(under)).map { under + $0 + "\n" }.joined()
                continue
            }
            let pieces = DisplayWidth.wrap(String(repeating: "x", count: extra) + body, to: width - DisplayWidth.of(under))
            for (number, piece) in pieces.enumerated() {
                text += number == 0 ? start + String(piece.dropFirst(extra)) + "\n" : under + piece + "\n"
            }
        }
        return text
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
