/// A funnel stage: where a lead is, which team owns it, and the rule for entering it.
public struct Stage: Sendable, Hashable {
    /// The id used in leads and commands (`mql`); compared case-insensitively by commands.
    public var id: String
    /// The display name (`MQL`).
    public var name: String
    public var team: Team
    /// The agreed entry rule in the query language (`fit >= 50 and interest >= 40`).
    public var entry: String?
    public var definition: String?
    /// True for stages outside the funnel order (`nurture`, `lost`): leads go there
    /// sideways, and order comparisons never match them.
    public var isSide: Bool
    public var extra: JSONObject

    public init(id: String, name: String, team: Team, entry: String? = nil, definition: String? = nil,
                isSide: Bool = false, extra: JSONObject = JSONObject()) {
        self.id = id
        self.name = name
        self.team = team
        self.entry = entry
        self.definition = definition
        self.isSide = isSide
        self.extra = extra
    }
}
