import SmarketingKit

/// How an import's plan reads: the file, its columns and where they go, the stage values,
/// the rows skipped, and the counts that add up to the rows read.
enum ImportReport {
    /// The most skipped rows listed one by one (the count says how many more).
    static let skippedShown = 20

    static func plan(_ plan: ImportPlan) -> [CommandResult] {
        var results: [CommandResult] = []
        let doc = plan.document
        let presetText = plan.preset.map { " · preset \($0.rawValue)" + (plan.presetDetected ? " (found from the header)" : "") } ?? ""
        results.append(.table(columnTable(plan.columns, title: "import \(plan.file): \(Thousands.format(plan.read)) rows, \(Thousands.format(doc.columns)) columns · separator "
                                          + "'\(doc.separator)' · \(doc.encoding) · \(doc.lineEnding)" + presetText)))
        if let joined = plan.joined {
            results.append(.table(columnTable(joined.columns, title: "join \(joined.file) on \(joined.column): \(Thousands.format(joined.read)) rows, "
                                              + "\(Thousands.format(joined.matched)) matched" + (joined.stage.map { ", moved to \($0)" } ?? ""))))
        }
        if !plan.stageCounts.isEmpty {
            let title = plan.joined?.stage != nil ? "stages after the join" : "stages" + (plan.stageColumn.map { " from \($0)" } ?? "")
            let showValues = plan.stageCounts.contains { !$0.value.isEmpty }
            var table = Table(title: title, columns: showValues ? ["value", "stage", "rows"] : ["stage", "rows"], stageColumns: [showValues ? 1 : 0])
            for count in plan.stageCounts {
                let row: [TableValue] = [.text(count.stage), .number(Double(count.rows))]
                table.rows.append(showValues ? [count.value.isEmpty ? .text("(blank)") : .text(count.value)] + row : row)
            }
            results.append(.table(table))
        }
        if !plan.unownedInSales.isEmpty {
            // Sales' stages have an owner from sales; the file named none for these.
            let total = plan.unownedInSales.reduce(0) { $0 + $1.rows }
            let stages = plan.unownedInSales.map { "\($0.stage) \(Thousands.format(Double($0.rows)))" }.joined(separator: ", ")
            let what = "\(Thousands.format(Double(total))) lead\(total == 1 ? "" : "s") in sales' stages \(total == 1 ? "has" : "have") no owner in the file (\(stages))"
            if let owner = plan.salesOwner {
                results.append(.message(what + ": \(owner) owns \(total == 1 ? "it" : "them"), as the sales person importing"))
            } else {
                results.append(.message(what + ": map \"COLUMN\" to owner fills it from the file; "
                                        + "imported by a sales person (as NAME), they would own them"))
            }
        }
        results += checks(plan)
        if !plan.skipped.isEmpty {
            var table = Table(title: "skipped rows", columns: ["where", "why"])
            for skipped in plan.skipped.prefix(skippedShown) {
                table.rows.append([.text("\(skipped.file):\(skipped.line)"), .text(skipped.reason)])
            }
            if plan.skipped.count > skippedShown { table.footer = "… and \(Thousands.format(plan.skipped.count - skippedShown)) more" }
            results.append(.table(table))
        }
        return results
    }

    /// What `add lead` and `move` would have checked and the import did not refuse for:
    /// rows into the other team's stages, and rows that do not meet a stage's entry rule.
    static func checks(_ plan: ImportPlan) -> [CommandResult] {
        var results: [CommandResult] = []
        let n = { (count: Int) in Thousands.format(count) }
        if let importer = plan.importer {
            var teams: [Team] = []
            for stage in plan.outsideTeam where !teams.contains(stage.team) { teams.append(stage.team) }
            for team in teams {
                let stages = plan.outsideTeam.filter { $0.team == team }
                guard !stages.isEmpty else { continue }
                let total = stages.reduce(0) { $0 + $1.rows }
                let each = stages.map { "\($0.stage) \(n($0.rows))" }.joined(separator: ", ")
                results.append(.message("\(n(total)) row\(total == 1 ? "" : "s") go\(total == 1 ? "es" : "") into \(team.possessive) stages (\(each)), "
                                        + "imported by \(importer.name) of \(importer.team): not checked against the hand-off"))
            }
        }
        for failing in plan.failingEntry {
            results.append(.message("\(n(failing.rows)) row\(failing.rows == 1 ? "" : "s") into \(failing.stage) "
                                    + "\(failing.rows == 1 ? "does" : "do") not meet its entry rule (\(failing.rule))"))
        }
        return results
    }

    static func columnTable(_ columns: [ImportPlan.Column], title: String) -> Table {
        var table = Table(title: title, columns: ["column", "field", "answered", "how"])
        for column in columns {
            var how = column.origin
            if case .custom = column.field, column.kind == "number" { how += ", numbers" }
            table.rows.append([.text(column.name), .text(column.field.description), .number(Double(column.answered)), .text(how)])
        }
        return table
    }

    /// The first leads as they would be added.
    static func preview(_ plan: ImportPlan) -> CommandResult {
        var table = Table(title: "the first leads as they would be added", columns: ["id", "name", "email", "company", "source", "stage", "created"],
                          stageColumns: [5])
        for lead in plan.preview(5) {
            table.rows.append([.text(lead.id), TableValue(lead.name), TableValue(lead.email), TableValue(lead.company),
                               TableValue(lead.source), .text(lead.stage), TableValue(lead.created)])
        }
        if plan.addedCount > 5 { table.footer = "5 of \(Thousands.format(plan.addedCount))" }
        return .table(table)
    }

    /// `9,237 rows read: 9,237 added, 0 updated, 0 unchanged, 0 skipped` (the parts add up).
    static func counts(_ plan: ImportPlan, future: Bool) -> String {
        let skipped = plan.skippedRows
        let n = { (count: Int) in Thousands.format(count) }
        var text = "\(n(plan.read)) row\(plan.read == 1 ? "" : "s") read: \(n(plan.addedCount)) \(future ? "to add" : "added"), "
            + "\(n(plan.updated.count)) \(future ? "to update" : "updated"), "
        if plan.unchanged > 0 { text += "\(n(plan.unchanged)) unchanged, " }
        text += "\(n(skipped)) skipped"
        if let joined = plan.joined {
            text += "; \(joined.file): \(n(joined.read)) rows read, \(n(joined.matched)) joined, \(n(joined.read - joined.matched)) skipped"
        }
        return text
    }
}
