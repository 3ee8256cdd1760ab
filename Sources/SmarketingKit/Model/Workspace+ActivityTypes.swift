/// The activity types a team added with `activity add TYPE [attempt]`, kept in the file
/// under the top-level key `activityTypes` (`[{"type": "linkedin-message", "attempt":
/// true}]`). An added type marked `attempt` counts as a sales contact attempt wherever
/// the built-in call, email and meeting do: the `attempts` field, entry rules, the SLA.
extension Workspace {
    public static let activityTypesKey = "activityTypes"

    /// The added types in the order added, and whether each counts as an attempt.
    public var addedActivityTypes: [(type: String, attempt: Bool)] {
        guard case .array(let items)? = extra[Self.activityTypesKey] else { return [] }
        return items.compactMap { item in
            if case .object(let object) = item, let type = object["type"]?.stringValue {
                return (type, object["attempt"] == .bool(true))
            }
            return item.stringValue.map { ($0, false) }
        }
    }

    /// The added types that count as sales attempts (beyond call, email and meeting).
    public var addedAttemptTypes: Set<String> {
        Set(addedActivityTypes.filter(\.attempt).map(\.type)).subtracting(Activity.attemptTypes)
    }

    /// Every activity type that counts as a sales contact attempt in this workspace.
    public var attemptTypes: Set<String> { Activity.attemptTypes.union(addedAttemptTypes) }
}
