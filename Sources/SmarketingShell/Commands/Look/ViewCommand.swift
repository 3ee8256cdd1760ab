import SmarketingKit

/// `view NAME = "…"`: saves a selection under a name, in the workspace.
public enum ViewCommand: ShellCommand {
    public static let name = "view"
    public static let group = CommandGroup.look
    public static let summary = "save a selection as a named view (use it as @NAME)"
    public static let usage = "view NAME = \"EXPR [sort F [desc]] [limit N] [cols a,b]\" | view drop NAME"
    public static let details = """
        The view is checked now and stored in the workspace's views, so everyone who opens
        the workspace can use it: leads @NAME, count @NAME. One undo step.
        """
    public static let examples = ["view big-sql = \"stage = sql and value >= 20k sort value desc\"; leads @big-sql; undo"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        if arguments.take("drop") {
            let name = try arguments.text("a view name")
            try arguments.finish()
            guard session.workspace.views[name.text] != nil else {
                throw .noSuchView(name.text, suggestion: Suggestion.nearest(to: name.text, in: session.workspace.views.keys), name.range)
            }
            var views = session.workspace.views
            views[name.text] = nil
            try session.apply(.setViews(views), summary: "view drop \(name.text)")
            return .message("dropped view \(name.text)")
        }
        let name = try arguments.text("a view name")
        let equals = try arguments.next("'='")
        guard equals.isSymbol("=") else { throw arguments.unexpected(equals, expected: "'=' and the view in quotes") }
        let definition = try arguments.text("the view in quotes")
        try arguments.finish()
        let viewName = name.text.hasPrefix("@") ? String(name.text.dropFirst()) : name.text
        _ = try ViewDefinition.parse(name: viewName, text: definition.text, range: definition.range, in: session)
        var views = session.workspace.views
        let existed = views[viewName] != nil
        views[viewName] = .string(definition.text)
        try session.apply(.setViews(views), summary: "view \(viewName)")
        return .message("\(existed ? "changed" : "saved") view \(viewName): leads @\(viewName)")
    }
}
