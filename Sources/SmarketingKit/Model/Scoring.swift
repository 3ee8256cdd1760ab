/// How fit and interest become one score, and where "high" starts for the quadrant.
public struct Scoring: Sendable, Hashable {
    /// A fit rule: when the expression holds, the lead gets the points.
    public struct FitRule: Sendable, Hashable {
        public var when: String
        public var points: Double
        public var extra: JSONObject
        public init(when: String, points: Double, extra: JSONObject = JSONObject()) {
            self.when = when
            self.points = points
            self.extra = extra
        }
    }

    /// An interest rule: each activity of the type earns the points, fading with a half-life.
    public struct InterestRule: Sendable, Hashable {
        public var activity: String
        public var points: Double
        /// Days after which an activity's points are halved; nil means they never fade.
        public var halflife: Double?
        public var extra: JSONObject
        public init(activity: String, points: Double, halflife: Double? = nil, extra: JSONObject = JSONObject()) {
            self.activity = activity
            self.points = points
            self.halflife = halflife
            self.extra = extra
        }
    }

    public var fit: [FitRule] = []
    public var interest: [InterestRule] = []
    public var fitWeight: Double = 0.5
    public var interestWeight: Double = 0.5
    public var highFit: Double = 50
    public var highInterest: Double = 50
    public var extra = JSONObject()

    public init() {}
}

