import SmarketingKit

/// Leads split by the value of one field; list fields (tags) put a lead in each group.
struct Grouping {
    var groups: [(key: QueryValue, rows: [Int])]

    init(rows: [Int], by field: LeadField, in session: Session, environment: QueryEnvironment) {
        var index: [QueryValue: Int] = [:]
        var groups: [(key: QueryValue, rows: [Int])] = []
        let leads = session.workspace.leads
        for row in rows {
            let value = field.value(of: leads[row], in: environment)
            let keys: [QueryValue] = if case .list(let items) = value { items.map(QueryValue.text) } else { [value] }
            for key in keys {
                if let position = index[key] {
                    groups[position].rows.append(row)
                } else {
                    index[key] = groups.count
                    groups.append((key, [row]))
                }
            }
        }
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
}
