/// Text from a workspace or a CSV made safe to print: the bytes a terminal acts on
/// (escape sequences that set the window title, clear the screen, write the clipboard;
/// BEL, backspace, carriage return; C1 controls; bidirectional overrides that reorder
/// what is shown) are written visibly instead, so data can never drive the terminal.
///
/// ESC becomes `\e`, the others `\u` and four hex digits (`\u0007`, `\u202E`); line feed
/// and tab stay as they are. Text with nothing to show visibly is returned unchanged.
public enum TerminalText {
    public static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            if scalar.value == 0x1B {
                result += "\\e"
            } else if isUnsafe(scalar) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Whether the terminal would act on `scalar` rather than show it.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A: false
        case 0x00...0x1F, 0x7F...0x9F: true
        // Bidirectional embeddings, overrides and isolates (U+202E shows "txt.exe" as "exe.txt").
        case 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// `text` cut to at most `limit` characters, saying how long it was: an error about a
    /// megabyte-long value names it without repeating it.
    public static func clipped(_ text: String, to limit: Int = 200) -> String {
        guard text.count > limit else { return text }
        return String(text.prefix(limit)) + "… (\(text.count) characters)"
    }
}
