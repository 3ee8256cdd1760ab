/// An import's clauses as JSON, for the journal: a journalled import is its file and its
/// clauses, run again on replay (see `ImportReference`).
extension ImportSpec {
    public var json: JSONValue {
        var members: [JSONMember] = []
        func add(_ key: String, _ value: String?) { if let value { members.append(JSONMember(key, .string(value))) } }
        add("preset", preset?.rawValue)
        if !mappings.isEmpty {
            members.append(JSONMember("map", .array(mappings.map {
                .object(JSONObject([JSONMember("column", .string($0.column)), JSONMember("field", .string($0.field))]))
            })))
        }
        add("stageColumn", stageColumn)
        if !stageValues.isEmpty {
            members.append(JSONMember("stageValues", .array(stageValues.map {
                .object(JSONObject([JSONMember("value", .string($0.value)), JSONMember("stage", .string($0.stage))]))
            })))
        }
        add("stageElse", stageElse)
        add("stage", stage)
        add("stageDateColumn", stageDateColumn)
        if !nulls.isEmpty { members.append(JSONMember("nulls", .array(nulls.map(JSONValue.string)))) }
        add("dateFormat", dateFormat)
        if let separator { members.append(JSONMember("separator", .number(Int(separator)))) }
        add("key", key?.rawValue)
        if let join {
            members.append(JSONMember("join", .object(JSONObject([
                JSONMember("file", .string(join.file)), JSONMember("column", .string(join.column)), JSONMember("spec", join.spec.json),
            ]))))
        }
        if strict { members.append(JSONMember("strict", .bool(true))) }
        return .object(JSONObject(members))
    }

    public init(json value: JSONValue) throws(FieldFault) {
        self.init()
        var r = try FieldReader(value, field: "")
        func choice<T: RawRepresentable>(_ key: String, _: T.Type) throws(FieldFault) -> T? where T.RawValue == String {
            guard let text = try r.string(key) else { return nil }
            guard let value = T(rawValue: text) else { throw FieldFault(field: key, problem: .wrongType(expected: "a known value", found: "'\(text)'")) }
            return value
        }
        preset = try choice("preset", Preset.self)
        mappings = try r.records("map") { item, field throws(FieldFault) in
            var m = try FieldReader(item, field: field)
            return Mapping(column: try m.requiredString("column"), field: try m.requiredString("field"))
        }
        stageColumn = try r.string("stageColumn")
        stageValues = try r.records("stageValues") { item, field throws(FieldFault) in
            var m = try FieldReader(item, field: field)
            return StageValue(value: try m.requiredString("value"), stage: try m.requiredString("stage"))
        }
        stageElse = try r.string("stageElse")
        stage = try r.string("stage")
        stageDateColumn = try r.string("stageDateColumn")
        nulls = try r.strings("nulls")
        dateFormat = try r.string("dateFormat")
        if let byte = try r.integer("separator") {
            guard let separator = UInt8(exactly: byte) else { throw FieldFault(field: "separator", problem: .wrongType(expected: "a byte", found: "\(byte)")) }
            self.separator = separator
        }
        key = try choice("key", Key.self)
        if let object = try r.object("join") {
            var j = FieldReader(object)
            guard let inner = j.value("spec") else { throw FieldFault(field: "join.spec", problem: .missing) }
            join = Join(file: try j.requiredString("file"), column: try j.requiredString("column"), spec: try ImportSpec(json: inner))
        }
        if case .bool(true)? = r.value("strict") { strict = true }
    }
}
