extension ImportPlanner {
    /// The columns of one file and where each goes, with the stage rules: the preset,
    /// then the clauses over it.
    struct Layout {
        var columns: [ImportPlan.Column]
        var stageColumnName: String?
        /// Folded stage value → stage id: the preset's, then `stage from`'s rules.
        var stageRules: [String: String]
        let funnel: Funnel
        let nulls: Set<String>

        init(document: CSVDocument, file: String, spec: ImportSpec, preset: ImportPreset?, funnel: Funnel) throws(ImportError) {
            self.funnel = funnel
            nulls = Set(spec.nulls)
            let header = document.header
            var fields: [ImportField?] = Array(repeating: nil, count: header.count)
            var origins = Array(repeating: "kept", count: header.count)
            if let preset {
                for (column, field) in preset.fields {
                    guard let index = document.column(column), fields[index] == nil else { continue }
                    // One column per lead field: HubSpot's `Country` and `Country/Region`.
                    if field != .stage, fields.contains(field) { continue }
                    fields[index] = field
                    origins[index] = "preset"
                }
            }
            // A column named like a lead field fills it (`email`, `Company`, `First name`).
            for (index, name) in header.enumerated() where fields[index] == nil {
                // `fields.NAME`, as export writes custom fields, is that custom field.
                if name.hasPrefix("fields."), name.count > 7 {
                    fields[index] = .custom(String(name.dropFirst(7)))
                    origins[index] = "by name"
                    continue
                }
                guard let field = ImportField.byColumnName[ImportPreset.fold(name)], field != .stage || spec.stageColumn == nil,
                      !fields.contains(field) else { continue }
                fields[index] = field
                origins[index] = "by name"
            }
            for mapping in spec.mappings {
                guard let index = document.column(mapping.column) else {
                    throw .noSuchColumn(mapping.column, file: file, suggestion: Suggestion.nearest(to: mapping.column, in: header))
                }
                guard let field = ImportField(named: mapping.field) else {
                    throw .unknownField(mapping.field, suggestion: Suggestion.nearest(
                        to: mapping.field, in: ImportField.leadFields.map(\.description)))
                }
                // A field mapped by a clause leaves the column the preset gave it.
                if field != .stage, case .custom = field {} else if let other = fields.firstIndex(of: field), other != index {
                    fields[other] = nil
                    origins[other] = "kept"
                }
                fields[index] = field
                origins[index] = "map"
            }
            stageRules = preset?.stages ?? [:]
            if let column = spec.stageColumn {
                guard let index = document.column(column) else {
                    throw .noSuchColumn(column, file: file, suggestion: Suggestion.nearest(to: column, in: header))
                }
                for other in fields.indices where fields[other] == .stage { fields[other] = nil; origins[other] = "kept" }
                fields[index] = .stage
                origins[index] = "map"
            }
            for rule in spec.stageValues {
                guard let id = funnel.resolve(rule.stage) else {
                    throw .unknownStage(rule.stage, suggestion: Suggestion.nearest(to: rule.stage, in: funnel.ids))
                }
                stageRules[ImportPreset.fold(rule.value)] = id
            }
            for stage in [spec.stageElse, spec.stage].compactMap({ $0 }) where funnel.resolve(stage) == nil {
                throw .unknownStage(stage, suggestion: Suggestion.nearest(to: stage, in: funnel.ids))
            }
            // Custom names stay unique: a second `Country` column becomes `country2`.
            var used: Set<String> = []
            columns = header.enumerated().map { index, name in
                var field = fields[index]
                if field == nil {
                    var custom = ImportField.customName(for: name)
                    var n = 2
                    while used.contains(custom) { custom = ImportField.customName(for: name) + String(n); n += 1 }
                    field = .custom(custom)
                }
                if case .custom(let custom) = field { used.insert(custom) }
                return ImportPlan.Column(name: name, field: field ?? .custom(name), kind: "text", answered: 0, origin: origins[index])
            }
            stageColumnName = columns.first { $0.field == .stage }?.name
            // Custom fields whose answered values are all numbers are kept as numbers.
            for index in columns.indices {
                guard case .custom = columns[index].field else { continue }
                var numeric = true, any = false
                for record in document.records where index < record.fields.count {
                    guard let value = value(record.fields[index], spec: spec) else { continue }
                    any = true
                    if Double(value) == nil || value.hasPrefix("0") && value.count > 1 && !value.hasPrefix("0.") {
                        numeric = false
                        break
                    }
                }
                if numeric, any { columns[index].kind = "number" }
            }
        }

