import Foundation

/// The leads `loop` cannot place. A lead in a side stage (lost, nurture) whose history
/// records no move, only the stage it was created in (an import brings leads in as they
/// are now), may or may not have been handed over as an MQL before it got there: the
/// loop does not count it, and says so instead of showing shares of the rest as if they
/// were all.
extension ClosedLoop {
    /// Of `rows` (store rows) not in `handed`, those in a side stage with no recorded
    /// move, counted per stage in funnel order.
    public func untold(_ rows: [Int], handed: Set<Int>, in store: LeadStore) -> [(stage: String, count: Int)] {
        let side = Set(funnel.stages.filter(\.isSide).map(\.id))
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
