import Foundation

/// A field a query, a sort, a column or a group can name: stored or computed.
///
/// The one list of fields: the compiler, `cols`, `sort`, `count by` and TAB completion
/// all read it.
public struct LeadField: Sendable {
    public let name: String
    public let type: QueryType
    public let summary: String
    /// True when the value is a category worth grouping by (source, country, stage).
    public let isCategory: Bool
    let read: @Sendable (Lead, QueryEnvironment) -> QueryValue

    init(_ name: String, _ type: QueryType, category: Bool = false, _ summary: String,
         _ read: @escaping @Sendable (Lead, QueryEnvironment) -> QueryValue) {
        self.name = name
        self.type = type
        self.summary = summary
        self.isCategory = category
        self.read = read
    }

    /// The field's value for a lead.
    public func value(of lead: Lead, in environment: QueryEnvironment) -> QueryValue {
        read(lead, environment)
    }

    private static func text(_ value: String?) -> QueryValue { value.map(QueryValue.text) ?? .none }
    private static func number(_ value: Double?) -> QueryValue { value.map(QueryValue.number) ?? .none }

    /// Every built-in field, stored first, then computed.
    public static let all: [LeadField] = [
        LeadField("id", .text, "the lead's id") { l, _ in .text(l.id) },
        LeadField("name", .text, "the person's name") { l, _ in text(l.name) },
        LeadField("email", .text, "email address") { l, _ in text(l.email) },
        LeadField("phone", .text, "phone number") { l, _ in text(l.phone) },
        LeadField("company", .text, "company name") { l, _ in text(l.company) },
        LeadField("title", .text, "job title") { l, _ in text(l.title) },
        LeadField("industry", .text, category: true, "industry") { l, _ in text(l.industry) },
        LeadField("employees", .number, "company size") { l, _ in number(l.employees.map(Double.init)) },
        LeadField("country", .text, category: true, "country code (SE, RO, TH, NL, IT…)") { l, _ in text(l.country) },
        LeadField("city", .text, category: true, "city") { l, _ in text(l.city) },
        LeadField("source", .text, category: true, "where the lead came from (webinar, referral…)") { l, _ in text(l.source) },
        LeadField("campaign", .text, category: true, "marketing campaign") { l, _ in text(l.campaign) },
        LeadField("stage", .stage, category: true, "funnel stage; compares by funnel order") { l, _ in .text(l.stage) },
        LeadField("owner", .text, category: true, "who works the lead") { l, _ in text(l.owner) },
        LeadField("fit", .number, "0–100: closeness to the ideal customer (from the fit rules when there are any)") { l, e in number(e.fit(of: l)) },
        LeadField("interest", .number, "0–100: engagement shown (from the interest rules when there are any)") { l, e in number(e.interest(of: l)) },
        LeadField("value", .number, "deal size") { l, _ in number(l.value) },
        LeadField("tags", .list, "labels") { l, _ in l.tags.isEmpty ? .none : .list(l.tags) },
        LeadField("created", .date, "when the lead was created") { l, _ in l.created.map(QueryValue.date) ?? .none },
        LeadField("score", .number, "fit and interest weighted by the scoring rules") { l, e in number(e.score(of: l)) },
        LeadField("quadrant", .text, category: true, "ideal, nurture, curious or cold") { l, e in .text(e.quadrant(of: l).rawValue) },
        LeadField("persona", .text, category: true, "the first persona whose criteria the lead meets") { l, e in text(e.persona(of: l)) },
        LeadField("age", .duration, "time since the lead was created") { l, e in l.age(at: e.now).map(QueryValue.duration) ?? .none },
        LeadField("idle", .duration, "time since anything last happened") { l, e in l.idle(at: e.now).map(QueryValue.duration) ?? .none },
        LeadField("attempts", .number, "sales contact attempts (calls, emails, meetings)") { l, environment in
            let added = environment.workspace.addedAttemptTypes
            return .number(Double(l.attempts + (added.isEmpty ? 0 : l.activities.filter { added.contains($0.type) }.count)))
        },
        LeadField("activities", .number, "number of activities logged") { l, _ in .number(Double(l.activities.count)) },
        LeadField("dupes", .number, "other leads that look like the same person") { l, e in .number(Double(e.duplicates(of: l))) },
        LeadField("feedback", .text, category: true, "sales' latest verdict: good or bad (none when not rated)") { l, _ in
            text(l.latestFeedback?.verdict.rawValue)
        },
        LeadField("feedbacks", .number, "how many verdicts sales gave") { l, _ in .number(Double(l.feedback.count)) },
        LeadField("reason", .text, category: true, "the reason of the latest recycle, reject or lose") { l, e in
            text(l.latestSideMove(in: e.workspace.funnel)?.note)
        },
        LeadField("rejected", .bool, "true when sales ever rejected it (reject: not ready)") { l, _ in .bool(l.wasRejected) },
    ]

    private static let byName: [String: LeadField] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    /// The field called `name` (case-insensitive), including `fields.NAME` custom fields.
    public static func named(_ name: String) -> LeadField? {
        let lowered = name.lowercased()
        if let field = byName[lowered] { return field }
        guard lowered.hasPrefix("fields."), name.count > 7 else { return nil }
        let key = String(name.dropFirst(7))
        return LeadField(name, .any, "custom field") { lead, _ in customValue(lead.fields[key]) }
    }

    /// A custom field's JSON value as queries see it: dates recognised in text, lists of
    /// text, objects as their compact JSON.
    static func customValue(_ value: JSONValue?) -> QueryValue {
        guard let value else { return .none }
        switch value {
        case .null: return .none
        case .bool(let b): return .bool(b)
        case .number: return value.doubleValue.map(QueryValue.number) ?? .none
        case .string(let s):
            if s.count >= 10, let date = Timestamp.parse(s) { return .date(date) }
            return .text(s)
        case .array(let items): return .list(items.compactMap(\.stringValue))
        case .object: return .text(value.compactText)
        }
    }

    /// Field names for suggestions and completion: the built-ins and the custom fields
    /// seen in the first leads of the workspace.
    public static func names(in workspace: Workspace) -> [String] {
        var names = all.map(\.name)
        var seen = Set<String>()
        // From the columns where the store has them: an import's leads are not decoded.
        for row in 0..<min(workspace.leads.count, 2000) {
            for key in workspace.leads.customFieldNames(at: row) where seen.insert(key).inserted { names.append("fields." + key) }
        }
        return names
    }

    /// The field to suggest for an unknown `name`: `fields.NAME` when the leads have a
    /// custom field of that name (`occupation` is `fields.occupation` after an import,
    /// too far from it to be a typo), else the nearest name.
    public static func suggestion(for name: String, in workspace: Workspace) -> String? {
        let names = names(in: workspace)
        let custom = "fields." + name.lowercased()
        guard !name.lowercased().hasPrefix("fields.") else { return Suggestion.nearest(to: name, in: names) }
        if let match = names.first(where: { $0.lowercased() == custom }) { return match }
        if let near = Suggestion.nearest(to: name, in: names) { return near }
        // `occupaton`: a typo of a custom field's name, written without `fields.`.
        let keys = names.filter { $0.hasPrefix("fields.") }.map { String($0.dropFirst(7)) }
        return Suggestion.nearest(to: name, in: keys).map { "fields." + $0 }
    }
}
