/// Pieces of text laid out greedily on lines: a piece joins the current line after a
/// space when it fits in the room, else starts the next line. Help's usage lines and its
/// long examples break their own units (alternatives, commands) this way.
struct LineFill {
    /// The lines finished so far (not the one being filled).
    private(set) var lines: [String] = []
    /// The line being filled.
    private(set) var line = ""

    mutating func add(_ piece: String, room: Int) {
        if line.isEmpty {
            line = piece
        } else if DisplayWidth.of(line) + 1 + DisplayWidth.of(piece) <= room {
            line += " " + piece
        } else {
            lines.append(line)
            line = piece
        }
    }

    /// Every line, the one being filled last.
    var all: [String] { lines + [line] }
}
