/// Where a command came from: the file (nil at the prompt and for `-c`), and for every
/// character of the command's text, the line and column it was typed at.
///
/// Kept per character because a command may span continuation lines (`\`), and an error
/// must still point at the exact place in the file.
public struct CommandSource: Sendable, Equatable {
    public var text: String
    public var file: String?
    /// The position of each character of `text`, plus one past the end.
    public var positions: [TextPositionInFile]

    public init(text: String, file: String?, positions: [TextPositionInFile]) {
        self.text = text
        self.file = file
        self.positions = positions
    }

    /// A command typed on one line, starting at `column` (1-based).
    public init(line text: String, file: String? = nil, line: Int = 1, column: Int = 1) {
        self.text = text
        self.file = file
        self.positions = (0...text.count).map { TextPositionInFile(line: line, column: column + $0) }
    }

    public func position(at offset: Int) -> TextPositionInFile {
        positions[min(max(offset, 0), positions.count - 1)]
    }
}

/// A line and column (both from 1) in a script or at the prompt.
public struct TextPositionInFile: Sendable, Hashable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

/// A span of characters in a command's text: `start ..< end`, in characters.
public struct SourceRange: Sendable, Hashable {
    public var start: Int
    public var end: Int

    public init(_ start: Int, _ end: Int) {
        self.start = start
        self.end = max(end, start)
    }
}
