import Foundation

/// The facts of a lead's way through the funnel: where it is, when it was created, and
/// every stage move. What `funnel`, `rates` and `whatif` are measured from.
public struct StageMoves: Sendable {
    public struct Move: Sendable {
        public var from: String?
        public var to: String
        public var at: Date
    }

    public var stage: String
    public var created: Date?
    public var moves: [Move]
}

extension LeadStore {
    /// The stage moves of the lead in `row`, read from the history columns when the lead
    /// is as loaded, so measuring a million leads' funnel decodes none of them.
    public func stageMoves(at row: Int) -> StageMoves {
        if let tableRow = columnRow(of: row) {
            let columns = table.columns
            let stages = table.funnel.stages
            func id(_ code: UInt8) -> String? { Int(code) < stages.count ? stages[Int(code)].id : nil }
            let stageCode = columns.stage[tableRow]
            // A code outside the funnel (a stage unknown at load) needs the lead itself.
            if let stage = id(stageCode) {
                var moves: [StageMoves.Move] = []
                var complete = true
                let range = columns.historyRange(of: tableRow)
                moves.reserveCapacity(range.count)
                for k in range {
                    guard let to = id(columns.historyTo[k]) else { complete = false; break }
                    let from = columns.historyFrom[k] == StageCodes.none ? nil : id(columns.historyFrom[k])
                    if from == nil, columns.historyFrom[k] != StageCodes.none { complete = false; break }
                    moves.append(.init(from: from, to: to, at: Date(timeIntervalSinceReferenceDate: columns.historyAt[k])))
                }
                if complete {
                    let created = columns.numbers[NumberField.created.rawValue][tableRow]
                    return StageMoves(stage: stage, created: created.isNaN ? nil : Date(timeIntervalSinceReferenceDate: created), moves: moves)
                }
            }
        }
        let lead = self[row]
        return StageMoves(stage: lead.stage, created: lead.created,
                          moves: lead.history.map { .init(from: $0.from, to: $0.to, at: $0.at) })
    }
}
