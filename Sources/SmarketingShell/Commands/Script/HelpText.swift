/// Help text laid out for the reader's width. Commands write their details as prose
/// broken by hand at about 84 columns; on an 80-column terminal each such line wrapped
/// again, leaving a word alone on every other line. Here prose is joined back into
/// paragraphs and broken at spaces to the width, definition lists (`as PRESET   read…`)
/// keep their description column, and other indented lines (examples) are kept whole:
/// an example broken in two could not be copied and run.
enum HelpText {
    /// A prose line at least this long was broken by hand to fit the page; a shorter one
    /// ends its paragraph on purpose (a new sentence on its own line stays there).
    static let handWrapped = 60

    /// The narrowest a wrapped column gets: below this, words stand alone on each line.
    static let narrowest = 20

    /// `text` (lines of prose, definitions, indented blocks and blank lines) reflowed to `width`.
    static func reflow(_ text: String, width: Int) -> String {
        var lines: [String] = []
        var prose: String?
        var lastProseWidth = 0
        var definition: (term: String, column: Int, text: String)?

        func flush() {
            if let paragraph = prose { lines += DisplayWidth.wrap(paragraph, to: width) }
            if let item = definition { lines += hanging(item.term, item.text, column: item.column, width: width) }
            prose = nil
            definition = nil
        }

        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let indent = line.prefix { $0 == " " }.count
            if line.allSatisfy({ $0 == " " }) {
                flush()
                lines.append("")
            } else if let item = definition, indent == item.column {
                definition?.text = item.text + " " + line.dropFirst(indent)
            } else if let start = definitionStart(line, after: indent) {
                flush()
                let term = String(line.prefix(start))
                definition = (term, DisplayWidth.of(term), String(line.dropFirst(start)))
            } else if indent > 0 {
                flush()
                lines.append(line)
            } else {
                if let paragraph = prose, lastProseWidth >= handWrapped {
                    prose = paragraph + " " + line
                } else {
                    flush()
                    prose = line
                }
                lastProseWidth = DisplayWidth.of(line)
            }
        }
        flush()
        return lines.joined(separator: "\n")
    }

    /// `lead` (a name padded to `column`) then `text` wrapped beside it, its further lines
    /// indented to `column`: `  dupes  group likely duplicates: same email, near-same`
    /// `         name at one company, same phone`.
    static func hanging(_ lead: String, _ text: String, column: Int, width: Int) -> [String] {
        let room = max(narrowest, width - column)
        let pieces = DisplayWidth.wrap(text, to: room)
        let padded = DisplayWidth.pad(lead, to: column)
        return pieces.enumerated().map { index, piece in
            (index == 0 ? padded : String(repeating: " ", count: column)) + piece
        }
    }

    /// A synopsis broken only between its top-level parts (never inside `[…]`, `(…)` or
    /// quotes), its further lines under the first part: `usage: import FILE [as …]`.
    static func synopsis(_ lead: String, _ usage: String, width: Int) -> [String] {
        let column = DisplayWidth.of(lead)
        let room = max(narrowest, width - column)
        guard DisplayWidth.of(usage) > room else { return [lead + usage] }
        var parts: [String] = []
        var current = ""
        var depth = 0
        var quoted = false
        for character in usage {
            switch character {
            case "\"": quoted.toggle()
            case "[", "(" where !quoted: depth += 1
            case "]", ")" where !quoted: depth = max(0, depth - 1)
            default: break
            }
            if character == " ", depth == 0, !quoted {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current)
        // The alternatives (`score rules |`) are the units; one too wide for a line of its
        // own is laid out part by part.
        var alternatives: [[String]] = [[]]
        for part in parts where !part.isEmpty {
            alternatives[alternatives.count - 1].append(part)
            if part == "|" { alternatives.append([]) }
        }
        var fill = LineFill()
        for alternative in alternatives where !alternative.isEmpty {
            let whole = alternative.joined(separator: " ")
            if DisplayWidth.of(whole) <= room {
                fill.add(whole, room: room)
            } else {
                for part in alternative { fill.add(part, room: room) }
            }
        }
        // A part wider than the room on its own is broken at its spaces after all.
        let fitted = fill.all.flatMap { DisplayWidth.wrap($0, to: room) }
        return fitted.enumerated().map { index, piece in (index == 0 ? lead : String(repeating: " ", count: column)) + piece }
    }

    /// Where a definition's description starts (`as PRESET     read a CRM's…` → 14
    /// characters in): after the first run of two or more spaces past the line's
    /// indentation; nil for a line of prose or an example.
    static func definitionStart(_ line: String, after indent: Int = 0) -> Int? {
        let characters = Array(line)
        var index = indent + 1
        while index < characters.count {
            if characters[index] == " ", index + 1 < characters.count, characters[index + 1] == " " {
                var end = index
                while end < characters.count, characters[end] == " " { end += 1 }
                return end < characters.count ? end : nil
            }
            index += 1
        }
        return nil
    }

    /// An example wider than `width` broken so it can still be copied and run: each line
    /// but the last ends in ` \` (the line continues, at the prompt as in a script), the
    /// rest hang four spaces in. It breaks after a `;` where it can, so each line holds
    /// whole commands, and never inside quotes; a command too wide for a line of its own
    /// is broken at its spaces.
    static func example(_ text: String, indent: String = "  ", width: Int) -> [String] {
        let hanging = indent + "    "
        guard DisplayWidth.of(indent + text) > width else { return [indent + text] }
        // Words outside quotes, and after which word a command ends (`;`).
        var words: [String] = []
        var current = ""
        var quote: Character?
        for character in text {
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == " " {
                if !current.isEmpty { words.append(current) }
                current = ""
                continue
            }
            current.append(character)
        }
        if !current.isEmpty { words.append(current) }
        var commands: [[String]] = [[]]
        for word in words {
            commands[commands.count - 1].append(word)
            if word.hasSuffix(";") { commands.append([]) }
        }
        // Every line but the last gives two columns to ` \`.
        var fill = LineFill()
        func room() -> Int { width - DisplayWidth.of(fill.lines.isEmpty ? indent : hanging) - 2 }
        for command in commands where !command.isEmpty {
            let whole = command.joined(separator: " ")
            let fitsAnyLine = DisplayWidth.of(whole) <= width - DisplayWidth.of(hanging) - 2
            if fitsAnyLine || fill.line.isEmpty && DisplayWidth.of(whole) <= room() {
                fill.add(whole, room: room())
            } else {
                for word in command { fill.add(word, room: room()) }
            }
        }
        let lines = fill.all
        return lines.enumerated().map { number, piece in
            (number == 0 ? indent : hanging) + piece + (number == lines.count - 1 ? "" : " \\")
        }
    }
}
