/// A buyer persona: who they are, and criteria in the query language that pick them out.
public struct Persona: Sendable, Hashable {
    public var name: String
    public var story: String?
    public var needs: [String]
    public var pains: [String]
    public var channels: [String]
    public var criteria: String?
    public var extra: JSONObject

    public init(name: String, story: String? = nil, needs: [String] = [], pains: [String] = [],
                channels: [String] = [], criteria: String? = nil, extra: JSONObject = JSONObject()) {
        self.name = name
        self.story = story
        self.needs = needs
        self.pains = pains
        self.channels = channels
        self.criteria = criteria
        self.extra = extra
    }
}
