/// Reading and writing the small sections: team, stages, personas, glossary, scoring.
extension TeamMember {
    init(json value: JSONValue) throws(FieldFault) {
        var r = try FieldReader(value, field: "")
        self.init(name: try r.requiredString("name"), role: Team(rawValue: try r.requiredString("role")))
        extra = r.extra
    }

    var json: JSONValue {
        .object(JSONObject([JSONMember("name", .string(name)), JSONMember("role", .string(role.rawValue))] + extra.members))
    }
}

extension Stage {
    init(json value: JSONValue) throws(FieldFault) {
        var r = try FieldReader(value, field: "")
        let id = try r.requiredString("id")
        let name = try r.string("name") ?? id
        let team = Team(rawValue: try r.string("team") ?? "marketing")
        let entry = try r.string("entry")
        let definition = try r.string("definition")
        var isSide = Funnel.sideStageIDs.contains(id.lowercased())
        if let side = r.value("side") {
            guard case .bool(let flag) = side else {
                throw FieldFault(field: "side", problem: .wrongType(expected: "true or false", found: side.kindDescription))
            }
            isSide = flag
        }
        self.init(id: id, name: name, team: team, entry: entry, definition: definition, isSide: isSide, extra: r.extra)
    }

    var json: JSONValue {
        var members = [JSONMember("id", .string(id)), JSONMember("name", .string(name)), JSONMember("team", .string(team.rawValue))]
        if let entry { members.append(JSONMember("entry", .string(entry))) }
        if let definition { members.append(JSONMember("definition", .string(definition))) }
        if isSide != Funnel.sideStageIDs.contains(id.lowercased()) { members.append(JSONMember("side", .bool(isSide))) }
        return .object(JSONObject(members + extra.members))
    }
}

extension Persona {
    init(json value: JSONValue) throws(FieldFault) {
        var r = try FieldReader(value, field: "")
        self.init(name: try r.requiredString("name"), story: try r.string("story"), needs: try r.strings("needs"),
                  pains: try r.strings("pains"), channels: try r.strings("channels"), criteria: try r.string("criteria"))
        extra = r.extra
    }

    var json: JSONValue {
        var members = [JSONMember("name", .string(name))]
        if let story { members.append(JSONMember("story", .string(story))) }
        members.append(JSONMember("needs", .array(needs.map(JSONValue.string))))
        members.append(JSONMember("pains", .array(pains.map(JSONValue.string))))
        members.append(JSONMember("channels", .array(channels.map(JSONValue.string))))
        if let criteria { members.append(JSONMember("criteria", .string(criteria))) }
        return .object(JSONObject(members + extra.members))
    }
}

extension GlossaryTerm {
    init(json value: JSONValue) throws(FieldFault) {
        var r = try FieldReader(value, field: "")
        self.init(term: try r.requiredString("term"), definition: try r.string("definition") ?? "",
                  aliases: try r.strings("aliases"), team: try r.string("team").map { Team(rawValue: $0) })
        extra = r.extra
    }

    var json: JSONValue {
        var members = [JSONMember("term", .string(term)), JSONMember("definition", .string(definition))]
        members.append(JSONMember("aliases", .array(aliases.map(JSONValue.string))))
        if let team { members.append(JSONMember("team", .string(team.rawValue))) }
        return .object(JSONObject(members + extra.members))
    }
}

extension Scoring {
    init(json value: JSONValue) throws(FieldFault) {
        self.init()
        var r = try FieldReader(value, field: "")
        fit = try r.records("fit") { (v, f) throws(FieldFault) in
            do throws(FieldFault) {
                var rule = try FieldReader(v, field: "")
                let result = FitRule(when: try rule.requiredString("when"), points: try rule.number("points") ?? 0)
                return FitRule(when: result.when, points: result.points, extra: rule.extra)
            } catch { throw error.nested(in: f) }
        }
        interest = try r.records("interest") { (v, f) throws(FieldFault) in
            do throws(FieldFault) {
                var rule = try FieldReader(v, field: "")
                let activity = try rule.requiredString("activity")
                let points = try rule.number("points") ?? 0
                let halflife = try rule.number("halflife")
                return InterestRule(activity: activity, points: points, halflife: halflife, extra: rule.extra)
            } catch { throw error.nested(in: f) }
        }
        if let weights = try r.object("weights") {
            var w = FieldReader(weights)
            do throws(FieldFault) {
                fitWeight = try w.number("fit") ?? fitWeight
                interestWeight = try w.number("interest") ?? interestWeight
            } catch { throw error.nested(in: "weights") }
        }
        if let high = try r.object("high") {
            var h = FieldReader(high)
            do throws(FieldFault) {
                highFit = try h.number("fit") ?? highFit
                highInterest = try h.number("interest") ?? highInterest
            } catch { throw error.nested(in: "high") }
        }
        extra = r.extra
    }

    /// The scoring section as the workspace file holds it.
    public var json: JSONValue {
        let fitRules = fit.map { rule in
            JSONValue.object(JSONObject([JSONMember("when", .string(rule.when)), JSONMember("points", .number(rule.points))] + rule.extra.members))
        }
        let interestRules = interest.map { rule in
            var members = [JSONMember("activity", .string(rule.activity)), JSONMember("points", .number(rule.points))]
            if let halflife = rule.halflife { members.append(JSONMember("halflife", .number(halflife))) }
            return JSONValue.object(JSONObject(members + rule.extra.members))
        }
        return .object(JSONObject([
            JSONMember("fit", .array(fitRules)),
            JSONMember("interest", .array(interestRules)),
            JSONMember("weights", .object(JSONObject([JSONMember("fit", .number(fitWeight)), JSONMember("interest", .number(interestWeight))]))),
            JSONMember("high", .object(JSONObject([JSONMember("fit", .number(highFit)), JSONMember("interest", .number(highInterest))]))),
        ] + extra.members))
    }
}
