import Foundation

/// Turns a CSV document and the import's clauses into a plan, against a workspace.
///
/// Pure: documents and a workspace in, a plan out; nothing is changed until the caller
/// applies `plan.change`. Every row ends up added, updated or skipped (with its line and
/// reason), so the counts always add up to the rows read.
public struct ImportPlanner {
    public var workspace: Workspace
    public var actor: String
    public var now: Date
    /// Polled every few thousand rows: Ctrl-C stops a long import before it changes anything.
    public var isInterrupted: () -> Bool = { false }
    /// Set when a journalled import is made again: only the lines it added are planned,
    /// with ids numbered from where they were (the workspace it plans against is empty).
    public var replay: ImportReference?
    /// The compiled entry rule of each stage that has one (the shell compiles them, with
    /// its query environment): rows that do not meet them are counted in the plan.
    public var entryRules: [String: EntryRule] = [:]
    /// The most problems a bad row lists (the rest are counted).
    static let problemsShown = 5

    public init(workspace: Workspace, actor: String, now: Date) {
        self.workspace = workspace
        self.actor = actor
        self.now = now
    }

    /// The plan for `document` (read from `file`) under `spec`; `joined` is the document
    /// of `spec.join`, when there is one.
    public func plan(_ document: CSVDocument, file: String, spec: ImportSpec,
                     joined: CSVDocument? = nil) throws(ImportError) -> ImportPlan {
        let fileName = URL(fileURLWithPath: file).lastPathComponent
        let detected = spec.preset == nil ? ImportPreset.detect(header: document.header) : nil
        let presetKind = spec.preset ?? detected
        let layout = try Layout(document: document, file: fileName, spec: spec, preset: presetKind.map(ImportPreset.named),
                                funnel: workspace.funnel)
        let dates = ImportDate(format: spec.dateFormat)
        if let format = spec.dateFormat, !ImportDate.isValid(format: format) { throw .badDateFormat(format) }

        // Who is already in the workspace, by the key a row is matched on.
        var existing: [String: Int] = [:]
        if let key = spec.key {
            let leads = workspace.leads
            for row in 0..<leads.count {
                switch key {
                case .id: existing[leads.id(at: row)] = row
                case .email:
                    if let email = leads[row].email?.lowercased(), !email.isEmpty, existing[email] == nil { existing[email] = row }
                }
            }
        }
        let highestNumber = replay?.highestNumber ?? Self.highestNumber(in: workspace.leads)
        // A lead added into a stage sales owns gets an owner, as a move there would give
        // it: the importing person when they are in sales (a replay gives the same one).
        let salesOwner = replay.map(\.salesOwner) ?? (workspace.role(of: actor) == .sales ? actor : nil)
        var unownedInSales: [String: Int] = [:]
        // What a move would check, counted, not refused (a replay has counted it before).
        var checks = ImportChecks(role: replay == nil && !workspace.team.isEmpty ? workspace.role(of: actor) : nil,
                                  rules: replay == nil ? entryRules : [:])
        var nextNumber = highestNumber
        var skipped: [ImportPlan.Skipped] = []
        var added: [Lead] = []
        var addedLine: [Int] = []
        var updated: [(old: Lead, new: Lead)] = []
        var unchanged = 0
        var seenKeys: [String: Int] = [:]
        var stageCounts: [String: (stage: String, rows: Int)] = [:]
        var stageOrder: [String] = []
        var stageMemo: [String: Result<String, StageProblem>] = [:]
        let header = document.header
        // An add-only import of a file read as text fills the column store straight from
        // the cells (`ImportedRows`): no `Lead` value is kept per row, and a lead is made
        // again from its row of the file when something asks for it. A key (updates) or
        // a join (which edits added leads) keeps the leads as values.
        let columnar = spec.join == nil && spec.key == nil && replay == nil && !document.text.isEmpty
        var builder = ImportedRowsBuilder(source: document.text, separator: document.separator, funnel: workspace.funnel, columns: layout.columns)
        var builderIndex = LeadIDIndex()
        if columnar, document.text.count >= LeadStreamDecoder.parallelMinimumBytes { LargeAllocations.returnWhenFreed() }
        defer { LargeAllocations.reuseFreed() }
        if columnar {
            let rows = ImportedRowsBuilder.estimatedRows(in: document.text, from: document.bodyStart, columns: header.count)
            builder.reserve(rows)
            builderIndex = LeadIDIndex(capacity: rows)
        }
        // Custom columns whose answered values are all numbers, seen as the rows are read
        // (the same rule as `Layout`, which sees no rows when the file is streamed).
        let customColumns = layout.columns.indices.filter { if case .custom = layout.columns[$0].field { true } else { false } }
        var numeric = [Bool](repeating: true, count: layout.columns.count)
        var anyValue = [Bool](repeating: false, count: layout.columns.count)

        // How many rows answer each column, counted as the cells are read (not in a pass
        // of its own over a million rows).
        // The placeholders, tags and date samples the plan's notes come from, too.
        var tally = ImportTally(columns: layout.columns.count)
        if !layout.columns.contains(where: { $0.field == .created }) {
            tally.sampled = Set(layout.columns.indices.filter { index in
                if case .custom = layout.columns[index].field { ImportNotes.namesDate(layout.columns[index].name) } else { false }
            })
        }
        let byBytes = !document.text.isEmpty
        ImportProgress.reset(total: byBytes ? document.text.count : document.records.count)
        var number = 0
        try document.forEachRecord(file: fileName) { (line, fields, ranges, start) throws(ImportError) in
            defer { number += 1 }
            if number & 0xFFF == 0 {
                ImportProgress.rowsDone.store(byBytes ? start : number, ordering: .relaxed)
                if isInterrupted() { throw .interrupted }
            }
            if columnar {
                for index in customColumns where index < fields.count && numeric[index] {
                    guard let value = layout.value(fields[index], spec: spec) else { continue }
                    anyValue[index] = true
                    if Double(value) == nil || value.hasPrefix("0") && value.count > 1 && !value.hasPrefix("0.") { numeric[index] = false }
                }
            }
            if let replay, !replay.adds(line: line) { return }
            func skip(_ reason: String) { skipped.append(.init(file: fileName, line: line, reason: reason)) }
            /// A row skipped before its cells are read still counts in the plan's "answered".
            func countCells() {
                for index in 0..<min(tally.answered.count, fields.count) where layout.value(fields[index], spec: spec) != nil {
                    tally.answered[index] += 1
                }
            }
            if fields == header || (fields.count > header.count && Array(fields.prefix(header.count)) == header) {
                countCells()
                skip("the header again (a spreadsheet repeated it)")
                return
            }
            if fields.count < header.count {
                countCells()
                skip("\(Thousands.count(fields.count, "column")), the header has \(header.count)")
                return
            }
            if fields.count > header.count, fields[header.count...].contains(where: { !$0.isEmpty }) {
                countCells()
                skip("\(Thousands.count(fields.count, "column")), the header has \(header.count)")
                return
            }
            var row = Self.read(fields, layout: layout, spec: spec, dates: dates, custom: !columnar, tally: &tally)
            // A stage value no rule reads is one more problem of the same row.
            // A file has a handful of stage values: each is read once (folding and rule
            // lookups per row were a few percent of a large import).
            let stageValue = row.stageValue
            let stageResult: Result<String, StageProblem>
            if let known = stageMemo[stageValue ?? ""] {
                stageResult = known
            } else {
                stageResult = layout.stage(for: stageValue, spec: spec)
                if stageMemo.count < 10_000 { stageMemo[stageValue ?? ""] = stageResult }
            }
            if case .failure(let why) = stageResult, !row.failures.isEmpty { row.failures.append(why.text) }
            if !row.failures.isEmpty { skip(Self.problems(row.failures)); return }
            var lead = row.lead
            // The stage.
            let stage: String
            switch stageResult {
            case .success(let id): stage = id
            case .failure(let why): skip(why.text); return
            }
            let countKey = stageValue ?? ""
            if stageCounts[countKey] == nil { stageOrder.append(countKey) }
            stageCounts[countKey, default: (stage, 0)].rows += 1
            lead.stage = stage

            // Matching an existing lead, or a row of this file with the same key.
            let keyValue: String? = switch spec.key {
            case .email: lead.email?.lowercased()
            case .id, nil: lead.id.isEmpty ? nil : lead.id
            }
            if let keyValue {
                // Added rows are found in the rows' own id index (no dictionary of a
                // million ids beside it); the others in `seenKeys`.
                var key = keyValue
                let firstLine: Int? = columnar
                    ? key.withUTF8 { bytes in
                        builderIndex.find(hash: ByteHashTable.hash(bytes)) { builder.id(of: Int($0), equals: bytes) }
                            .map { builder.line(of: $0) } } ?? seenKeys[keyValue]
                    : seenKeys[keyValue]
                if let firstLine {
                    skip("repeats \(spec.key == .email ? "the email" : "the id") \(keyValue) of line \(firstLine)")
                    stageCounts[countKey]?.rows -= 1
                    return
                }
                if !columnar { seenKeys[keyValue] = line }
            }
            if spec.key != nil, let keyValue, let row = existing[keyValue] {
                let old = workspace.leads[row]
                var new = Self.merge(lead, into: old)
                if stageValue == nil, spec.stage == nil {
                    // No stage in the row: the lead keeps its own (and is no row of the stage table).
                    new.stage = old.stage
                    stageCounts[countKey]?.rows -= 1
                }
                if new.stage != old.stage, let target = workspace.funnel.stage(new.stage) {
                    // A row that moves a lead follows the agreements a move does: the team
                    // that owns the stage enters it, and the lead gets an owner from it.
                    let from = workspace.funnel.stage(old.stage)
                    let route: HandOff.Route = !target.isSide ? .move : target.team == .marketing ? .recycle : .lose
                    if let why = HandOff.refusal(actor: actor, from: from, into: target, via: route, in: workspace) {
                        skip("\(old.id) cannot enter \(target.id): \(why)")
                        stageCounts[countKey]?.rows -= 1
                        return
                    }
                    new.owner = Ownership.owner(of: new, from: from, into: target, actor: actor, named: nil, in: workspace)
                    checks.note(new, in: target, added: false)
                    new.history.append(StageChange(at: now, from: old.stage, to: new.stage, by: actor,
                                                   note: "imported from \(fileName) at line \(line)"))
                }
                if new != old { updated.append((old, new)) } else { unchanged += 1 }
                return
            }
            if lead.id.isEmpty {
                nextNumber += 1
                lead.id = Self.generatedID(nextNumber)
            } else if workspace.leads.row(of: lead.id) != nil {
                skip("a lead with id \(lead.id) is already in the workspace (key id updates it)")
                stageCounts[countKey]?.rows -= 1
                if columnar { seenKeys[lead.id] = line }
                return
            }
            if lead.owner == nil, workspace.funnel.stage(stage)?.team == .sales {
                lead.owner = salesOwner
                unownedInSales[stage, default: 0] += 1
            }
            lead.history = [StageChange(at: lead.created ?? now, from: nil, to: stage, by: actor,
                                        note: "imported from \(fileName) at line \(line)")]
            if columnar {
                if let target = workspace.funnel.stage(stage) { checks.note(lead, in: target, added: true) }
                let added = builder.append(lead, line: line, start: start, ranges: ranges)
                var id = lead.id
                id.withUTF8 { bytes in
                    _ = builderIndex.insert(row: added, hash: ByteHashTable.hash(bytes)) { builder.id(of: Int($0), equals: bytes) }
                }
            } else {
                added.append(lead)
                addedLine.append(line)
            }
        }
        var columns = layout.columns
        if columnar {
            for index in customColumns { columns[index].kind = numeric[index] && anyValue[index] ? "number" : "text" }
        }

        var plan = ImportPlan(
            file: fileName,
            document: CSVDocumentSummary(columns: header.count, separator: document.separatorName,
                                         encoding: document.encoding.rawValue, lineEnding: document.lineEnding),
            preset: presetKind, presetDetected: detected != nil, columns: columns,
            stageColumn: layout.stageColumnName,
            stageCounts: stageOrder.compactMap { key in stageCounts[key].map { .init(value: key, stage: $0.stage, rows: $0.rows) } }
                .filter { $0.rows > 0 },
            read: number, added: added, updated: updated, unchanged: unchanged, skipped: skipped,
            joined: nil)
        if columnar, builder.count > 0 {
            var finished = layout
            finished.columns = columns
            plan.batch = ImportedLeads(table: builder.table(decoder: ImportedRows.Decoder(
                layout: finished, spec: spec, dates: dates, file: fileName, actor: actor, now: now), index: builderIndex))
        }
        for index in plan.columns.indices where index < tally.answered.count { plan.columns[index].answered = tally.answered[index] }
        plan.notes = tally.notes(columns: plan.columns, read: number)
        plan.addedLines = addedLine
        plan.highestNumber = highestNumber
        plan.salesOwner = salesOwner
        plan.unownedInSales = workspace.funnel.stages.compactMap { stage in unownedInSales[stage.id].map { (stage.id, $0) } }

        if let join = spec.join, let joined {
            try self.join(joined, join, into: &plan, main: document, addedLine: addedLine)
        }
        // Leads kept as values are checked in the stage they end in, after a join moved them.
        for lead in plan.added {
            if let target = workspace.funnel.stage(lead.stage) { checks.note(lead, in: target, added: true) }
        }
        checks.fill(&plan, funnel: workspace.funnel, actor: actor)
        if spec.strict, let first = plan.skipped.first { throw .strict(skipped: plan.skipped.count, first: first) }
        return plan
    }

