/// A lead's way through the funnel as ranks in the ordered stages, read straight from the
/// history columns: what `FunnelAnalysis` measures a million leads from without building
/// a string or an array per lead (the `StageMoves` of `stageMoves(at:)` cost about 0.3 s
/// per million leads in allocations and dictionary lookups).
struct RankedMove {
    /// The ordered rank left; `RankedMove.created` when the lead was created in `to`,
    /// `RankedMove.aside` for a stage outside the order (a side stage, an unknown one).
    var from: Int
    /// The ordered rank entered, or `RankedMove.aside`.
    var to: Int
    /// Seconds since the reference date.
    var at: Double

    static let aside = -1
    static let created = -2
}

/// The ranks of the table's stage codes in one funnel's ordered stages.
struct StageRankMap {
    /// Per table stage code (0...255): its rank, `RankedMove.aside`, or `unknown` when
    /// the code names no stage of the table's funnel (the lead must then be decoded).
    fileprivate var ranks: [Int]
    /// The rank of each ordered stage id.
    let rank: [String: Int]

    static let unknown = Int.min

    init(table funnel: Funnel, ordered: [String]) {
        var rank: [String: Int] = [:]
        for (i, id) in ordered.enumerated() { rank[id] = i }
        self.rank = rank
        ranks = [Int](repeating: Self.unknown, count: 256)
        for (code, stage) in funnel.stages.enumerated() where code < 254 {
            ranks[code] = rank[stage.id] ?? RankedMove.aside
        }
        ranks[Int(StageCodes.none)] = RankedMove.created
    }

    /// The rank of a stage id (`RankedMove.aside` outside the order).
    func rank(of id: String) -> Int { rank[id] ?? RankedMove.aside }
}

extension LeadStore {
    /// The map from this store's stage codes to ranks in `ordered` (stage ids).
    func stageRankMap(ordered: [String]) -> StageRankMap {
        StageRankMap(table: table.funnel, ordered: ordered)
    }

    /// The lead in `row`'s stage rank and creation time (NaN for none), with its moves
    /// put in `moves` (emptied first). Read from the columns when the lead is as loaded;
    /// else, or when a code is unknown, from the lead's `stageMoves`, with the same ranks.
    func rankedMoves(at row: Int, map: StageRankMap, into moves: inout [RankedMove]) -> (stage: Int, created: Double) {
        moves.removeAll(keepingCapacity: true)
        if let tableRow = columnRow(of: row) {
            let columns = table.columns
            let stage = map.ranks[Int(columns.stage[tableRow])]
            if stage != StageRankMap.unknown {
                var complete = true
                for k in columns.historyRange(of: tableRow) {
                    let to = map.ranks[Int(columns.historyTo[k])], from = map.ranks[Int(columns.historyFrom[k])]
                    // A lead is never "created" into `to` by a move's `to` code.
                    guard to != StageRankMap.unknown, to != RankedMove.created, from != StageRankMap.unknown else {
                        complete = false
                        break
                    }
                    moves.append(RankedMove(from: from, to: to, at: columns.historyAt[k]))
                }
                if complete { return (stage, columns.numbers[NumberField.created.rawValue][tableRow]) }
                moves.removeAll(keepingCapacity: true)
            }
        }
        let lead = stageMoves(at: row)
        for move in lead.moves {
            moves.append(RankedMove(from: move.from.map { map.rank(of: $0) } ?? RankedMove.created, to: map.rank(of: move.to),
                                    at: move.at.timeIntervalSinceReferenceDate))
        }
        return (map.rank(of: lead.stage), lead.created?.timeIntervalSinceReferenceDate ?? .nan)
    }
}
