import SmarketingKit

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
        let leads = session.workspace.leads
        let count = (0..<leads.count).reduce(0) { $0 + (leads.stage(at: $1) == id ? 1 : 0) }
        return [
            .init("stage", .text("\(stage.id) (\(stage.name))" + (stage.isSide ? ", outside the funnel order" : ""))),
            .init("owned by", .text(stage.team.rawValue)),
            .init("entry rule", .text(stage.entry ?? "none")),
            .init("leads now", .number(Double(count))),
        ] + AgreementProvenance.fields(forStage: id, in: session)
    }
}
