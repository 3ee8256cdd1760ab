import Foundation

/// The closed loop counted from the column store: a lead's hand-off, acceptance, rejects,
/// latest verdict and win are read from the stage, history and feedback columns, so
/// `loop` over a hundred thousand leads decodes none of them. Edited or inserted leads
/// (and any row whose stages the columns cannot name) are counted from the lead itself,
/// with `tally(_:)`, which stays the definition.
extension ClosedLoop {
    /// Each of `rows` (store rows) that was handed over in the window, with its
    /// contribution, in the order given; nil when `isInterrupted` said stop (polled only
    /// where leads are decoded).
    public func tallies(of rows: [Int], in store: LeadStore,
                        isInterrupted: () -> Bool = { false }) -> [(row: Int, tally: Tally)]? {
        let reader = ColumnReader(self, store.table)
        var result: [(row: Int, tally: Tally)] = []
        var decoded = 0
        for row in rows {
            let tally: Tally?
            switch store.columnRow(of: row).map(reader.read) {
            case .counted(let counted)?:
                tally = counted
            case .notHanded?:
                tally = nil
            case .decode?, nil:
                decoded += 1
                if decoded & 0xFFF == 0, isInterrupted() { return nil }
                tally = self.tally(store[row])
            }
            if let tally { result.append((row, tally)) }
        }
        return result
    }

    /// What the columns say about one row.
    private enum Reading {
        case counted(Tally)
        /// Not handed over (in the window).
        case notHanded
        /// A stage the columns cannot name: decode the lead.
        case decode
    }

    /// The loop's stage tests as arrays indexed by the table's stage codes.
    private struct ColumnReader {
        let loop: ClosedLoop
        let table: LeadTable
        /// Funnel rank per stage code (-1: a side stage); nil for codes the table's
        /// funnel does not name.
        var rank = [Int?](repeating: nil, count: 256)
        var isWon = [Bool](repeating: false, count: 256)
        let noneSeconds = Date.distantPast.timeIntervalSinceReferenceDate

        init(_ loop: ClosedLoop, _ table: LeadTable) {
            self.loop = loop
            self.table = table
            for (code, stage) in table.funnel.stages.enumerated() where code < 254 {
                rank[code] = loop.funnel.rank(of: stage.id) ?? -1
                isWon[code] = stage.id == loop.stages.won
            }
        }

        /// The row's contribution, read from the columns.
        func read(_ row: Int) -> Reading {
            let columns = table.columns
            let moves = columns.historyRange(of: row)
            guard let stageRank = rank[Int(columns.stage[row])] else { return .decode }
            var handedAt: Double?
            var accepted = stageRank >= loop.stages.acceptedRank
            var won = isWon[Int(columns.stage[row])]
            var rejected = false
            var reason: TextRef?
            var moved = false
            for move in moves {
                let code = Int(columns.historyTo[move])
                guard let moveRank = rank[code] else { return .decode }
                if columns.historyFrom[move] != StageCodes.none { moved = true }
                if handedAt == nil, moveRank >= loop.stages.handOffRank { handedAt = columns.historyAt[move] }
                if moveRank >= loop.stages.acceptedRank { accepted = true }
                if isWon[code] { won = true }
                if columns.historyReject[move] {
                    rejected = true
                    if !columns.historyNote[move].isNone { reason = columns.historyNote[move] }
                }
            }
            // Created in its stage with no move since: not counted, unless that stage is
            // the hand-off itself (see `isTold`).
            guard moved || stageRank == loop.stages.handOffRank else { return .notHanded }
            if handedAt == nil, stageRank >= loop.stages.handOffRank {
                let created = columns.numbers[NumberField.created.rawValue][row]
                handedAt = created.isNaN ? noneSeconds : created
            }
            guard let at = handedAt else { return .notHanded }
            let date = Date(timeIntervalSinceReferenceDate: at)
            guard loop.since.map({ date > $0 }) ?? true, date <= loop.now || loop.since == nil else { return .notHanded }
            var tally = Tally()
            tally.handed = 1
            if accepted { tally.accepted = 1 }
            if rejected {
                tally.rejected = 1
                if let reason { tally.reasons[table.withBytes(reason) { String(decoding: $0, as: UTF8.self) }] = 1 }
            }
            switch Int(columns.feedbackLatest[row]) - 1 {
            case -1: break
            case let position where Feedback.Verdict.allCases.indices.contains(position):
                switch Feedback.Verdict.allCases[position] {
                case .good: tally.good = 1
                case .bad: tally.bad = 1
                }
            default: break
            }
            if won { tally.won = 1 }
            return .counted(tally)
        }
    }
}
