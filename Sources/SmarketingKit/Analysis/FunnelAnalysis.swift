import Foundation

/// How leads move through the ordered stages: how many are in each stage now, how many
/// ever reached it, how long they stayed, and the stage-to-stage conversion cohorts.
///
/// "Reached" reads each lead's history: a lead reached every ordered stage up to the
/// furthest one it was ever in (a lead that jumped from lead to mql still passed the
/// stages between, as far as a funnel is concerned). Leads now in a side stage
/// (nurture, lost) count for what they reached before they left.
///
/// A lead first seen arriving past the entry stage (its first history entry has no
/// `from`: an MQL list imported as MQLs) counts from that stage on; the steps before it
/// are counted like those of a lead without history. A lead without any history
/// (imported with only its outcome known) was never seen taking a step: it is left out of the step-by-step figures and counted apart
/// (`withoutHistory`), by what its outcome vouches for: the entry stage (`lead`, where a
/// contact becomes a lead) up to the stage it is in now, or the entry stage alone when it
/// is now in a side stage. So a step nobody was seen taking shows no rate, never 100%,
/// and the outcome rate from the entry stage (`outcome(to:)`) still counts everyone.
public struct FunnelAnalysis: Sendable {
    public struct StageFigures: Sendable, Equatable {
        public var stage: String
        /// Leads in the stage now.
        public var now: Int
        /// Leads that ever reached the stage (or a later one).
        public var reached: Int
        /// Median days spent in the stage, over the stays that ended; nil when none did.
        public var medianDays: Double?
        /// Leads without history known (by where they are now) to have reached the stage;
        /// not in `reached`.
        public var reachedWithoutHistory = 0
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
        /// Leads without history known to have reached `from`: whether they took the
        /// step was not seen, so they are in none of the counts above.
        public var withoutHistory = 0

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
    /// Leads with no recorded stage move at all (only where they are now is known).
    public let withoutHistory: Int
    /// Leads first seen arriving in a stage past the entry stage (`from` none): counted
    /// from that stage on, and as without history for the steps before it.
    public let partlySeen: Int
    /// Leads by the stage they were first seen in and the furthest they reached.
    private let spans: [[Int]]
    /// Where a lead without history is assumed to have entered the funnel: `lead`, or the
    /// first ordered stage when the funnel has no `lead`.
    public let entryStage: String?
    /// Leads without history now in each ordered stage, and now in a side stage.
    private let nowWithoutHistory: [Int]
    private let sideWithoutHistory: Int

    /// Analyses the leads in `rows` of the workspace, as of `now`.
    public init(_ workspace: Workspace, rows: [Int], now: Date) {
        var stopped = false
        self.init(workspace, rows: rows, now: now, isInterrupted: { false }, stopped: &stopped)
    }

    /// Analyses as `init` does, asking `isInterrupted` every few thousand leads (Ctrl-C
    /// at the shell); nil when it said stop.
    public static func measure(_ workspace: Workspace, rows: [Int], now: Date, isInterrupted: () -> Bool) -> FunnelAnalysis? {
        var stopped = false
        let analysis = FunnelAnalysis(workspace, rows: rows, now: now, isInterrupted: isInterrupted, stopped: &stopped)
        return stopped ? nil : analysis
    }

    /// As `init`, reading each lead's moves as `StageMoves` (the decoded lead's facts)
    /// instead of from the history columns: what tests compare the column path with.
    init(decoding workspace: Workspace, rows: [Int], now: Date) {
        var stopped = false
        self.init(workspace, rows: rows, now: now, isInterrupted: { false }, stopped: &stopped, fromColumns: false)
    }