    /// Applies a joined file: each of its rows finds the main row with the same key and
    /// adds its columns (and, with `stage STAGE on "COLUMN"`, moves the lead there).
    private func join(_ document: CSVDocument, _ join: ImportSpec.Join, into plan: inout ImportPlan, main: CSVDocument,
                      addedLine: [Int]) throws(ImportError) {
        let fileName = URL(fileURLWithPath: join.file).lastPathComponent
        guard let mainKey = main.column(join.column) else {
            throw .noSuchColumn(join.column, file: plan.file, suggestion: Suggestion.nearest(to: join.column, in: main.header))
        }
        guard let joinKey = document.column(join.column) else {
            throw .noSuchColumn(join.column, file: fileName, suggestion: Suggestion.nearest(to: join.column, in: document.header))
        }
        let spec = join.spec
        if let format = spec.dateFormat, !ImportDate.isValid(format: format) { throw .badDateFormat(format) }
        var layout = try Layout(document: document, file: fileName, spec: spec, preset: nil, funnel: workspace.funnel)
        layout.columns[joinKey].origin = "join key (not stored again)"
        let dates = ImportDate(format: spec.dateFormat)
        var stageDate: Int?
        if let column = spec.stageDateColumn {
            guard let index = document.column(column) else {
                throw .noSuchColumn(column, file: fileName, suggestion: Suggestion.nearest(to: column, in: document.header))
            }
            stageDate = index
        }
        if let stage = spec.stage, workspace.funnel.resolve(stage) == nil {
            throw .unknownStage(stage, suggestion: Suggestion.nearest(to: stage, in: workspace.funnel.ids))
        }
        // The main rows by key, through the line each added lead came from.
        var lineOfRecord: [Int: String] = [:]
        for record in main.records where record.fields.count > mainKey { lineOfRecord[record.line] = record.fields[mainKey] }
        var addedByKey: [String: Int] = [:]
        for (index, line) in addedLine.enumerated() {
            if let key = lineOfRecord[line], addedByKey[key] == nil { addedByKey[key] = index }
        }
        var seen: [String: Int] = [:]
        var matched = 0
        let header = document.header
        for record in document.records {
            func skip(_ reason: String) { plan.skipped.append(.init(file: fileName, line: record.line, reason: reason)) }
            if record.fields == header { skip("the header again (a spreadsheet repeated it)"); continue }
            if record.fields.count < header.count
                || (record.fields.count > header.count && record.fields[header.count...].contains(where: { !$0.isEmpty })) {
                skip("\(Thousands.count(record.fields.count, "column")), the header has \(header.count)")
                continue
            }
            let key = record.fields[joinKey].trimmingCharacters(in: .whitespaces)
            if let line = seen[key] { skip("repeats \(join.column) \(key) of line \(line)"); continue }
            seen[key] = record.line
            guard let index = addedByKey[key] else {
                skip("no imported row of \(plan.file) has \(join.column) \(key)")
                continue
            }
            var lead = plan.added[index]
            var failures: [String] = []
            for (column, layoutColumn) in layout.columns.enumerated() where column != joinKey {
                guard let value = layout.value(record.fields[column], spec: spec) else { continue }
                if let why = Self.set(layoutColumn.field, value, on: &lead, column: layoutColumn, dates: dates) {
                    failures.append("\(layoutColumn.name): \(why)")
                }
            }
            var movedAt = now
            if let stageDate {
                let text = record.fields[stageDate]
                if let date = dates.parse(text) { movedAt = date } else {
                    let problem = "\(header[stageDate]): '\(text)' is not a date"
                    if !failures.contains(where: { $0.hasPrefix(header[stageDate] + ": ") }) { failures.append(problem) }
                }
            }
            if !failures.isEmpty { skip(Self.problems(failures)); continue }
            if let target = spec.stage.flatMap(workspace.funnel.resolve), target != lead.stage {
                lead.history.append(StageChange(at: movedAt, from: lead.stage, to: target, by: actor,
                                                note: "joined from \(fileName) at line \(record.line)"))
                lead.stage = target
            }
            plan.added[index] = lead
            matched += 1
        }
        // The stage counts now say where the joined rows went.
        if spec.stage != nil, matched > 0 {
            let funnel = workspace.funnel
            plan.stageCounts = Dictionary(grouping: plan.added, by: \.stage).map { .init(value: "", stage: $0.key, rows: $0.value.count) }
                .sorted { (funnel.position(of: $0.stage) ?? 0) < (funnel.position(of: $1.stage) ?? 0) }
        }
        plan.joined = .init(file: fileName, column: join.column, columns: layout.counted(document: document, spec: spec),
                            read: document.records.count, matched: matched, stage: spec.stage)
    }

