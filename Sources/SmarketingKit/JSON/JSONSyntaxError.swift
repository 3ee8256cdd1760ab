/// A place in a text file, counted as people count: lines and columns from 1.
public struct TextPosition: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "\(line):\(column)" }
}

/// Why a JSON text could not be read, and where.
public struct JSONSyntaxError: Error, Sendable, Hashable {
    public var position: TextPosition
    /// Byte offset of the fault, for callers that want to show the line.
    public var offset: Int
    public var message: String

    public init(position: TextPosition, offset: Int, message: String) {
        self.position = position
        self.offset = offset
        self.message = message
    }
}
