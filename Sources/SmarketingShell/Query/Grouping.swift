import SmarketingKit

/// Leads split by the value of one field; list fields (tags) put a lead in each group.
struct Grouping {
    var groups: [(key: QueryValue, rows: [Int])]

    init(rows: [Int], by field: LeadField, in session: Session, environment: QueryEnvironment) {
        // Read from the lead store's columns (codes counted per category) where it can.
        var groups = session.workspace.leads.groups(of: rows, by: field, in: environment)
        let funnel = session.workspace.funnel
        if field.type == .stage {
            groups.sort { (funnel.position(of: $0.key.textValue ?? "") ?? .max) < (funnel.position(of: $1.key.textValue ?? "") ?? .max) }
        } else {
            groups.sort { $0.rows.count != $1.rows.count ? $0.rows.count > $1.rows.count : QueryValue.sortOrder($0.key, $1.key, stages: nil) < 0 }
        }
        self.groups = groups
    }
}

extension QueryValue {
    var textValue: String? {
        if case .text(let text) = self { return text }
        return nil
    }

    var numberValue: Double? {
        if case .number(let number) = self { return number }
        return nil
    }
}