    private init(_ workspace: Workspace, rows: [Int], now: Date, isInterrupted: () -> Bool, stopped: inout Bool,
                 fromColumns: Bool = true) {
        let funnel = workspace.funnel
        let ordered = funnel.stages.filter { !$0.isSide }.map(\.id)
        let map = workspace.leads.stageRankMap(ordered: ordered)
        var nowCounts = [Int](repeating: 0, count: ordered.count)
        var reachedCounts = [Int](repeating: 0, count: ordered.count)
        // Leads by (the stage first seen in, the furthest stage reached): a step i -> j
        // went on for those first seen at or before i that reached j.
        var spans = [[Int]](repeating: [Int](repeating: 0, count: ordered.count), count: ordered.count)
        var outcomeCounts = [Int](repeating: 0, count: ordered.count)
        var withoutHistory = 0
        var partlySeen = 0
        var nowWithoutHistory = [Int](repeating: 0, count: ordered.count)
        var sideWithoutHistory = 0
        let entry = funnel.resolve("lead").flatMap { map.rank[$0] } ?? 0
        var stays = [[Double]](repeating: [], count: ordered.count)
        // Leads whose furthest stage is each ordered stage: still in an ordered stage
        // (may yet convert), or now in a side stage (dropped out).
        var inProgress = [Int](repeating: 0, count: ordered.count)
        var droppedOut = [Int](repeating: 0, count: ordered.count)
        // One buffer for every lead's moves: ranks, not strings, and no array per lead.
        var moves: [RankedMove] = []
        for (index, row) in rows.enumerated() {
            if index & 0xFFF == 0, isInterrupted() {
                stopped = true
                break
            }
            let (stage, created): (Int, Double)
            if fromColumns {
                (stage, created) = workspace.leads.rankedMoves(at: row, map: map, into: &moves)
            } else {
                let lead = workspace.leads.stageMoves(at: row)
                moves = lead.moves.map {
                    RankedMove(from: $0.from.map { map.rank(of: $0) } ?? RankedMove.created, to: map.rank(of: $0.to),
                               at: $0.at.timeIntervalSinceReferenceDate)
                }
                (stage, created) = (map.rank(of: lead.stage), lead.created?.timeIntervalSinceReferenceDate ?? .nan)
            }
            // Arrived straight in a side stage and never moved (an import that knows only
            // that the lead was lost): nothing was seen but where it is now.
            let arrivedAside = !moves.isEmpty && moves.allSatisfy { $0.from == RankedMove.created } && moves[0].to < 0
            if moves.isEmpty || arrivedAside {
                withoutHistory += 1
                if stage >= 0 {
                    nowCounts[stage] += 1
                    nowWithoutHistory[stage] += 1
                    for k in (stage < entry ? stage : entry)...stage { outcomeCounts[k] += 1 }
                } else if !ordered.isEmpty {
                    outcomeCounts[entry] += 1
                    sideWithoutHistory += 1
                }
                continue
            }
            var best = stage
            for move in moves {
                best = max(best, move.to, move.from)
            }
            // First seen arriving past the entry stage (an import that knows where a lead
            // came in, such as an MQL list): the steps before that stage were not seen.
            var firstSeen = 0
            if let arrival = moves.first, arrival.from == RankedMove.created, arrival.to > entry {
                firstSeen = arrival.to
                partlySeen += 1
                for k in entry..<arrival.to { outcomeCounts[k] += 1 }
            }
            if best >= 0 {
                if stage < 0 { droppedOut[best] += 1 } else { inProgress[best] += 1 }
            }
            if stage >= 0 { nowCounts[stage] += 1 }
            if best >= firstSeen {
                for r in firstSeen...best { reachedCounts[r] += 1 }
                spans[firstSeen][best] += 1
            }
            // Stays: entering a stage (a move to it, or creation) until the next move.
            var entered = RankedMove.aside, enteredAt = 0.0
            if !created.isNaN, let first = moves.first, first.from == RankedMove.created {
                (entered, enteredAt) = (first.to, created)
            }
            for move in moves {
                if entered >= 0, move.from == entered, move.at > enteredAt {
                    stays[entered].append((move.at - enteredAt) / 86_400)
                }
                (entered, enteredAt) = (move.to, move.at)
            }
        }
        stages = ordered.enumerated().map { i, id in
            StageFigures(stage: id, now: nowCounts[i], reached: reachedCounts[i], medianDays: Self.median(stays[i]),
                         reachedWithoutHistory: outcomeCounts[i])
        }
        var cohorts: [Cohort] = []
        for i in 0..<max(0, ordered.count - 1) {
            var cohort = Cohort(from: ordered[i], to: ordered[i + 1], reachedFrom: reachedCounts[i],
                                reachedTo: Self.wentOn(spans, from: i, to: i + 1),
                                inProgress: 0, droppedOut: 0, withoutHistory: outcomeCounts[i])
            cohort.inProgress = inProgress[i]
            cohort.droppedOut = droppedOut[i]
            cohorts.append(cohort)
        }
        self.cohorts = cohorts
        total = rows.count
        self.withoutHistory = withoutHistory
        self.spans = spans
        self.partlySeen = partlySeen
        self.nowWithoutHistory = nowWithoutHistory
        self.sideWithoutHistory = sideWithoutHistory
        entryStage = ordered.isEmpty ? nil : ordered[min(entry, ordered.count - 1)]
    }

