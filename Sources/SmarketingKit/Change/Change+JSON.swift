/// Changes as JSON, for the journal (and, later, for sharing changes between machines).
extension Change {
    /// The change as a JSON object: `{"op": "updateLead", "lead": {…}}`.
    public var json: JSONValue {
        func op(_ name: String, _ members: [JSONMember]) -> JSONValue {
            .object(JSONObject([JSONMember("op", .string(name))] + members))
        }
        switch self {
        case .updateLead(let lead): return op("updateLead", [JSONMember("lead", .object(lead.json))])
        case .insertLead(let lead, let row):
            return op("insertLead", [JSONMember("lead", .object(lead.json)), JSONMember("row", row.map { .number($0) } ?? .null)])
        case .removeLead(let id): return op("removeLead", [JSONMember("id", .string(id))])
        case .updateStage(let stage): return op("updateStage", [JSONMember("stage", stage.json)])
        case .setName(let name): return op("setName", [JSONMember("name", .string(name))])
        case .setPersonas(let personas): return op("setPersonas", [JSONMember("personas", .array(personas.map(\.json)))])
        case .setGlossary(let terms): return op("setGlossary", [JSONMember("glossary", .array(terms.map(\.json)))])
        case .setScoring(let scoring): return op("setScoring", [JSONMember("scoring", scoring.json)])
        case .setServiceLevel(let sla): return op("setServiceLevel", [JSONMember("sla", .object(sla.object))])
        case .setViews(let views): return op("setViews", [JSONMember("views", .object(views))])
        case .setRates(let rates): return op("setRates", [JSONMember("rates", .object(rates))])
        case .setExtra(let key, let value): return op("setExtra", [JSONMember("key", .string(key)), JSONMember("value", value ?? .null)])
        case .setProposals(let proposals): return op("setProposals", [JSONMember("proposals", .array(proposals.map(\.json)))])
        case .setTeam(let team): return op("setTeam", [JSONMember("team", .array(team.map(\.json)))])
        case .group(let changes): return op("group", [JSONMember("changes", .array(changes.map(\.json)))])
        case .appendLeads(let batch):
            // Written as the leads it adds (an import journals its file instead: `Journal`).
            return Change.group((0..<batch.count).map { .insertLead(batch.lead(at: $0), row: nil) }).json
        case .removeLastLeads(let n): return op("removeLastLeads", [JSONMember("count", .number(n))])
        }
    }

    /// Reads a change written by `json`, checking leads against `funnel`.
    public init(json value: JSONValue, funnel: Funnel) throws(FieldFault) {
        var r = try FieldReader(value, field: "")
        let op = try r.requiredString("op")
        func payload(_ key: String) throws(FieldFault) -> JSONValue {
            guard let value = r.value(key) else { throw FieldFault(field: key, problem: .missing) }
            return value
        }
        func array(_ key: String) throws(FieldFault) -> [JSONValue] {
            guard case .array(let items) = try payload(key) else {
                throw FieldFault(field: key, problem: .wrongType(expected: "a list", found: "something else"))
            }
            return items
        }
        switch op {
        case "updateLead": self = .updateLead(try Lead(json: try payload("lead"), funnel: funnel))
        case "insertLead":
            let row = try r.integer("row")
            self = .insertLead(try Lead(json: try payload("lead"), funnel: funnel), row: row)
        case "removeLead": self = .removeLead(id: try r.requiredString("id"))
        case "updateStage": self = .updateStage(try Stage(json: try payload("stage")))
        case "setName": self = .setName(try r.requiredString("name"))
        case "setPersonas":
            var personas: [Persona] = []
            for item in try array("personas") { personas.append(try Persona(json: item)) }
            self = .setPersonas(personas)
        case "setGlossary":
            var terms: [GlossaryTerm] = []
            for item in try array("glossary") { terms.append(try GlossaryTerm(json: item)) }
            self = .setGlossary(terms)
        case "setScoring": self = .setScoring(try Scoring(json: try payload("scoring")))
        case "setServiceLevel": self = .setServiceLevel(ServiceLevel(object: try r.object("sla") ?? JSONObject()))
        case "setViews": self = .setViews(try r.object("views") ?? JSONObject())
        case "setRates": self = .setRates(try r.object("rates") ?? JSONObject())
        case "setExtra":
            let value = r.value("value")
            self = .setExtra(key: try r.requiredString("key"), value: value == .null ? nil : value)
        case "setProposals":
            var proposals: [Proposal] = []
            for item in try array("proposals") { proposals.append(try Proposal(json: item, funnel: funnel)) }
            self = .setProposals(proposals)
        case "setTeam":
            var team: [TeamMember] = []
            for item in try array("team") { team.append(try TeamMember(json: item)) }
            self = .setTeam(team)
        case "removeLastLeads":
            guard let n = try r.integer("count"), n >= 0 else { throw FieldFault(field: "count", problem: .missing) }
            self = .removeLastLeads(count: n)
        case "group":
            var changes: [Change] = []
            for item in try array("changes") { changes.append(try Change(json: item, funnel: funnel)) }
            self = .group(changes)
        default:
            throw FieldFault(field: "op", problem: .wrongType(expected: "a known change", found: "'\(op)'"))
        }
    }
}
