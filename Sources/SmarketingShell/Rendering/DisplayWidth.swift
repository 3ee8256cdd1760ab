/// How many terminal columns text takes, so tables line up with Thai combining marks,
/// wide CJK characters, emoji and accented Latin alike (bytes and characters both lie).
public enum DisplayWidth {
    public static func of(_ text: String) -> Int {
        // ASCII (most cells): one column per printable byte, none for control bytes,
        // which is what the per-character sum below gives, without making characters.
        var width = 0
        var ascii = true
        for byte in text.utf8 {
            if byte >= 0x80 { ascii = false; break }
            if byte >= 0x20 && byte < 0x7F { width += 1 }
        }
        if ascii { return width }
        width = 0
        for character in text {
            width += of(character)
        }
        return width
    }

    /// The columns one grapheme takes: 0, 1 or 2.
    public static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if first.value < 0x7F { return first.value < 0x20 ? 0 : 1 }
        // A Latin letter alone (ö, ș, ł: most non-ASCII cells): no Unicode property
        // lookups. C1 controls and the soft hyphen take no column, the rest one.
        if first.value < 0x300 {
            var rest = scalars.makeIterator()
            _ = rest.next()
            if rest.next() == nil { return first.value < 0xA0 || first.value == 0xAD ? 0 : 1 }
        }
        if scalars.contains(where: { $0.properties.isEmojiPresentation }) { return 2 }
        if scalars.contains(where: { $0.value == 0xFE0F }), first.properties.isEmoji { return 2 }
        // Marks take no column, but a spacing vowel that joins the cluster (Thai ำ in
        // จำกัด) takes its own: the width is the sum over the scalars.
        var width = 0
        for scalar in scalars {
            width += scalarWidth(scalar)
        }
        return width
    }

    private static func scalarWidth(_ scalar: Unicode.Scalar) -> Int {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control:
            return 0
        default:
            break
        }
        if scalar.value == 0x200B { return 0 }
        return isWide(scalar.value) ? 2 : 1
    }

    /// East Asian Wide and Fullwidth ranges (Unicode 15, condensed).
    private static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
             0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD,
             0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// Cuts `text` to at most `width` columns, ending in `…` when it was cut.
    /// Splits `text` into lines of at most `width` columns, breaking at spaces; a word
    /// wider than a whole line is broken inside. A text that fits is one line.
    public static func wrap(_ text: String, to width: Int) -> [String] {
        guard width > 0, of(text) > width else { return [text] }
        var lines: [String] = []
        var current = ""
        var currentWidth = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            var piece = String(word)
            var pieceWidth = of(piece)
            if currentWidth > 0, currentWidth + 1 + pieceWidth <= width {
                current += " " + piece
                currentWidth += 1 + pieceWidth
                continue
            }
            if currentWidth > 0 { lines.append(current) }
            // A word longer than the line: as much as fits on each line.
            while pieceWidth > width {
                var head = "", headWidth = 0
                var rest = Substring(piece)
                while let character = rest.first, headWidth + of(character) <= width {
                    head.append(character)
                    headWidth += of(character)
                    rest = rest.dropFirst()
                }
                if head.isEmpty, let character = rest.first { head.append(character); rest = rest.dropFirst() }
                lines.append(head)
                piece = String(rest)
                pieceWidth = of(piece)
            }
            current = piece
            currentWidth = pieceWidth
        }
        if currentWidth > 0 || lines.isEmpty { lines.append(current) }
        return lines
    }

    public static func truncate(_ text: String, to width: Int) -> String {
        guard of(text) > width else { return text }
        guard width > 1 else { return width == 1 ? "…" : "" }
        var result = ""
        var used = 0
        for character in text {
            let w = of(character)
            if used + w > width - 1 { break }
            result.append(character)
            used += w
        }
        return result + "…"
    }

    /// `text` padded with spaces to `width` columns, on the right or (for numbers) the left.
    public static func pad(_ text: String, to width: Int, right: Bool = false) -> String {
        let missing = max(0, width - of(text))
        let spaces = String(repeating: " ", count: missing)
        return right ? spaces + text : text + spaces
    }
}
