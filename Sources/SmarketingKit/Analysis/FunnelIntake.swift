import Foundation

/// How many leads each ordered stage took in over a period: the leads with a recorded
/// move into the stage (or past it, from an earlier one) in `start ..< end`. What a
/// revenue plan over 90 days must be compared with: not how many sit in a stage today,
/// but how many came in over the last 90 days.
public enum FunnelIntake {
    /// Per ordered stage id, the leads taken in; nil when `isInterrupted` said stop.
    /// A lead counts once per stage, however often it came back.
    public static func measure(_ workspace: Workspace, from start: Date, to end: Date,
                               isInterrupted: () -> Bool) -> [String: Int]? {
        let ordered = workspace.funnel.stages.filter { !$0.isSide }.map(\.id)
        var rank: [String: Int] = [:]
        for (i, id) in ordered.enumerated() { rank[id] = i }
        var counts = [Int](repeating: 0, count: ordered.count)
        var entered = [Bool](repeating: false, count: ordered.count)
        let leads = workspace.leads
        for row in 0..<leads.count {
            if row & 0xFFF == 0, isInterrupted() { return nil }
            let lead = leads.stageMoves(at: row)
            guard !lead.moves.isEmpty else { continue }
            for k in entered.indices { entered[k] = false }
            for move in lead.moves where move.at >= start && move.at < end {
                guard let to = rank[move.to] else { continue }
                // From a side stage (back from nurture) or from nowhere (created): into `to`
                // only; from an earlier ordered stage: every stage passed on the way.
                let lowest = move.from.flatMap { rank[$0] }.map { $0 + 1 } ?? to
                if lowest <= to { for k in lowest...to { entered[k] = true } }
            }
            for k in entered.indices where entered[k] { counts[k] += 1 }
        }
        return Dictionary(uniqueKeysWithValues: zip(ordered, counts))
    }
}
