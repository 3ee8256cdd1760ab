import Foundation

/// Where a field's value comes from in the column store, for the fields that have a
/// column path; the rest are read from materialized leads.
enum ColumnKey: Equatable {
    case text(TextField)
    case category(CategoryField)
    case number(NumberField)
    case stage, score, age, idle, attempts, activities, dupes
    /// Computed fields with a few values (`ComputedCategory`).
    case quadrant, persona
    /// Tags, from the tag columns.
    case tags
    /// The closed loop: the latest verdict and the latest side move's reason (computed
    /// categories), how many verdicts, and whether sales ever rejected the lead.
    case feedback, feedbacks, reason, rejected
    /// A custom field, `fields.NAME`, parsed from the lead's `fields` bytes alone.
    case custom(String)

    init?(_ field: LeadField) {
        if field.name.lowercased().hasPrefix("fields."), field.name.count > 7 {
            self = .custom(String(field.name.dropFirst(7)))
            return
        }
        switch field.name {
        case "id": self = .text(.id)
        case "name": self = .text(.name)
        case "email": self = .text(.email)
        case "phone": self = .text(.phone)
        case "company": self = .text(.company)
        case "title": self = .text(.title)
        case "industry": self = .category(.industry)
        case "country": self = .category(.country)
        case "city": self = .category(.city)
        case "source": self = .category(.source)
        case "campaign": self = .category(.campaign)
        case "owner": self = .category(.owner)
        case "employees": self = .number(.employees)
        case "fit": self = .number(.fit)
        case "interest": self = .number(.interest)
        case "value": self = .number(.value)
        case "created": self = .number(.created)
        case "stage": self = .stage
        case "score": self = .score
        case "age": self = .age
        case "idle": self = .idle
        case "attempts": self = .attempts
        case "activities": self = .activities
        case "dupes": self = .dupes
        case "quadrant": self = .quadrant
        case "persona": self = .persona
        case "tags": self = .tags
        case "feedback": self = .feedback
        case "feedbacks": self = .feedbacks
        case "reason": self = .reason
        case "rejected": self = .rejected
        default: return nil
        }
    }

    /// True for keys read as one `Double` per row (NaN for none).
    var isNumeric: Bool {
        switch self {
        case .number, .score, .age, .idle, .attempts, .activities, .dupes, .feedbacks: true
        case .text, .category, .stage, .quadrant, .persona, .tags, .custom, .feedback, .reason, .rejected: false
        }
    }

    /// The row's value as a `Double`, NaN for none; numeric keys only.
    func number(_ table: LeadTable, _ row: Int, _ environment: QueryEnvironment) -> Double {
        reader(table, environment)(row)
    }

    /// A reader of the key's value per table row (NaN for none) with its arrays, the
    /// scoring weights and the clock looked up once, for loops over many rows.
    func reader(_ table: LeadTable, _ environment: QueryEnvironment) -> (Int) -> Double {
        let numbers = table.columns.numbers
        switch self {
        case .number(let field):
            let values = Self.numberColumn(field, table, environment)
            return { values[$0] }
        case .score:
            let fit = Self.fitColumn(table, environment), interest = Self.interestColumn(table, environment)
            let scoring = environment.workspace.scoring
            return { Self.score(fit[$0], interest[$0], scoring) }
        case .age, .idle:
            let dates = numbers[self == .age ? NumberField.created.rawValue : NumberField.lastTouched.rawValue]
            let now = environment.now.timeIntervalSinceReferenceDate
            return { now - dates[$0] }
        case .attempts:
            let attempts = table.columns.attempts
            // Types the team added as attempts are counted from the activity columns.
            let added = environment.workspace.addedAttemptTypes
            guard !added.isEmpty else { return { Double(attempts[$0]) } }
            let columns = table.columns
            let codes = Set(columns.activityTypes.values.indices.filter { added.contains(columns.activityTypes.values[$0]) }.map { UInt32($0) })
            return { row in
                Double(attempts[row]) + Double(columns.activityRange(of: row).reduce(0) { codes.contains(columns.activityTypes.codes[$1]) ? $0 + 1 : $0 })
            }
        case .activities:
            let columns = table.columns
            return { Double(columns.activityRange(of: $0).count) }
        case .feedbacks:
            let counts = table.columns.feedbackCount
            return { Double(counts[$0]) }
        case .dupes:
            return { Double(environment.duplicates(tableRow: $0, in: table)) }
        case .text, .category, .stage, .quadrant, .persona, .tags, .custom, .feedback, .reason, .rejected:
            return { _ in .nan }
        }
    }