    /// A bad row's problems as one reason: all of them, up to `problemsShown`, then how
    /// many more, so fixing the file takes one pass rather than one import per problem.
    static func problems(_ failures: [String]) -> String {
        var text = failures.prefix(problemsShown).joined(separator: "; ")
        if failures.count > problemsShown { text += "; and \(failures.count - problemsShown) more" }
        return text
    }

    /// Sets one field from a cell; the reason when the value does not fit the field.
    static func set(_ field: ImportField, _ value: String, on lead: inout Lead, column: ImportPlan.Column,
                    dates: ImportDate) -> String? {
        func number() -> Double? { Double(value) ?? Double(value.replacingOccurrences(of: " ", with: "")) }
        switch field {
        case .id: lead.id = value
        case .name: lead.name = value
        case .firstName, .lastName, .stage: break
        case .email: lead.email = value
        case .phone: lead.phone = value
        case .company: lead.company = value
        case .title: lead.title = value
        case .industry: lead.industry = value
        case .country: lead.country = value
        case .city: lead.city = value
        case .source: lead.source = value
        case .campaign: lead.campaign = value
        case .owner: lead.owner = value
        case .employees:
            guard let n = number(), n >= 0, n == n.rounded(), n < 1e12 else { return "'\(value)' is not a whole number" }
            lead.employees = Int(n)
        case .fit, .interest:
            guard let n = number(), (0...100).contains(n) else { return "'\(value)' is not a number from 0 to 100" }
            if field == .fit { lead.fit = n } else { lead.interest = n }
        case .value:
            guard let n = number() else { return "'\(value)' is not a number" }
            lead.value = n
        case .tags:
            lead.tags = value.split(whereSeparator: { $0 == "," || $0 == ";" })
                .map { Layout.trim(String($0)) }.filter { !$0.isEmpty }
        case .created:
            guard let date = dates.parse(value) else {
                return "'\(value)' is not a date" + (dates.format.map { " in the form \($0)" } ?? " (give date-format)")
            }
            lead.created = date
        case .custom(let name):
            if column.kind == "number", let n = Double(value) {
                lead.fields[name] = .number(n)
            } else {
                lead.fields[name] = .string(value)
            }
        }
        return nil
    }

