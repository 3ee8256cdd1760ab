import SmarketingKit

/// A saved view: an expression with optional `sort`, `limit` and `cols`, stored in the
/// workspace's `views` as the text a person typed ("stage = mql sort score desc").
public struct ViewDefinition {
    public var name: String
    public var selector: LeadSelector
    public var shape: ListingShape

    /// Parses a view's text; errors name the view and point at `range` in the command.
    public static func parse(name: String, text: String, range: SourceRange, in session: Session) throws(ShellError) -> ViewDefinition {
        let command = "where " + text
        let tokens: [Token]
        do { tokens = try Lexer.tokenize(command) } catch {
            throw .badView(name: name, QueryError(.unterminatedString, at: 0..<1), range)
        }
        var arguments = Arguments(tokens: tokens, commandName: Token(.word, "view", range), usage: "view NAME = \"EXPR [sort F] [limit N] [cols a,b]\"", text: command)
        do throws(ShellError) {
            let selector = try LeadSelector.parse(&arguments, in: session)
            let shape = try ListingShape.parse(&arguments, in: session)
            try arguments.finish()
            if case .predicate(let text, _) = selector {
                do { _ = try QueryCompiler.compile(text, in: session.queryEnvironment()) } catch { throw .query(error) }
            }
            return ViewDefinition(name: name, selector: selector, shape: shape)
        } catch {
            if case .query(let queryError) = error { throw .badView(name: name, queryError, range) }
            throw .refused("view '\(name)': \(error)")
        }
    }

    /// The saved view called `name`, or an error that suggests the nearest.
    static func lookup(_ name: String, range: SourceRange, in session: Session) throws(ShellError) -> ViewDefinition {
        guard case .string(let text)? = session.workspace.views[name] else {
            throw .noSuchView(name, suggestion: Suggestion.nearest(to: name, in: session.workspace.views.keys), range)
        }
        return try parse(name: name, text: text, range: range, in: session)
    }
}
