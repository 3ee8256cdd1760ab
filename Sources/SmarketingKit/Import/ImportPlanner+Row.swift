import Foundation

extension ImportPlanner {
    /// One row's cells read into a lead: the fields it fills, its stage value, and what
    /// does not parse. Shared by planning and by `ImportedRows`, which makes an added
    /// lead again from its row, so both read a row the same way.
    struct RowRead {
        var lead: Lead
        var stageValue: String?
        var failures: [String]
    }

    /// Reads `fields` under `layout`; `custom` false leaves the custom fields out (an
    /// add-only import keeps them in the file, not in the lead it plans with);
    /// `tally` counts the columns that had a value, the placeholders and the tags.
    static func read(_ fields: [String], layout: Layout, spec: ImportSpec, dates: ImportDate, custom: Bool,
                     tally: inout ImportTally) -> RowRead {
        var lead = Lead(id: "", stage: "")
        var first: String?, last: String?
        var stageValue: String?
        var failures: [String] = []
        for (index, column) in layout.columns.enumerated() where index < fields.count {
            guard let value = layout.value(fields[index], spec: spec) else { continue }
            tally.count(value, column: index)
            switch column.field {
            case .stage: stageValue = value
            case .firstName: first = value
            case .lastName: last = value
            case .custom where !custom: break
            case .tags:
                _ = set(.tags, value, on: &lead, column: column, dates: dates)
                tally.count(tags: lead.tags)
            default:
                if let why = set(column.field, value, on: &lead, column: column, dates: dates) {
                    failures.append("\(column.name): \(why)")
                }
            }
        }
        if lead.name == nil, first != nil || last != nil {
            lead.name = [first, last].compactMap { $0 }.joined(separator: " ")
        }
        return RowRead(lead: lead, stageValue: stageValue, failures: failures)
    }

    /// The id given to the `number`th lead of a workspace when the file has none: `L-000042`.
    static func generatedID(_ number: Int) -> String {
        let digits = String(number)
        return "L-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }
}
