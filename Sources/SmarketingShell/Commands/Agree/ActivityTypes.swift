import SmarketingKit

/// The activity types a workspace knows: the built-in ones (call, email, meeting, demo…)
/// and those the team added with `activity add TYPE`, kept in the workspace file under
/// the top-level key `activityTypes` (`[{"type": "linkedin-message", "attempt": true}]`),
/// so `log`, TAB and scoring rules accept them in every later session.
enum ActivityTypes {
    static let key = Workspace.activityTypesKey

    /// The types added to this workspace, in the order added.
    static func added(in workspace: Workspace) -> [String] {
        workspace.addedActivityTypes.map(\.type)
    }

    /// Every type `log` accepts here: the built-in ones, then the added ones.
    static func all(in workspace: Workspace) -> [String] {
        LogCommand.types + added(in: workspace).filter { !LogCommand.types.contains($0) }
    }

    /// The `activityTypes` value with `types` (nil when there are none left); those in
    /// `attempts` are marked as sales attempts.
    static func value(_ types: [String], attempts: Set<String> = []) -> JSONValue? {
        types.isEmpty ? nil : .array(types.map { type in
            var members = [JSONMember("type", .string(type))]
            if attempts.contains(type) { members.append(JSONMember("attempt", .bool(true))) }
            return .object(JSONObject(members))
        })
    }
}
