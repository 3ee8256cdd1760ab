/// Computed fields with a handful of values, worked out for every loaded lead at once:
/// `quadrant` from the fit and interest columns, `persona` from each persona's criteria
/// run as a column query. Codes index `values`; `CategoryColumn.none` is no value. With
/// codes, `count by persona` and `where quadrant = ideal` scan an array instead of
/// decoding a million leads.
struct ComputedCategory {
    let codes: [UInt32]
    let values: [String]

    /// Quadrant per table row, from the same fit and interest the `score` uses.
    static func quadrant(_ table: LeadTable, _ environment: QueryEnvironment) -> ComputedCategory {
        let fit = ColumnKey.fitColumn(table, environment), interest = ColumnKey.interestColumn(table, environment)
        let workspace = environment.workspace
        let order = Quadrant.allCases
        var codes = [UInt32](repeating: 0, count: table.count)
        for row in 0..<table.count {
            let quadrant = workspace.quadrant(fit: fit[row].isNaN ? nil : fit[row], interest: interest[row].isNaN ? nil : interest[row])
            codes[row] = UInt32(order.firstIndex(of: quadrant) ?? 0)
        }
        return ComputedCategory(codes: codes, values: order.map(\.rawValue))
    }

    /// Persona per table row: the first persona, in the order listed, whose criteria the
    /// lead meets. Criteria that do not compile match nobody here; queries that name
    /// `persona` report them when they are compiled.
    static func persona(_ table: LeadTable, _ environment: QueryEnvironment) -> ComputedCategory {
        var codes = [UInt32](repeating: CategoryColumn.none, count: table.count)
        var unassigned = RowBitmap(count: table.count, filled: true)
        let personas = environment.workspace.personas
        for (code, persona) in personas.enumerated() {
            guard let criteria = persona.criteria, !criteria.trimmingCharacters(in: .whitespaces).isEmpty,
                  let query = try? QueryCompiler.compileRows(criteria, in: environment, insidePersona: persona.name) else { continue }
            let matches = query.plan.evaluate(table, within: unassigned)
            for row in matches.rows {
                codes[row] = UInt32(code)
                unassigned[row] = false
            }
        }
        return ComputedCategory(codes: codes, values: personas.map(\.name))
    }
}

extension ComputedCategory {
    /// The latest verdict per table row, from the feedback columns.
    static func feedback(_ table: LeadTable) -> ComputedCategory {
        let codes = table.columns.feedbackLatest.map { $0 == 0 ? CategoryColumn.none : UInt32($0 - 1) }
        return ComputedCategory(codes: codes, values: Feedback.Verdict.allCases.map(\.rawValue))
    }

    /// The reason per table row: the note of the newest move into a side stage of the
    /// workspace's funnel (the later move on a tie), as `Lead.latestSideMove` finds it.
    static func reason(_ table: LeadTable, _ environment: QueryEnvironment) -> ComputedCategory {
        let funnel = environment.workspace.funnel
        var side = [Bool](repeating: false, count: 256)
        for (code, stage) in table.funnel.stages.enumerated() where code < 254 {
            side[code] = funnel.stage(stage.id)?.isSide == true
        }
        let columns = table.columns
        var notes = CategoryColumn()
        notes.codes = [UInt32](repeating: CategoryColumn.none, count: table.count)
        for row in 0..<table.count {
            var latest = -1
            for move in columns.historyRange(of: row) where side[Int(columns.historyTo[move])] {
                if latest < 0 || columns.historyAt[move] >= columns.historyAt[latest] { latest = move }
            }
            guard latest >= 0 else { continue }
            let ref = columns.historyNote[latest]
            guard !ref.isNone else { continue }
            let code = table.withBytes(ref) { notes.intern($0) }
            notes.codes[row] = code
        }
        return ComputedCategory(codes: notes.codes, values: notes.values)
    }
}