        /// The cell's value, or nil when it is blank or one of the `null` values.
        @inline(__always)
        func value(_ cell: String, spec: ImportSpec) -> String? {
            guard let (first, last) = Self.ends(cell) else { return nil }
            // Only a cell that starts or ends in a space (or a non-ASCII character, which
            // may be one) is trimmed: the common cell costs two byte reads.
            let mayPad = first == 0x20 || first == 0x09 || first >= 0x80 || last == 0x20 || last == 0x09 || last >= 0x80
            let trimmed = mayPad ? Self.trim(cell) : cell
            if trimmed.isEmpty || !nulls.isEmpty && nulls.contains(trimmed) { return nil }
            return trimmed
        }

        /// The first and last byte of `text`; nil when it is empty. Read from the string's
        /// own buffer: `utf8.last` walks back through the generic index path, a few
        /// percent of a large import when done for every cell.
        @inline(__always)
        static func ends(_ text: String) -> (UInt8, UInt8)? {
            if let known = text.utf8.withContiguousStorageIfAvailable({ $0.isEmpty ? nil : ($0[0], $0[$0.count - 1]) }) { return known }
            guard let first = text.utf8.first, let last = text.utf8.last else { return nil }
            return (first, last)
        }

        /// `text` without the spaces (any Unicode white space) around it; the same string
        /// when there are none, which is the usual case for a name like "Ștefan".
        static func trim(_ text: String) -> String {
            // Printable ASCII at both ends: nothing to trim (the usual case, without
            // looking up Unicode properties).
            if let (first, last) = ends(text), first > 0x20, first < 0x80, last > 0x20, last < 0x80 { return text }
            let scalars = text.unicodeScalars
            guard let head = scalars.first, let tail = scalars.last,
                  head.properties.isWhitespace || tail.properties.isWhitespace else { return text }
            return String(String.UnicodeScalarView(scalars.drop { $0.properties.isWhitespace }.reversed()
                .drop { $0.properties.isWhitespace }.reversed()))
        }

        /// The stage a row's stage value means, or why it means none.
        func stage(for value: String?, spec: ImportSpec) -> Result<String, StageProblem> {
            if let constant = spec.stage, let id = funnel.resolve(constant), stageColumnName == nil { return .success(id) }
            guard let value else {
                return .success(spec.stageElse.flatMap(funnel.resolve) ?? funnel.resolve("lead") ?? funnel.ids.first ?? "lead")
            }
            if let id = stageRules[ImportPreset.fold(value)] { return .success(id) }
            if let id = funnel.resolve(value) { return .success(id) }
            if let fallback = spec.stageElse.flatMap(funnel.resolve) { return .success(fallback) }
            return .failure(StageProblem(
                "\(stageColumnName ?? "stage"): '\(value)' is no stage (add \"\(value)\" to STAGE to stage from, or else STAGE)"))
        }

        /// The columns with how many rows answered each.
        func counted(document: CSVDocument, spec: ImportSpec) -> [ImportPlan.Column] {
            var out = columns
            var answered = [Int](repeating: 0, count: out.count)
            for record in document.records {
                for index in 0..<min(out.count, record.fields.count) where value(record.fields[index], spec: spec) != nil {
                    answered[index] += 1
                }
            }
            for index in out.indices { out[index].answered = answered[index] }
            return out
        }
    }

    /// Why a row's stage value reads as no stage.
    struct StageProblem: Error {
        let text: String
        init(_ text: String) { self.text = text }
    }
}