    /// Leads first seen at or before stage `i` that reached stage `j`.
    static func wentOn(_ spans: [[Int]], from i: Int, to j: Int) -> Int {
        var count = 0
        for first in 0...i { for furthest in j..<spans.count { count += spans[first][furthest] } }
        return count
    }

    /// The median, by selection rather than a full sort: at a million leads the stays of
    /// a stage are a few hundred thousand numbers, and sorting them took most of `funnel`.
    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        var values = values
        let middle = values.count / 2
        let upper = Selection.select(&values, middle)
        guard values.count % 2 == 0 else { return upper }
        // The largest of the lower half: selection left it below `middle`.
        let lower = values[..<middle].max() ?? upper
        return (lower + upper) / 2
    }

    /// The measured rate from `from` to `to` (any two ordered stages, `from` first): the
    /// share of leads that reached `from` and went on to reach `to`.
    public func rate(from: String, to: String) -> Cohort? {
        guard let i = stages.firstIndex(where: { $0.stage == from }), let j = stages.firstIndex(where: { $0.stage == to }), i < j else { return nil }
        var cohort = Cohort(from: from, to: to, reachedFrom: stages[i].reached, reachedTo: Self.wentOn(spans, from: i, to: j),
                            inProgress: 0, droppedOut: 0)
        cohort.inProgress = cohorts[i..<j].reduce(0) { $0 + $1.inProgress }
        cohort.droppedOut = cohorts[i..<j].reduce(0) { $0 + $1.droppedOut }
        cohort.withoutHistory = stages[i].reachedWithoutHistory
        return cohort
    }

    /// The rate from the entry stage to `to` by outcome, counting the leads without
    /// history too: of all that reached the entry stage (seen or vouched for by where
    /// they are now), the share known to have reached `to`. On X Education (no history,
    /// customer or lost): lead->customer 3,559 of 9,237.
    public func outcome(to: String) -> Cohort? {
        guard let entryStage, let i = stages.firstIndex(where: { $0.stage == entryStage }),
              let j = stages.firstIndex(where: { $0.stage == to }), i < j, var cohort = rate(from: entryStage, to: to) else { return nil }
        cohort.reachedFrom += stages[i].reachedWithoutHistory
        cohort.reachedTo += stages[j].reachedWithoutHistory
        // Leads first seen past the entry stage that reached `to`: vouched for by history.
        for first in (i + 1)..<spans.count { for furthest in j..<spans.count { cohort.reachedTo += spans[first][furthest] } }
        // A lead without history that is not at `to`: in progress when still in an
        // ordered stage, dropped when now in a side stage.
        cohort.inProgress += nowWithoutHistory[i..<j].reduce(0, +)
        cohort.droppedOut += sideWithoutHistory
        cohort.withoutHistory = 0
        return cohort
    }
}
