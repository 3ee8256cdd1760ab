import Foundation

/// How leads move through the ordered stages: how many are in each stage now, how many
/// ever reached it, how long they stayed, and the stage-to-stage conversion cohorts.
///
/// "Reached" reads each lead's history: a lead reached every ordered stage up to the
/// furthest one it was ever in (a lead that jumped from lead to mql still passed the
/// stages between, as far as a funnel is concerned). Leads now in a side stage
/// (nurture, lost) count for what they reached before they left.
public struct FunnelAnalysis: Sendable {
    public struct StageFigures: Sendable, Equatable {
        public var stage: String
        /// Leads in the stage now.
        public var now: Int
        /// Leads that ever reached the stage (or a later one).
        public var reached: Int
        /// Median days spent in the stage, over the stays that ended; nil when none did.
        public var medianDays: Double?
    }

    /// Of the leads that reached `from`, how many went on to reach `to`.
    public struct Cohort: Sendable, Equatable {
        public var from: String
        public var to: String
        public var reachedFrom: Int
        public var reachedTo: Int
        /// Reached `from` but not `to`, and still in an ordered stage: may yet convert.
        public var inProgress: Int
        /// Reached `from` but not `to`, and now in a side stage (nurture, lost).
        public var droppedOut: Int

        /// The share that converted, of all that reached `from`.
        public var rate: Double? { reachedFrom > 0 ? Double(reachedTo) / Double(reachedFrom) : nil }
        /// The share that converted, of those whose outcome is known (in progress left out).
        public var decidedRate: Double? {
            let decided = reachedTo + droppedOut
            return decided > 0 ? Double(reachedTo) / Double(decided) : nil
        }
    }

    public let stages: [StageFigures]
    public let cohorts: [Cohort]
    public let total: Int

    /// Analyses the leads in `rows` of the workspace, as of `now`.
    public init(_ workspace: Workspace, rows: [Int], now: Date) {
        let funnel = workspace.funnel
        let ordered = funnel.stages.filter { !$0.isSide }.map(\.id)
        var rank: [String: Int] = [:]
        for (i, id) in ordered.enumerated() { rank[id] = i }
        var nowCounts = [Int](repeating: 0, count: ordered.count)
        var reachedCounts = [Int](repeating: 0, count: ordered.count)
        var stays = [[Double]](repeating: [], count: ordered.count)
        // Per lead: furthest rank reached, and whether it is now in a side stage.
        var furthest: [Int] = []
        var isOut: [Bool] = []
        var currentRank: [Int?] = []
        for row in rows {
            let lead = workspace.leads.stageMoves(at: row)
            var best = rank[lead.stage] ?? -1
            for move in lead.moves {
                if let r = rank[move.to] { best = max(best, r) }
                if let from = move.from, let r = rank[from] { best = max(best, r) }
            }
            furthest.append(best)
            isOut.append(rank[lead.stage] == nil)
            currentRank.append(rank[lead.stage])
            if let r = rank[lead.stage] { nowCounts[r] += 1 }
            if best >= 0 { for r in 0...best { reachedCounts[r] += 1 } }
            // Stays: entering a stage (a move to it, or creation) until the next move.
            var entered: (stage: String, at: Date)?
            if let created = lead.created, let first = lead.moves.first, first.from == nil {
                entered = (first.to, created)
            }
            for move in lead.moves {
                if let (stage, at) = entered, move.from == stage, let r = rank[stage], move.at > at {
                    stays[r].append(move.at.timeIntervalSince(at) / 86_400)
                }
                entered = (move.to, move.at)
            }
        }
        stages = ordered.enumerated().map { i, id in
            StageFigures(stage: id, now: nowCounts[i], reached: reachedCounts[i], medianDays: Self.median(stays[i]))
        }
        var cohorts: [Cohort] = []
        for i in 0..<max(0, ordered.count - 1) {
            var cohort = Cohort(from: ordered[i], to: ordered[i + 1], reachedFrom: reachedCounts[i], reachedTo: reachedCounts[i + 1],
                                inProgress: 0, droppedOut: 0)
            for k in furthest.indices where furthest[k] == i {
                if isOut[k] { cohort.droppedOut += 1 } else { cohort.inProgress += 1 }
            }
            cohorts.append(cohort)
        }
        self.cohorts = cohorts
        total = rows.count
    }

    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// The measured rate from `from` to `to` (any two ordered stages, `from` first): the
    /// share of leads that reached `from` and went on to reach `to`.
    public func rate(from: String, to: String) -> Cohort? {
        guard let i = stages.firstIndex(where: { $0.stage == from }), let j = stages.firstIndex(where: { $0.stage == to }), i < j else { return nil }
        var cohort = Cohort(from: from, to: to, reachedFrom: stages[i].reached, reachedTo: stages[j].reached, inProgress: 0, droppedOut: 0)
        cohort.inProgress = cohorts[i..<j].reduce(0) { $0 + $1.inProgress }
        cohort.droppedOut = cohorts[i..<j].reduce(0) { $0 + $1.droppedOut }
        return cohort
    }
}
