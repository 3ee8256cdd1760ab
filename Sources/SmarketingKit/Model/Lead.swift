import Foundation

/// One lead: a person at a company, where they are in the funnel, and what happened.
///
/// A value type: a change copies the lead, edits the copy and keeps the original as its
/// inverse, which is what makes undo exact.
public struct Lead: Sendable, Hashable {
    public var id: String
    public var name: String?
    public var email: String?
    public var phone: String?
    public var company: String?
    public var title: String?
    public var industry: String?
    public var employees: Int?
    public var country: String?
    public var city: String?
    public var source: String?
    public var campaign: String?
    /// The id of the stage the lead is in.
    public var stage: String
    public var owner: String?
    /// 0–100: how close the lead is to the ideal customer.
    public var fit: Double?
    /// 0–100: how much engagement the lead has shown.
    public var interest: Double?
    /// Expected or won deal size, in the workspace's currency.
    public var value: Double?
    public var tags: [String]
    public var created: Date?
    public var activities: [Activity]
    public var history: [StageChange]
    public var feedback: [Feedback]
    /// Custom fields, queryable as `fields.NAME`.
    public var fields: JSONObject
    /// Keys this version does not know, written back unchanged on save.
    public var extra: JSONObject
    /// Which known keys the file wrote for this lead, so empty ones (`"owner": null`,
    /// `"tags": []`) are written back and an unchanged lead saves to the same text.
    public var writtenKeys: LeadKeys = []

    public init(id: String, name: String? = nil, email: String? = nil, phone: String? = nil,
                company: String? = nil, title: String? = nil, industry: String? = nil,
                employees: Int? = nil, country: String? = nil, city: String? = nil,
                source: String? = nil, campaign: String? = nil, stage: String, owner: String? = nil,
                fit: Double? = nil, interest: Double? = nil, value: Double? = nil, tags: [String] = [],
                created: Date? = nil, activities: [Activity] = [], history: [StageChange] = [],
                feedback: [Feedback] = [], fields: JSONObject = JSONObject(), extra: JSONObject = JSONObject()) {
        self.id = id
        self.name = name
        self.email = email
        self.phone = phone
        self.company = company
        self.title = title
        self.industry = industry
        self.employees = employees
        self.country = country
        self.city = city
        self.source = source
        self.campaign = campaign
        self.stage = stage
        self.owner = owner
        self.fit = fit
        self.interest = interest
        self.value = value
        self.tags = tags
        self.created = created
        self.activities = activities
        self.history = history
        self.feedback = feedback
        self.fields = fields
        self.extra = extra
    }

    /// When something last happened to the lead (activity, move, feedback or creation).
    public var lastTouched: Date? {
        var latest = created
        for date in activities.map(\.at) + history.map(\.at) + feedback.map(\.at) where latest.map({ date > $0 }) ?? true {
            latest = date
        }
        return latest
    }
}

/// Something the lead did or that was done with it: a visit, a download, a call.
public struct Activity: Sendable, Hashable {
    public var at: Date
    public var type: String
    public var by: String?
    public var note: String?
    public var extra: JSONObject

    public init(at: Date, type: String, by: String? = nil, note: String? = nil, extra: JSONObject = JSONObject()) {
        self.at = at
        self.type = type
        self.by = by
        self.note = note
        self.extra = extra
    }

    /// Activity types that count as a sales contact attempt.
    public static let attemptTypes: Set<String> = ["call", "email", "meeting"]
}

/// One move of a lead between stages: who, when, and why.
public struct StageChange: Sendable, Hashable {
    public var at: Date
    /// The stage left; nil when the lead was created in `to`.
    public var from: String?
    public var to: String
    public var by: String?
    public var note: String?
    public var extra: JSONObject

    public init(at: Date, from: String?, to: String, by: String? = nil, note: String? = nil, extra: JSONObject = JSONObject()) {
        self.at = at
        self.from = from
        self.to = to
        self.by = by
        self.note = note
        self.extra = extra
    }
}

/// Sales' verdict on a lead marketing handed over: the closed loop.
public struct Feedback: Sendable, Hashable {
    public enum Verdict: String, Sendable, Hashable, CaseIterable {
        case good, bad
    }

    public var at: Date
    public var by: String?
    public var verdict: Verdict
    public var reason: String?
    public var extra: JSONObject

    public init(at: Date, by: String?, verdict: Verdict, reason: String?, extra: JSONObject = JSONObject()) {
        self.at = at
        self.by = by
        self.verdict = verdict
        self.reason = reason
        self.extra = extra
    }
}

/// A set of the known lead keys (`Lead.knownKeys`), one bit each.
public struct LeadKeys: OptionSet, Sendable, Hashable {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// The key at `index` in `Lead.knownKeys`.
    public init(index: Int) { rawValue = 1 << UInt32(index) }
}
