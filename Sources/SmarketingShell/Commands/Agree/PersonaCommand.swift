import SmarketingKit

/// `persona add|show|edit|drop|match`: the buyer personas both teams agree on.
public enum PersonaCommand: ShellCommand {
    public static let name = "persona"
    public static let group = CommandGroup.agree
    public static let summary = "buyer personas: add, show, edit (story, needs, pains, channels, criteria), drop, match"
    public static let usage = "persona add NAME | persona show NAME | persona edit NAME story|needs|pains|channels|criteria \"…\"… | persona drop NAME | persona match ID"
    public static let details = """
        A persona's criteria are a query expression; a lead's persona (leads where persona =
        'Logistics Lena') is the first persona, in the order listed, whose criteria it meets.
        needs, pains and channels take one or more quoted items. persona match ID shows,
        for every persona, which clauses of its criteria the lead meets and which it misses.
        """
    public static let examples = ["persona show 'Logistics Lena'", "persona match L-000001",
                                  "as erik; persona add 'Wholesale Willem'; as anna; approve all; as erik; persona edit 'Wholesale Willem' criteria \"industry = 'wholesale'\"; proposals; undo 3"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        let action = try arguments.text("add, show, edit, drop or match")
        switch action.text.lowercased() {
        case "add":
            let name = try arguments.text("the persona's name")
            try arguments.finish()
            guard find(name.text, in: session) == nil else { throw .refused("there is already a persona called \(name.text)") }
            if let proposed = try session.agree(.setPersonas(session.workspace.personas + [Persona(name: name.text)]), summary: "persona add \(name.text)") { return proposed }
            return .message("added persona \(name.text); persona edit \(name.text) criteria \"…\" says who fits")
        case "show":
            let index = try persona(&arguments, in: session)
            try arguments.finish()
            return show(session.workspace.personas[index], in: session)
        case "edit":
            let index = try persona(&arguments, in: session)
            var persona = session.workspace.personas[index]
            let part = try arguments.text("story, needs, pains, channels or criteria")
            var values: [String] = []
            while !arguments.isAtEnd { values.append(try arguments.text("a value in quotes").text) }
            guard !values.isEmpty else { _ = try arguments.text("a value in quotes"); return .none }
            switch part.text.lowercased() {
            case "story": persona.story = values.joined(separator: " ")
            case "needs": persona.needs = values
            case "pains": persona.pains = values
            case "channels": persona.channels = values
            case "criteria":
                let criteria = values.joined(separator: " ")
                do { _ = try QueryCompiler.compile(criteria, in: session.queryEnvironment()) } catch {
                    throw .refused("criteria: \(error)")
                }
                persona.criteria = criteria
            default: throw arguments.unexpected(part, expected: "story, needs, pains, channels or criteria")
            }
            var personas = session.workspace.personas
            personas[index] = persona
            if let proposed = try session.agree(.setPersonas(personas), summary: "persona edit \(persona.name) \(part.text.lowercased())") { return proposed }
            return .message("changed the \(part.text.lowercased()) of \(persona.name)")
        case "drop":
            let index = try persona(&arguments, in: session)
            try arguments.finish()
            var personas = session.workspace.personas
            let removed = personas.remove(at: index)
            if let proposed = try session.agree(.setPersonas(personas), summary: "persona drop \(removed.name)") { return proposed }
            return .message("dropped persona \(removed.name)")
        case "match":
            let ids = try arguments.leadIDs(in: session)
            try arguments.finish()
            return .many(ids.compactMap { session.workspace.leads[id: $0] }.map { match($0, in: session) })
        default:
            throw arguments.unexpected(action, expected: "add, show, edit, drop or match")
        }
    }

    static func find(_ name: String, in session: Session) -> Int? {
        session.workspace.personas.firstIndex { $0.name.lowercased() == name.lowercased() }
    }

    static func persona(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> Int {
        let name = try arguments.text("a persona's name")
        guard let index = find(name.text, in: session) else {
            let names = session.workspace.personas.map(\.name)
            throw .unexpected(found: "'\(name.text)'", expected: "a persona (\(names.joined(separator: ", ")))"
                              + (Suggestion.nearest(to: name.text, in: names).map { " — did you mean '\($0)'?" } ?? ""),
                              usage: usage, name.range)
        }
        return index
    }

    static func show(_ persona: Persona, in session: Session) -> CommandResult {
        let environment = session.queryEnvironment()
        var matching: TableValue = .null
        if let criteria = persona.criteria, let predicate = try? QueryCompiler.compile(criteria, in: environment) {
            matching = .number(Double(session.workspace.leads.all.filter(predicate).count))
        }
        return .record(Record(title: persona.name, fields: [
            .init("story", TableValue(persona.story)), .init("needs", .list(persona.needs)), .init("pains", .list(persona.pains)),
            .init("channels", .list(persona.channels)), .init("criteria", TableValue(persona.criteria)), .init("leads matching", matching),
        ]))
    }

    /// For each persona, whether the lead fits and which clauses hold or fail.
    static func match(_ lead: Lead, in session: Session) -> CommandResult {
        let environment = session.queryEnvironment()
        var rows: [[TableValue]] = []
        var first: String?
        for persona in session.workspace.personas {
            guard let criteria = persona.criteria,
                  let rule = try? EntryRule(stage: persona.name, text: criteria, environment: environment) else {
                rows.append([.text(persona.name), .text("no criteria"), .null])
                continue
            }
            let clauses = rule.check(lead)
            let held = clauses.filter(\.holds).map(\.text)
            let missed = clauses.filter { !$0.holds }.map { $0.text + ($0.values.isEmpty ? "" : " (\($0.values))") }
            let fits = missed.isEmpty
            if fits, first == nil { first = persona.name }
            rows.append([.text(persona.name), .text(fits ? (first == persona.name ? "fits (its persona)" : "fits") : "misses"),
                         .text((held.map { "✓ " + $0 } + missed.map { "✗ " + $0 }).joined(separator: "; "))])
        }
        return .table(Table(title: "\(lead.id) \(lead.name ?? "")", columns: ["persona", "verdict", "clauses"], rows: rows,
                            footer: first.map { "persona: \($0)" } ?? "persona: none"))
    }
}
