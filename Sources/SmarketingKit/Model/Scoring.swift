import Foundation

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


extension Scoring {
    /// True when fit is derived from rules rather than read from each lead.
    public var derivesFit: Bool { !fit.isEmpty }
    /// True when interest is derived from rules rather than read from each lead.
    public var derivesInterest: Bool { !interest.isEmpty }

    /// The weighted score of a fit and an interest, to one decimal; none when the lead
    /// has neither. The one formula every path (lead, column, explanation) uses.
    public func score(fit: Double?, interest: Double?) -> Double? {
        guard fit != nil || interest != nil else { return nil }
        let value = fitWeight * (fit ?? 0) + interestWeight * (interest ?? 0)
        return Self.tenthsRounded(value)
    }

    /// A rule total as a 0–100 value to one decimal: the range fit and interest live in.
    public static func clampTotal(_ total: Double) -> Double {
        tenthsRounded(min(100, max(0, total)))
    }

    /// A value rounded half up to one decimal, as fit, interest and score are shown.
    public static func tenthsRounded(_ value: Double) -> Double {
        (value * 10).rounded() / 10
    }
}

extension Scoring.InterestRule {
    /// The points one activity of the rule's type earns `age` seconds after it happened:
    /// halved every `halflife` days, so a demo last year counts less than one last week.
    /// (Activities after the clock are left out before this is asked.)
    public func points(atAge age: Double) -> Double {
        guard let halflife, halflife > 0 else { return points }
        return points * Self.decay(age: age, halflifeDays: halflife)
    }

    /// The share of its points an activity keeps after `age` seconds.
    public static func decay(age: Double, halflifeDays: Double) -> Double {
        guard halflifeDays > 0 else { return 1 }
        return pow(0.5, max(0, age) / (halflifeDays * 86_400))
    }
}