    /// The key of each of `rows` (table rows), in one loop per key kind with the
    /// arrays read directly: top-k selection reads a key for every selected row.
    func numbers(of rows: [Int], _ table: LeadTable, _ environment: QueryEnvironment) -> [Double] {
        switch self {
        case .number(let field):
            return Self.numberColumn(field, table, environment).withUnsafeBufferPointer { values in rows.map { values[$0] } }
        case .score:
            let scoring = environment.workspace.scoring
            return Self.fitColumn(table, environment).withUnsafeBufferPointer { fit in
                Self.interestColumn(table, environment).withUnsafeBufferPointer { interest in
                    rows.map { Self.score(fit[$0], interest[$0], scoring) }
                }
            }
        default:
            let read = reader(table, environment)
            return rows.map(read)
        }
    }

    /// A number field per table row: fit and interest as the scoring says (derived or
    /// stored), the rest as stored.
    static func numberColumn(_ field: NumberField, _ table: LeadTable, _ environment: QueryEnvironment) -> [Double] {
        switch field {
        case .fit: fitColumn(table, environment)
        case .interest: interestColumn(table, environment)
        default: table.columns.numbers[field.rawValue]
        }
    }

    /// Fit per table row: derived from the rules when there are any, else as stored.
    static func fitColumn(_ table: LeadTable, _ environment: QueryEnvironment) -> [Double] {
        environment.scoringEngine.fitColumn(table) ?? table.columns.numbers[NumberField.fit.rawValue]
    }

    /// Interest per table row: derived from the rules when there are any, else as stored.
    static func interestColumn(_ table: LeadTable, _ environment: QueryEnvironment) -> [Double] {
        environment.scoringEngine.interestColumn(table) ?? table.columns.numbers[NumberField.interest.rawValue]
    }

    /// The codes and values of a key read as a small category: stored categories, stages,
    /// quadrant and persona; nil for the rest. `none` codes are `CategoryColumn.none`.
    func categoryCodes(_ table: LeadTable, _ environment: QueryEnvironment) -> (codes: [UInt32], valueCount: Int)? {
        switch self {
        case .category(let field):
            let column = table.columns.categories[field.rawValue]
            return (column.codes, column.values.count)
        case .quadrant, .persona, .feedback, .reason:
            let category = environment.computedCategory(self, table)
            return (category.codes, category.values.count)
        default:
            return nil
        }
    }

    /// `Scoring.score(fit:interest:)` over column values, NaN for none.
    @inline(__always)
    static func score(_ fit: Double, _ interest: Double, _ scoring: Scoring) -> Double {
        scoring.score(fit: fit.isNaN ? nil : fit, interest: interest.isNaN ? nil : interest) ?? .nan
    }

    /// A numeric value of a materialized lead, for rows outside the columns.
    static func number(of value: QueryValue) -> Double {
        switch value {
        case .number(let x), .duration(let x): x
        case .date(let d): d.timeIntervalSinceReferenceDate
        default: .nan
        }
    }

    /// The row's value as the field would give it, read from the columns.
    func value(_ table: LeadTable, _ row: Int, _ environment: QueryEnvironment) -> QueryValue {
        switch self {
        case .text(let field): return table.text(field, at: row).map(QueryValue.text) ?? .none
        case .category(let field): return table.columns.categories[field.rawValue].value(at: row).map(QueryValue.text) ?? .none
        case .quadrant, .persona, .feedback, .reason:
            let category = environment.computedCategory(self, table)
            let code = category.codes[row]
            return code == CategoryColumn.none ? .none : .text(category.values[Int(code)])
        case .rejected:
            let rejects = table.columns.historyReject
            return .bool(table.columns.historyRange(of: row).contains { rejects[$0] })
        case .tags:
            let column = table.columns.tags
            let range = table.columns.tagRange(of: row)
            return range.isEmpty ? .none : .list(range.map { column.values[Int(column.codes[$0])] })
        case .custom(let key):
            // An import's rows: the custom field is its cell in the CSV.
            if let rows = table.rows { return LeadField.customValue(rows.customValue(key, at: row, in: table)) }
            let start = table.columns.fieldsStart[row]
            guard start >= 0 else {
                // No fields in the file's text: either none at all, or a lead kept whole.
                return table.whole[row].map { LeadField.customValue($0.fields[key]) } ?? .none
            }
            let object = table.source.withUnsafeBufferPointer { try? JSONParser.parseValue(in: $0, at: start).value }
            guard case .object(let members)? = object else { return .none }
            return LeadField.customValue(members[key])
        case .stage:
            let code = Int(table.columns.stage[row])
            return .text(table.funnel.stages.indices.contains(code) ? table.funnel.stages[code].id : table.lead(at: row).stage)
        case .number(.created):
            let x = number(table, row, environment)
            return x.isNaN ? .none : .date(Date(timeIntervalSinceReferenceDate: x))
        case .age, .idle:
            let x = number(table, row, environment)
            return x.isNaN ? .none : .duration(x)
        default:
            let x = number(table, row, environment)
            return x.isNaN ? .none : .number(x)
        }
    }
}
