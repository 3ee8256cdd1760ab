import SmarketingKit

/// The activity types a workspace knows: the built-in ones (call, email, meeting, demo…)
/// and those the team added with `activity add TYPE`, kept in the workspace file under
/// the top-level key `activityTypes` (`[{"type": "linkedin-message"}]`), so `log`, TAB
/// and scoring rules accept them in every later session.
enum ActivityTypes {
    static let key = "activityTypes"

    /// The types added to this workspace, in the order added.
    static func added(in workspace: Workspace) -> [String] {
        guard case .array(let items)? = workspace.extra[key] else { return [] }
        return items.compactMap { item in
            if case .object(let object) = item { object["type"]?.stringValue } else { item.stringValue }
        }
    }

    /// Every type `log` accepts here: the built-in ones, then the added ones.
    static func all(in workspace: Workspace) -> [String] {
        LogCommand.types + added(in: workspace).filter { !LogCommand.types.contains($0) }
    }

    /// The `activityTypes` value with `types` (nil when there are none left).
    static func value(_ types: [String]) -> JSONValue? {
        types.isEmpty ? nil : .array(types.map { .object(JSONObject([JSONMember("type", .string($0))])) })
    }
}
