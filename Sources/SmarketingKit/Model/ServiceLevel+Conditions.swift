/// First-contact promises that differ by condition: ideal leads first (`sla set contact
/// 1h where quadrant = ideal`). Kept in the SLA object as
/// `"sales": {"firstContact": [{"where": "quadrant = ideal", "hours": 1}]}`; a lead meets
/// the first condition that holds for it, and `firstContactHours` is the promise for
/// the rest.
extension ServiceLevel {
    /// One conditional first-contact promise.
    public struct ContactRule: Sendable, Hashable {
        public var condition: String
        public var hours: Double

        public init(condition: String, hours: Double) {
            self.condition = condition
            self.hours = hours
        }
    }

    /// The conditional first-contact promises, in the order they are checked.
    public var contactRules: [ContactRule] {
        get {
            guard case .object(let sales)? = object["sales"], case .array(let items)? = sales["firstContact"] else { return [] }
            return items.compactMap { item in
                guard case .object(let rule) = item, let condition = rule["where"]?.stringValue, let hours = rule["hours"]?.doubleValue else { return nil }
                return ContactRule(condition: condition, hours: hours)
            }
        }
        set {
            var sales: JSONObject
            if case .object(let existing)? = object["sales"] { sales = existing } else { sales = JSONObject() }
            sales["firstContact"] = newValue.isEmpty ? nil : .array(newValue.map { rule in
                .object(JSONObject([JSONMember("where", .string(rule.condition)), JSONMember("hours", .number(rule.hours))]))
            })
            object["sales"] = .object(sales)
        }
    }

    /// Sets (or, with nil hours, removes) the promise for `condition`, keeping its place.
    public mutating func setContact(hours: Double?, where condition: String) {
        var rules = contactRules
        if let index = rules.firstIndex(where: { $0.condition == condition }) {
            if let hours { rules[index].hours = hours } else { rules.remove(at: index) }
        } else if let hours {
            rules.append(ContactRule(condition: condition, hours: hours))
        }
        contactRules = rules
    }
}
