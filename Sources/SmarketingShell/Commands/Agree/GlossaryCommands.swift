import SmarketingKit

/// Finding a glossary term by what a person typed: the term, an alias, or a near miss.
enum GlossaryLookup {
    /// The index of the term `typed` names, and whether it was only a near miss.
    static func find(_ typed: String, in glossary: [GlossaryTerm]) -> (index: Int, nearMiss: Bool)? {
        let lowered = typed.lowercased()
        if let index = glossary.firstIndex(where: { $0.term.lowercased() == lowered || $0.aliases.contains { $0.lowercased() == lowered } }) {
            return (index, false)
        }
        let names = glossary.flatMap { [$0.term] + $0.aliases }
        guard let near = Suggestion.nearest(to: typed, in: names),
              let index = glossary.firstIndex(where: { $0.term == near || $0.aliases.contains(near) }) else { return nil }
        return (index, true)
    }

    /// The words of a multi-word term: `explain closed loop` as well as `explain "closed loop"`.
    static func words(_ arguments: inout Arguments, _ expected: String) throws(ShellError) -> Token {
        let first = try arguments.text(expected)
        var text = first.text
        var end = first.range.end
        while let token = arguments.peek, token.kind == .word {
            _ = try arguments.next(expected)
            text += " " + token.text
            end = token.range.end
        }
        return Token(first.kind, text, SourceRange(first.range.start, end))
    }
}

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
            try session.apply(.setGlossary(glossary), summary: "define \(term.text)")
            return .message("changed \(glossary[index].term)")
        }
        glossary.append(GlossaryTerm(term: term.text, definition: definition.text, aliases: aliases, team: team))
        try session.apply(.setGlossary(glossary), summary: "define \(term.text)")
        return .message("defined \(term.text)")
    }
}

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
        try session.apply(.setGlossary(glossary), summary: "undefine \(removed.term)")
        return .message("removed \(removed.term) from the glossary")
    }
}

/// `glossary`: every term, the team that owns it, its aliases and definition.
public enum GlossaryCommand: ShellCommand {
    public static let name = "glossary"
    public static let group = CommandGroup.agree
    public static let summary = "the shared vocabulary: every term, its team, aliases and definition"
    public static let usage = "glossary [TERM]"
    public static let examples = ["glossary", "glossary SQL"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        if !arguments.isAtEnd { return try ExplainCommand.run(&arguments, in: session) }
        let rows: [[TableValue]] = session.workspace.glossary.map { term in
            [.text(term.term), TableValue(term.team?.rawValue), .list(term.aliases), .text(term.definition)]
        }
        return .table(Table(columns: ["term", "team", "aliases", "definition"], rows: rows, footer: "\(rows.count) terms"))
    }
}

/// `explain TERM`: what a term means; for a stage, also its rule, team and leads now.
public enum ExplainCommand: ShellCommand {
    public static let name = "explain"
    public static let group = CommandGroup.agree
    public static let summary = "what a term means (aliases and near misses accepted); stages with their rule and leads"
    public static let usage = "explain TERM"
    public static let examples = ["explain SQL", "explain sales accepted lead", "explain quadrant"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        let typed = try GlossaryLookup.words(&arguments, "a term")
        try arguments.finish()
        let workspace = session.workspace
        var fields: [Record.Field] = []
        var title: String?
        if let (index, nearMiss) = GlossaryLookup.find(typed.text, in: workspace.glossary) {
            let term = workspace.glossary[index]
            if nearMiss { title = "(no term '\(typed.text)'; showing '\(term.term)')" }
            fields.append(.init("term", .text(term.term)))
            fields.append(.init("means", .text(term.definition)))
            if !term.aliases.isEmpty { fields.append(.init("also", .list(term.aliases))) }
            if let team = term.team { fields.append(.init("team", .text(team.rawValue))) }
            if let stageID = workspace.funnel.resolve(term.term) ?? term.aliases.lazy.compactMap(workspace.funnel.resolve).first {
                fields += stageFields(stageID, in: session)
            }
        } else if let stageID = workspace.funnel.resolve(typed.text) {
            fields.append(.init("term", .text(stageID)))
            fields += stageFields(stageID, in: session)
        } else {
            throw .refused("no term '\(typed.text)' in the glossary (glossary lists them; define adds one)")
        }
        return .record(Record(title: title, fields: fields))
    }

    static func stageFields(_ id: String, in session: Session) -> [Record.Field] {
        guard let stage = session.workspace.funnel.stage(id) else { return [] }
        let count = session.workspace.leads.all.reduce(0) { $0 + ($1.stage == id ? 1 : 0) }
        return [
            .init("stage", .text("\(stage.id) (\(stage.name))" + (stage.isSide ? ", outside the funnel order" : ""))),
            .init("owned by", .text(stage.team.rawValue)),
            .init("entry rule", .text(stage.entry ?? "none")),
            .init("leads now", .number(Double(count))),
        ]
    }
}
