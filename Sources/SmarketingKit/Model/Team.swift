/// One of the two sides of the meeting. Stages, glossary terms and people belong to a team.
///
/// A struct rather than an enum so a workspace may name other teams (for example
/// "customer-success") without failing to load; the two the product knows are constants.
public struct Team: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public var rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue.lowercased()
    }

    public static let sales = Team(rawValue: "sales")
    public static let marketing = Team(rawValue: "marketing")
    /// Owned by both teams (a glossary term such as "lead").
    public static let both = Team(rawValue: "both")

    public var description: String { rawValue }

    /// The team's name as a possessive, one spelling everywhere: `sales'`, `marketing's`.
    public var possessive: String { rawValue.hasSuffix("s") ? rawValue + "'" : rawValue + "'s" }
}

/// A person in the workspace's team list: the login used in `by` and `owner`, and a role.
public struct TeamMember: Sendable, Hashable {
    public var name: String
    public var role: Team
    /// Keys this version does not know (`fullName`, `email`, …), kept for the save.
    public var extra: JSONObject

    public init(name: String, role: Team, extra: JSONObject = JSONObject()) {
        self.name = name
        self.role = role
        self.extra = extra
    }
}
