import SmarketingKit

/// A command that knows, from the words typed before the cursor, which of TAB's
/// candidates for one of its placeholders it would accept: after `move L-1 to`, only the
/// stages L-1 may enter. The command table still says what a place holds (its synopsis);
/// the command only takes away what it would refuse, by the rule it runs with.
protocol CompletionNarrowing {
    /// The `candidates` for a `kind` placeholder worth proposing after `arguments` (the
    /// tokens after the command's name). Reads the session, never changes it.
    static func narrow(_ candidates: [String], for kind: ArgumentKind, after arguments: ArraySlice<Token>,
                       in session: Session) -> [String]
}
