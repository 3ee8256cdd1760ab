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
        results += notes(plan)
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

    /// What a raw import would take at face value, said with the clause that changes it:
    /// placeholders counted as answers, the column that became tags, no created date.
    static func notes(_ plan: ImportPlan) -> [CommandResult] {
        let n = { (count: Int) in Thousands.format(count) }
        var results: [CommandResult] = []
        for placeholder in plan.notes.placeholders {
            var columns = placeholder.columns.map { "\(n($0.rows)) of \($0.name)" }
            if columns.count > 1, let last = columns.popLast() { columns[columns.count - 1] += " and " + last }
            let value = "\"\(placeholder.value)\""
            results.append(.message("\(value) is in \(columns.joined(separator: ", ")) (of \(n(plan.read)) rows): "
                                    + "exports write it for \"not answered\", and here it counts as an answer and is kept as a value; "
                                    + "null \(value) reads it as blank"))
        }
        if let tags = plan.notes.tags, tags.rows > 0 {
            let how = tags.origin == "map" ? "" : " (\(tags.origin))"
            var text = "\(tags.column) became the leads' tags\(how): \(tags.more ? "over " : "")\(Thousands.count(tags.distinct, "distinct tag")) "
                + "on \(Thousands.count(tags.rows, "row"))"
            if !tags.common.isEmpty {
                text += ", the most common " + tags.common.map { "\"\($0.tag)\" (\(n($0.rows)))" }.joined(separator: ", ")
            }
            let field = "fields." + ImportField.customName(for: tags.column)
            if tags.sentences {
                text += "; they read like notes, not labels: map \"\(tags.column)\" to \(field) keeps them as one field"
            } else if tags.origin == "by name" {
                text += "; map \"\(tags.column)\" to \(field) keeps them as one field instead"
            }
            results.append(.message(text))
        }
        if let column = plan.notes.idColumn, plan.addedCount > 0 {
            results.append(.message("no column gives the leads' ids: they are numbered L-nnnnnn, so importing the file again adds them again; "
                                    + "\(column) looks like one: map \"\(column)\" to id keeps the file's (and key id then updates them)"))
        }
        switch plan.notes.created {
        case .noColumn(let candidates) where plan.addedCount > 0:
            let count = plan.addedCount
            let they = count == 1 ? "it" : "them"
            var text = "no column gives a created date: \(count == 1 ? "the lead gets" : "the \(n(count)) leads get") none, so age is empty "
                + "for \(they) (where age > 30d finds none); \(count == 1 ? "its" : "their") history starts at the import, so idle time "
                + "and sla count \(they) as entering \(count == 1 ? "its" : "their") stage now; "
            if candidates.isEmpty {
                text += "map \"COLUMN\" to created gives one"
            } else {
                text += candidates.map { candidate in
                    "map \"\(candidate.column)\" to created" + (candidate.format.map { " date-format \($0)" } ?? "")
                }.joined(separator: ", or ") + " gives one"
            }
            results.append(.message(text))
        case .blank(let column, let rows) where plan.addedCount > 0:
            results.append(.message("\(column) is blank in \(Thousands.count(rows, "row")): \(rows == 1 ? "that lead gets" : "those leads get") "
                                    + "no created date, so age is empty for \(rows == 1 ? "it" : "them") and \(rows == 1 ? "its" : "their") "
                                    + "history starts at the import"))
        default:
            break
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
