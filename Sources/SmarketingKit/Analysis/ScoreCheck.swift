/// Does the score predict the outcome? For leads whose outcome is known: conversion by
/// score decile, the lift of the top decile, and the ROC AUC (the chance that a random
/// converted lead outscores a random one that did not; 0.5 is a coin, 1 is perfect).
public struct ScoreCheck: Sendable, Equatable {
    /// A tenth of the leads, best scores first. Leads with the same score stay together,
    /// in the decile where the first of them falls, so no split depends on file order;
    /// deciles can then differ in size, and some can be empty (they are left out).
    public struct Decile: Sendable, Equatable {
        public let number: Int
        public let leads: Int
        public let converted: Int
        public let lowest: Double
        public let highest: Double
        public var rate: Double { leads == 0 ? 0 : Double(converted) / Double(leads) }
    }

    public let deciles: [Decile]
    public let leads: Int
    public let converted: Int
    /// Nil when every lead had the same outcome, where the AUC is undefined.
    public let auc: Double?

    public var rate: Double { leads == 0 ? 0 : Double(converted) / Double(leads) }

    /// True when equal scores filled some deciles with the leads of others, so fewer than
    /// ten hold leads (a score that a fifth of the leads share fills two tenths): they are
    /// then bands of unequal size, not deciles.
    public var tiesMerged: Bool { !deciles.isEmpty && deciles.count < 10 }

    /// The top decile's conversion rate over the overall rate; nil when nothing converted
    /// or there are too few leads for deciles.
    public var topLift: Double? {
        guard converted > 0, let top = deciles.first else { return nil }
        return top.rate / rate
    }

    /// Checks `scores` (one per lead with a known outcome; the order breaks ties in the
    /// deciles, so pass leads in file order).
    public init(_ scores: [(score: Double, converted: Bool)]) {
        leads = scores.count
        converted = scores.reduce(0) { $0 + ($1.converted ? 1 : 0) }
        // Best first; the sort is stable, so equal scores keep the given order.
        let ranked = scores.enumerated().sorted { a, b in
            a.element.score != b.element.score ? a.element.score > b.element.score : a.offset < b.offset
        }.map(\.element)
        var deciles: [Decile] = []
        // Fewer than ten leads make no deciles: a tenth of them would be nobody.
        if ranked.count >= 10 {
            var members = [[(score: Double, converted: Bool)]](repeating: [], count: 10)
            var i = 0
            while i < ranked.count {
                var j = i
                while j + 1 < ranked.count, ranked[j + 1].score == ranked[i].score { j += 1 }
                members[i * 10 / ranked.count].append(contentsOf: ranked[i...j])
                i = j + 1
            }
            for (d, slice) in members.enumerated() {
                guard let first = slice.first, let last = slice.last else { continue }
                deciles.append(Decile(number: d + 1, leads: slice.count, converted: slice.filter(\.converted).count,
                                      lowest: last.score, highest: first.score))
            }
        }
        self.deciles = deciles
        auc = Self.auc(scores)
    }

    /// The Mann–Whitney form of the AUC: rank all scores (ties share their mean rank),
    /// sum the ranks of the converted, and compare with the least that sum could be.
    static func auc(_ scores: [(score: Double, converted: Bool)]) -> Double? {
        let positives = scores.filter(\.converted).count
        let negatives = scores.count - positives
        guard positives > 0, negatives > 0 else { return nil }
        let sorted = scores.sorted { $0.score < $1.score }
        var rankSum = 0.0
        var i = 0
        while i < sorted.count {
            var j = i
            while j + 1 < sorted.count, sorted[j + 1].score == sorted[i].score { j += 1 }
            let meanRank = Double(i + j) / 2 + 1
            for k in i...j where sorted[k].converted { rankSum += meanRank }
            i = j + 1
        }
        let p = Double(positives)
        return (rankSum - p * (p + 1) / 2) / (p * Double(negatives))
    }
}
