import Foundation

/// The closed loop between the teams, counted: of the MQLs marketing handed over, how many
/// sales accepted, rejected (and why), rated good or bad, and won.
///
/// The stages come from the funnel, not from fixed ids: handing over is entering the last
/// stage marketing owns before the first stage sales owns (mql), acceptance is entering
/// that first sales stage (sal, the hand-off point of DESIGN.md), and winning is reaching the last stage of the order
/// (customer).
public struct ClosedLoop: Sendable {
    /// The stages the loop is measured at.
    public struct Stages: Sendable, Equatable {
        /// Marketing's last stage before sales': entering it (or anything later) is the hand-off.
        public var handOff: String
        /// Sales' first stage: entering it (or anything later) is acceptance.
        public var accepted: String
        /// The last stage of the order.
        public var won: String?
        let handOffRank: Int
        let acceptedRank: Int

        public init(funnel: Funnel) {
            let ordered = funnel.stages.filter { !$0.isSide }
            let firstSales = ordered.firstIndex { $0.team == .sales } ?? ordered.count
            let accepted = firstSales < ordered.count ? ordered[firstSales].id : (funnel.resolve("sal") ?? "sal")
            let handOff = firstSales > 0 && firstSales <= ordered.count ? ordered[firstSales - 1].id : (funnel.resolve("mql") ?? "mql")
            self.handOff = handOff
            self.accepted = accepted
            self.won = ordered.last?.id
            handOffRank = funnel.rank(of: handOff) ?? Int.max
            acceptedRank = funnel.rank(of: accepted) ?? Int.max
        }
    }

    /// One group's counts.
    public struct Tally: Sendable, Equatable {
        public var handed = 0
        public var accepted = 0
        public var rejected = 0
        public var good = 0
        public var bad = 0
        public var won = 0
        /// Reject reasons and how often each was given (each rejected lead's latest reason).
        public var reasons: [String: Int] = [:]

        public init() {}

        /// The most frequent reasons, most frequent first (ties alphabetically).
        public func topReasons(_ n: Int) -> [(reason: String, count: Int)] {
            reasons.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(n).map { ($0.key, $0.value) }
        }

        public mutating func add(_ other: Tally) {
            handed += other.handed
            accepted += other.accepted
            rejected += other.rejected
            good += other.good
            bad += other.bad
            won += other.won
            for (reason, count) in other.reasons { reasons[reason, default: 0] += count }
        }
    }

    public let stages: Stages
    let funnel: Funnel
    /// Only leads handed over after this moment count (`over 30d`); nil: all.
    public let since: Date?
    public let now: Date

    public init(funnel: Funnel, now: Date, window: Double? = nil) {
        self.funnel = funnel
        self.stages = Stages(funnel: funnel)
        self.now = now
        self.since = window.map { now.addingTimeInterval(-$0) }
    }

    /// When the lead was handed over to sales (first entered mql, marketing's last stage,
    /// or a later one); nil when it never was. A lead created past mql and moved on
    /// since counts from its creation.
    public func handedOver(_ lead: Lead) -> Date? {
        if let move = lead.history.first(where: { (funnel.rank(of: $0.to) ?? -1) >= stages.handOffRank }) { return move.at }
        guard (funnel.rank(of: lead.stage) ?? -1) >= stages.handOffRank else { return nil }
        return lead.created ?? .distantPast
    }

    /// True when sales accepted the lead at some point (entered its first stage or later).
    public func wasAccepted(_ lead: Lead) -> Bool {
        (funnel.rank(of: lead.stage) ?? -1) >= stages.acceptedRank
            || lead.history.contains { (funnel.rank(of: $0.to) ?? -1) >= stages.acceptedRank }
    }

    /// True when the lead reached the last stage.
    public func wasWon(_ lead: Lead) -> Bool {
        guard let won = stages.won else { return false }
        return lead.stage == won || lead.history.contains { $0.to == won }
    }

    /// True when the lead's history records a move (an entry with a stage it came from),
    /// not only the stage it was created in. A lead with none (an import brings leads in
    /// as they are now) may or may not have been handed over, accepted or won before: the
    /// loop counts it as none of them, and `untold` says so, unless it is in the hand-off
    /// stage itself (`isTold`).
    public static func hasMove(_ lead: Lead) -> Bool {
        lead.history.contains { $0.from != nil }
    }

    /// True when the loop knows the lead's part: it has a move on record, or it sits in
    /// the hand-off stage (mql) it was created in. Such a lead was handed over, and not
    /// accepted, rejected or won since: nothing about it is unknown. (Olist's 8,000 MQLs
    /// come in as mql; leaving out the 7,158 that never moved counted only the 842 that
    /// became customers, and showed 100% accepted and won.)
    public func isTold(_ lead: Lead) -> Bool {
        Self.hasMove(lead) || lead.stage == stages.handOff
    }

    /// The lead's contribution: nil when it was not handed over (in the window), or its
    /// part is unknown (`isTold`).
    public func tally(_ lead: Lead) -> Tally? {
        guard isTold(lead), let at = handedOver(lead), since.map({ at > $0 }) ?? true, at <= now || since == nil else { return nil }
        var tally = Tally()
        tally.handed = 1
        if wasAccepted(lead) { tally.accepted = 1 }
        if lead.wasRejected {
            tally.rejected = 1
            if let reason = lead.rejectReasons.last { tally.reasons[reason] = 1 }
        }
        switch lead.latestFeedback?.verdict {
        case .good: tally.good = 1
        case .bad: tally.bad = 1
        case nil: break
        }
        if wasWon(lead) { tally.won = 1 }
        return tally
    }
}
