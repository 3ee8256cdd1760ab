import SmarketingKit

/// `undefine TERM`: removes a term from the glossary.
public enum UndefineCommand: ShellCommand {
    public static let name = "undefine"
    public static let group = CommandGroup.agree
    public static let summary = "remove a term from the glossary"
    public static let usage = "undefine TERM"
    public static let examples = ["undefine visitor; undo"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        let term = try GlossaryLookup.words(&arguments, "a term")
        try arguments.finish()
        var glossary = session.workspace.glossary
        guard let index = glossary.firstIndex(where: { $0.term.lowercased() == term.text.lowercased() }) else {
            throw .refused("no term '\(term.text)' in the glossary" + (Suggestion.nearest(to: term.text, in: glossary.map(\.term)).map { " — did you mean '\($0)'?" } ?? ""))
        }
        let removed = glossary.remove(at: index)
        if let proposed = try session.agree(.setGlossary(glossary), summary: "undefine \(removed.term)") { return proposed }
        return .message("removed \(removed.term) from the glossary")
    }
}
