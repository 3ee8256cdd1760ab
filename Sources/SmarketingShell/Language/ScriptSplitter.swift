/// Cuts a script (or a typed line) into commands: `;` separates, `#` starts a comment,
/// a line ending in `\` continues on the next. Quotes protect all three.
public enum ScriptSplitter {
    /// The commands of `text`, each with the position of every character in the file.
    /// A string left open at the end of a line is reported as part of its command, by
    /// the lexer, with its position.
    public static func split(_ text: String, file: String? = nil, firstLine: Int = 1) -> [CommandSource] {
        var commands: [CommandSource] = []
        var current = ""
        var positions: [TextPositionInFile] = []
        var quote: Character?
        var line = firstLine
        var column = 1
        var inComment = false

        func flush(at end: TextPositionInFile) {
            if !current.trimmingWhitespace().isEmpty {
                commands.append(CommandSource(text: current, file: file, positions: positions + [end]))
            }
            current = ""
            positions = []
        }

        let characters = Array(text)
        var i = 0
        while i < characters.count {
            let c = characters[i]
            let here = TextPositionInFile(line: line, column: column)
            if c == "\n" || c == "\r\n" {
                if inComment { inComment = false }
                if quote == nil, let last = current.last, last == "\\" {
                    current.removeLast()
                    positions.removeLast()
                    current.append(" ")
                    positions.append(here)
                } else {
                    quote = nil
                    flush(at: here)
                }
                line += 1
                column = 1
                i += 1
                continue
            }
            column += 1
            i += 1
            if inComment { continue }
            if let open = quote {
                if c == "\\", i < characters.count, characters[i] == open || characters[i] == "\\" {
                    current.append(c)
                    positions.append(here)
                    current.append(characters[i])
                    positions.append(TextPositionInFile(line: line, column: column))
                    column += 1
                    i += 1
                    continue
                }
                if c == open { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "#" {
                inComment = true
                continue
            } else if c == ";" {
                flush(at: here)
                continue
            }
            current.append(c)
            positions.append(here)
        }
        flush(at: TextPositionInFile(line: line, column: column))
        return commands
    }
}

extension String {
    func trimmingWhitespace() -> Substring {
        var slice = self[...]
        while let first = slice.first, first.isWhitespace { slice = slice.dropFirst() }
        while let last = slice.last, last.isWhitespace { slice = slice.dropLast() }
        return slice
    }
}
