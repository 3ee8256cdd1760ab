import Foundation

/// Why a lead has the score it has: every fit rule with whether it held, every activity
/// an interest rule counted with the decay applied, and the totals. What `score ID`
/// shows, so that a number on a screen can always be traced back to the rules.
public struct ScoreCard: Sendable {
    /// A fit rule and whether the lead meets it.
    public struct FitLine: Sendable {
        /// The rule's number, from 1, as `score rules` lists it.
        public let rule: Int
        public let when: String
        public let points: Double
        public let holds: Bool
    }

    /// One activity counted by one interest rule.
    public struct InterestLine: Sendable {
        public let rule: Int
        public let activity: String
        public let at: Date
        public let points: Double
        /// The rule's half-life in days; nil when its points never fade.
        public let halflife: Double?
        /// The share of the points kept after decay, 0–1.
        public let kept: Double
        public var earned: Double { points * kept }
    }

    public let fitLines: [FitLine]
    public let interestLines: [InterestLine]
    /// Activities no interest rule counts.
    public let uncounted: Int
    /// Activities dated after the clock: they have not happened yet, so they count nothing.
    public let later: Int
    /// True when fit (interest) comes from rules; false when it is the stored value.
    public let fitDerived: Bool
    public let interestDerived: Bool
    /// The rule sums before they are clamped to 0–100.
    public let fitTotal: Double
    public let interestTotal: Double
    public let fit: Double?
    public let interest: Double?
    public let score: Double?
    public let quadrant: Quadrant
}
