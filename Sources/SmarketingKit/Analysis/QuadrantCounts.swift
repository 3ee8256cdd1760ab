/// How many of some leads sit in each cell of the fit × interest grid: what `quadrant`
/// shows. Fit and interest are read from their columns (derived once per table and
/// rules), not through a `QueryValue` per lead.
extension LeadStore {
    /// The leads of `rows` per quadrant (cells with none are left out); nil when
    /// `isInterrupted` said stop.
    public func quadrantCounts(of rows: [Int], in environment: QueryEnvironment, isInterrupted: () -> Bool) -> [Quadrant: Int]? {
        let workspace = environment.workspace
        guard let fitField = LeadField.named("fit"), let interestField = LeadField.named("interest") else { return [:] }
        let fit = ColumnKey.fitColumn(table, environment), interest = ColumnKey.interestColumn(table, environment)
        var cells = [Int](repeating: 0, count: Quadrant.allCases.count)
        for (index, row) in rows.enumerated() {
            if index & 0xFFFF == 0, isInterrupted() { return nil }
            let quadrant: Quadrant
            if let tableRow = columnRow(of: row) {
                let f = fit[tableRow], i = interest[tableRow]
                quadrant = workspace.quadrant(fit: f.isNaN ? nil : f, interest: i.isNaN ? nil : i)
            } else {
                let lead = self[row]
                func number(_ value: QueryValue) -> Double? { if case .number(let x) = value { x } else { nil } }
                quadrant = workspace.quadrant(fit: number(fitField.value(of: lead, in: environment)),
                                              interest: number(interestField.value(of: lead, in: environment)))
            }
            switch quadrant {
            case .ideal: cells[0] += 1
            case .nurture: cells[1] += 1
            case .curious: cells[2] += 1
            case .cold: cells[3] += 1
            }
        }
        var counts: [Quadrant: Int] = [:]
        for (k, quadrant) in [Quadrant.ideal, .nurture, .curious, .cold].enumerated() where cells[k] > 0 { counts[quadrant] = cells[k] }
        return counts
    }
}
