import SmarketingKit

/// Which leads a command works on: `ID`, `ID,ID`, `where EXPR`, `@view`, or all.
public enum LeadSelector {
    case all
    case ids([String])
    case predicate(text: String, offset: Int)
    case view(name: String, range: SourceRange)

    /// Words that end a `where` clause inside a command.
    public static let clauseEnds: Set<String> = ["sort", "limit", "cols", "by", "to", "note", "force"]

    /// Reads a selector if one comes next; `required` makes its absence an error.
    public static func parse(_ arguments: inout Arguments, in session: Session, required: Bool = false,
                             stops: Set<String> = clauseEnds) throws(ShellError) -> LeadSelector {
        guard let token = arguments.peek else {
            if required { _ = try arguments.next("a selector: an id, ID,ID, where EXPR or @view") }
            return .all
        }
        if token.isKeyword("where") {
            _ = try arguments.next("where")
            let (text, offset) = try arguments.clause(until: stops, expected: "an expression after where")
            return .predicate(text: text, offset: offset)
        }
        if token.kind == .word, token.text.hasPrefix("@") {
            _ = try arguments.next("a view")
            return .view(name: String(token.text.dropFirst()), range: token.range)
        }
        if token.kind == .word, !stops.contains(token.text.lowercased()) {
            return .ids(try arguments.leadIDs(in: session))
        }
        if required { throw arguments.unexpected(token, expected: "a selector: an id, ID,ID, where EXPR or @view") }
        return .all
    }

    /// The rows of the selected leads, in workspace order (ids in the order given).
    public func rows(in session: Session, environment: QueryEnvironment) throws(ShellError) -> [Int] {
        let leads = session.workspace.leads
        switch self {
        case .all:
            return Array(0..<leads.count)
        case .ids(let ids):
            return ids.compactMap { leads.row(of: $0) }
        case .predicate(let text, let offset):
            let query: RowQuery
            do { query = try QueryCompiler.compileRows(text, in: environment) } catch { throw .query(error.shifted(by: offset)) }
            guard let rows = query.rows(in: leads, isInterrupted: { session.isInterrupted() }) else { throw .interrupted }
            // Something the query worked out on the way (the duplicate groups of `dupes > 0`)
            // may have been stopped and answered zeros: never give those as the answer.
            if session.isInterrupted() { throw .interrupted }
            guard let values = UnknownValueCheck.findings(in: text, session: session, environment: environment),
                  let fields = UnknownFieldCheck.findings(in: text, session: session) else { throw .interrupted }
            let findings = fields + values
            for finding in findings {
                session.warn(finding.message, at: SourceRange(finding.range.lowerBound + offset, finding.range.upperBound + offset))
            }
            return rows
        case .view(let name, let range):
            let view = try ViewDefinition.lookup(name, range: range, in: session)
            let earlier = session.warnings.count
            let rows = try view.selector.rows(in: session, environment: environment)
            // A warning about the view's text points at the @view in the command.
            for k in earlier..<session.warnings.count { session.warnings[k].range = range }
            return rows
        }
    }
}
