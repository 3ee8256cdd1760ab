import Foundation

/// The leads `loop` cannot place. A lead past the hand-off (sal, customer)
/// or in a side stage (lost, nurture) whose history records no move, only the stage it
/// was created in (an import brings leads in as they are now), may or may not have been
/// handed over, accepted or won: the loop does not count it, whatever the stage, and says
/// so instead of showing shares of the rest as if they were all (an imported customer
/// counted as handed over, accepted and won would make every share 100 %).
extension ClosedLoop {
    /// Of `rows` (store rows) not in `handed`, those past the hand-off or in a side
    /// stage with no recorded move, counted per stage in funnel order. (A lead before the
    /// hand-off with no move was not handed over, one in it was: nothing unknown to say.)
    public func untold(_ rows: [Int], handed: Set<Int>, in store: LeadStore) -> [(stage: String, count: Int)] {
        let side = Set(funnel.stages.filter { $0.isSide || (funnel.rank(of: $0.id) ?? -1) > stages.handOffRank }.map(\.id))
        guard !side.isEmpty else { return [] }
        var counts: [String: Int] = [:]
        let columns = store.table.columns
        for row in rows where !handed.contains(row) {
            let stage = store.stage(at: row)
            guard side.contains(stage) else { continue }
            let moved: Bool
            if let tableRow = store.columnRow(of: row) {
                moved = columns.historyRange(of: tableRow).contains { columns.historyFrom[$0] != StageCodes.none }
            } else {
                moved = store[row].history.contains { $0.from != nil }
            }
            if !moved { counts[stage, default: 0] += 1 }
        }
        return funnel.stages.compactMap { stage in counts[stage.id].map { (stage.id, $0) } }
    }
}
