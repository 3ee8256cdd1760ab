import SmarketingKit

/// `define TERM "definition"`: adds or changes a word of the shared vocabulary.
public enum DefineCommand: ShellCommand {
    public static let name = "define"
    public static let group = CommandGroup.agree
    public static let summary = "add or change a term of the shared glossary"
    public static let usage = "define TERM \"definition\" [alias \"…\"]… [team sales|marketing|both]"
    public static let details = """
        One vocabulary for both teams: what exactly is an MQL? Quote a term of several words.
        The glossary is saved in the workspace; explain TERM shows it back.
        """
    public static let examples = ["define \"hot lead\" \"an MQL in the ideal quadrant\" alias \"hot\" team both; undo"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        let term = try arguments.text("the term")
        let definition = try arguments.text("the definition in quotes")
        var aliases: [String] = []
        var team: Team?
        while !arguments.isAtEnd {
            if arguments.take("alias") { aliases.append(try arguments.text("an alias in quotes").text) }
            else if arguments.take("team") {
                let token = try arguments.text("sales, marketing or both")
                guard ["sales", "marketing", "both"].contains(token.text.lowercased()) else { throw arguments.unexpected(token, expected: "sales, marketing or both") }
                team = Team(rawValue: token.text)
            } else if let token = arguments.peek { throw arguments.unexpected(token, expected: "alias \"…\", team … or the end") }
        }
        var glossary = session.workspace.glossary
        if let index = glossary.firstIndex(where: { $0.term.lowercased() == term.text.lowercased() }) {
            glossary[index].definition = definition.text
            for alias in aliases where !glossary[index].aliases.contains(alias) { glossary[index].aliases.append(alias) }
            if let team { glossary[index].team = team }
            if let proposed = try session.agree(.setGlossary(glossary), summary: "define \(term.text)") { return proposed }
            return .message("changed \(glossary[index].term)")
        }
        glossary.append(GlossaryTerm(term: term.text, definition: definition.text, aliases: aliases, team: team))
        if let proposed = try session.agree(.setGlossary(glossary), summary: "define \(term.text)") { return proposed }
        return .message("defined \(term.text)")
    }
}
