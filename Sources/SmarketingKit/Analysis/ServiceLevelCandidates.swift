import Foundation

/// The leads the SLA check must look at, found from the columns: `sla` on a million
/// leads decoded every lead touched in the window (a few hundred thousand); only those
/// that entered the MQL or hand-off stage in the window can count, and those are few.
extension LeadStore {
    /// The rows touched within `window` before `environment.now` (idle at most
    /// `window`) that may have entered one of `stages` (ids) in the window: a lead as
    /// loaded is kept only when its history columns show such a move (or a move to a
    /// stage the columns do not know); an edited or added lead is always kept. Nil when
    /// `isInterrupted` said stop.
    public func serviceLevelCandidates(window: Double, entering stages: [String], in environment: QueryEnvironment,
                                       isInterrupted: () -> Bool) -> [Int]? {
        guard let idleField = LeadField.named("idle") else { return [] }
        let now = environment.now.timeIntervalSinceReferenceDate, start = now - window
        let columns = table.columns
        let lastTouched = columns.numbers[NumberField.lastTouched.rawValue]
        var wanted = [Bool](repeating: false, count: 256)
        for (code, stage) in table.funnel.stages.enumerated() where code < 254 && stages.contains(stage.id) { wanted[code] = true }
        wanted[255] = true
        var rows: [Int] = []
        for row in 0..<count {
            if row & 0xFFF == 0, isInterrupted() { return nil }
            guard let tableRow = columnRow(of: row) else {
                if case .duration(let seconds) = value(of: idleField, at: row, in: environment), seconds <= window { rows.append(row) }
                continue
            }
            guard now - lastTouched[tableRow] <= window else { continue }
            for k in columns.historyRange(of: tableRow) where wanted[Int(columns.historyTo[k])] {
                let at = columns.historyAt[k]
                if columns.historyTo[k] == 255 || (at > start && at <= now) {
                    rows.append(row)
                    break
                }
            }
        }
        return rows
    }
}

extension LeadStore {
    /// What the SLA check reads of the leads in `rows`, from the columns: the ids, stages,
    /// moves and attempt times of a loaded lead are there, so the tens of thousands of
    /// leads a month of a million enters are judged without decoding one (`sla` spent most
    /// of its first call decoding them). An edited or added lead, or one whose history
    /// names a stage the columns do not know, is read from its `Lead`.
    public func serviceLevelSubjects(of rows: [Int], attemptTypes: Set<String>) -> [ServiceLevelCheck.Subject] {
        let columns = table.columns
        let stages = table.funnel.stages
        let isAttempt = columns.activityTypes.values.map { attemptTypes.contains($0) }
        let stageIDs = stages.prefix(254).map(\.id)
        return rows.map { row in
            guard let tableRow = columnRow(of: row), Int(columns.stage[tableRow]) < stageIDs.count else {
                return ServiceLevelCheck.Subject(self[row], attemptTypes: attemptTypes)
            }
            var moves: [(to: String, at: Date)] = []
            for k in columns.historyRange(of: tableRow) {
                let code = Int(columns.historyTo[k])
                guard code < stageIDs.count else { return ServiceLevelCheck.Subject(self[row], attemptTypes: attemptTypes) }
                moves.append((stageIDs[code], Date(timeIntervalSinceReferenceDate: columns.historyAt[k])))
            }
            var attempts: [Date] = []
            for k in columns.activityRange(of: tableRow) {
                let code = columns.activityTypes.codes[k]
                if code != CategoryColumn.none, isAttempt[Int(code)] {
                    attempts.append(Date(timeIntervalSinceReferenceDate: columns.activityAt[k]))
                }
            }
            return ServiceLevelCheck.Subject(id: table.id(at: tableRow), stage: stageIDs[Int(columns.stage[tableRow])],
                                             moves: moves, attempts: attempts)
        }
    }
}