    /// `old` with every field the imported row answered taken from `row` (a blank cell
    /// changes nothing): an update fills and changes, never empties.
    static func merge(_ row: Lead, into old: Lead) -> Lead {
        var new = old
        if let v = row.name { new.name = v }
        if let v = row.email { new.email = v }
        if let v = row.phone { new.phone = v }
        if let v = row.company { new.company = v }
        if let v = row.title { new.title = v }
        if let v = row.industry { new.industry = v }
        if let v = row.employees { new.employees = v }
        if let v = row.country { new.country = v }
        if let v = row.city { new.city = v }
        if let v = row.source { new.source = v }
        if let v = row.campaign { new.campaign = v }
        if let v = row.owner { new.owner = v }
        if let v = row.fit { new.fit = v }
        if let v = row.interest { new.interest = v }
        if let v = row.value { new.value = v }
        if let v = row.created, new.created == nil { new.created = v }
        for tag in row.tags where !new.tags.contains(tag) { new.tags.append(tag) }
        for member in row.fields.members { new.fields[member.key] = member.value }
        new.stage = row.stage
        return new
    }

    /// The highest number of an `L-nnnnnn` id, so new ids follow on.
    static func highestNumber(in leads: LeadStore) -> Int {
        var highest = 0
        for id in leads.ids where id.hasPrefix("L-") {
            if let number = Int(id.dropFirst(2)), number > highest { highest = number }
        }
        return highest
    }
}
