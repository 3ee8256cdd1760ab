import Foundation

extension Lead {
    /// The keys a lead may have, in the order they are written.
    public static let knownKeys: [String] = [
        "id", "name", "email", "phone", "company", "title", "industry", "employees", "country", "city",
        "source", "campaign", "stage", "owner", "fit", "interest", "value", "tags", "created",
        "activities", "history", "feedback", "fields",
    ]

    /// Reads a lead record, checking its stage against `funnel`.
    init(json value: JSONValue, funnel: Funnel) throws(FieldFault) {
        var r = try FieldReader(value, field: "")
        let id = try r.requiredString("id")
        let stageText = try r.requiredString("stage")
        guard let stage = funnel.resolve(stageText) else {
            throw FieldFault(field: "stage", problem: .notAStage(stageText, suggestion: Suggestion.nearest(to: stageText, in: funnel.ids)))
        }
        self.init(
            id: id,
            name: try r.string("name"), email: try r.string("email"), phone: try r.string("phone"),
            company: try r.string("company"), title: try r.string("title"), industry: try r.string("industry"),
            employees: try r.integer("employees"), country: try r.string("country"), city: try r.string("city"),
            source: try r.string("source"), campaign: try r.string("campaign"), stage: stage,
            owner: try r.string("owner"), fit: try r.score("fit"), interest: try r.score("interest"),
            value: try r.number("value"), tags: try r.strings("tags"), created: try r.date("created"),
            activities: try r.records("activities") { (v, f) throws(FieldFault) in try Activity(json: v, field: f) },
            history: try r.records("history") { (v, f) throws(FieldFault) in try StageChange(json: v, field: f, funnel: funnel) },
            feedback: try r.records("feedback") { (v, f) throws(FieldFault) in try Feedback(json: v, field: f) },
            fields: try r.object("fields") ?? JSONObject())
        extra = r.extra
        if case .object(let object) = value {
            for member in object.members {
                if let index = Lead.keyIndex[member.key] { writtenKeys.insert(LeadKeys(index: index)) }
            }
        }
    }

    /// Position of each known key in `knownKeys`.
    static let keyIndex: [String: Int] = Dictionary(uniqueKeysWithValues: knownKeys.enumerated().map { ($1, $0) })

    /// The lead as a JSON object: set keys, and empty keys the file had written.
    public var json: JSONObject {
        var members: [JSONMember] = []
        members.reserveCapacity(24 + extra.members.count)
        func put(_ key: String, _ value: JSONValue?, empty: Bool = false) {
            if let value, !empty {
                members.append(JSONMember(key, value))
            } else if let index = Lead.keyIndex[key], writtenKeys.contains(LeadKeys(index: index)) {
                members.append(JSONMember(key, value ?? .null))
            }
        }
        put("id", .string(id))
        put("name", name.map(JSONValue.string))
        put("email", email.map(JSONValue.string))
        put("phone", phone.map(JSONValue.string))
        put("company", company.map(JSONValue.string))
        put("title", title.map(JSONValue.string))
        put("industry", industry.map(JSONValue.string))
        put("employees", employees.map { JSONValue.number($0) })
        put("country", country.map(JSONValue.string))
        put("city", city.map(JSONValue.string))
        put("source", source.map(JSONValue.string))
        put("campaign", campaign.map(JSONValue.string))
        put("stage", .string(stage))
        put("owner", owner.map(JSONValue.string))
        put("fit", fit.map { JSONValue.number($0) })
        put("interest", interest.map { JSONValue.number($0) })
        put("value", value.map { JSONValue.number($0) })
        put("tags", .array(tags.map(JSONValue.string)), empty: tags.isEmpty)
        put("created", created.map { .string(Timestamp.format($0)) })
        put("activities", .array(activities.map { .object($0.json) }), empty: activities.isEmpty)
        put("history", .array(history.map { .object($0.json) }), empty: history.isEmpty)
        put("feedback", .array(feedback.map { .object($0.json) }), empty: feedback.isEmpty)
        put("fields", .object(fields), empty: fields.isEmpty)
        members.append(contentsOf: extra.members)
        return JSONObject(members)
    }
}

extension Activity {
    init(json value: JSONValue, field: String) throws(FieldFault) {
        do throws(FieldFault) {
            var r = try FieldReader(value, field: "")
            self.init(at: try r.requiredDate("at"), type: try r.requiredString("type"), by: try r.string("by"),
                      note: try r.string("note"))
            extra = r.extra
        } catch {
            throw error.nested(in: field)
        }
    }

    var json: JSONObject {
        var object = JSONObject([JSONMember("at", .string(Timestamp.format(at))), JSONMember("type", .string(type))])
        if let by { object.members.append(JSONMember("by", .string(by))) }
        if let note { object.members.append(JSONMember("note", .string(note))) }
        object.members.append(contentsOf: extra.members)
        return object
    }
}

extension StageChange {
    init(json value: JSONValue, field: String, funnel: Funnel) throws(FieldFault) {
        do throws(FieldFault) {
            var r = try FieldReader(value, field: "")
            let at = try r.requiredDate("at")
            let from = try r.string("from")
            let to = try r.requiredString("to")
            for (key, stage) in [("from", from), ("to", to)] {
                if let stage, funnel.resolve(stage) == nil {
                    throw FieldFault(field: key, problem: .notAStage(stage, suggestion: Suggestion.nearest(to: stage, in: funnel.ids)))
                }
            }
            self.init(at: at, from: from.flatMap(funnel.resolve), to: funnel.resolve(to) ?? to, by: try r.string("by"),
                      note: try r.string("note"))
            extra = r.extra
        } catch {
            throw error.nested(in: field)
        }
    }

    var json: JSONObject {
        var object = JSONObject([JSONMember("at", .string(Timestamp.format(at))),
                                 JSONMember("from", from.map(JSONValue.string) ?? .null),
                                 JSONMember("to", .string(to))])
        if let by { object.members.append(JSONMember("by", .string(by))) }
        if let note { object.members.append(JSONMember("note", .string(note))) }
        object.members.append(contentsOf: extra.members)
        return object
    }
}

extension Feedback {
    init(json value: JSONValue, field: String) throws(FieldFault) {
        do throws(FieldFault) {
            var r = try FieldReader(value, field: "")
            let at = try r.requiredDate("at")
            let by = try r.string("by")
            let verdictText = try r.requiredString("verdict")
            guard let verdict = Verdict(rawValue: verdictText.lowercased()) else {
                throw FieldFault(field: "verdict", problem: .notAVerdict(verdictText))
            }
            self.init(at: at, by: by, verdict: verdict, reason: try r.string("reason"))
            extra = r.extra
        } catch {
            throw error.nested(in: field)
        }
    }

    var json: JSONObject {
        var object = JSONObject([JSONMember("at", .string(Timestamp.format(at)))])
        if let by { object.members.append(JSONMember("by", .string(by))) }
        object.members.append(JSONMember("verdict", .string(verdict.rawValue)))
        if let reason { object.members.append(JSONMember("reason", .string(reason))) }
        object.members.append(contentsOf: extra.members)
        return object
    }
}
