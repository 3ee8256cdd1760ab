/// What TAB proposes for the word before the cursor.
public struct CompletionResult: Equatable {
    /// The words that could stand in place of the word being completed, sorted, each
    /// exactly as it would be inserted (quoted when the language needs quotes).
    public var candidates: [String]
    /// Where the word being completed starts, in `Character`s from the start of the line;
    /// the text from here to the cursor is what a candidate replaces.
    public var replaceFrom: Int

    public init(candidates: [String], replaceFrom: Int) {
        self.candidates = candidates
        self.replaceFrom = replaceFrom
    }

    /// Nothing to propose.
    static func none(at offset: Int) -> CompletionResult {
        CompletionResult(candidates: [], replaceFrom: offset)
    }
}

extension CompletionResult: Sendable {}
