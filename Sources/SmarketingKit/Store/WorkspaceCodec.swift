import Foundation

/// Reads and writes the workspace file (JSON, version 1; DESIGN.md §3).
public enum WorkspaceCodec {
    /// Decodes a workspace. `path` is only used to name the file in errors; `name` is the
    /// workspace's name when the file has none.
    public static func decode(_ bytes: [UInt8], path: String? = nil, defaultName: String = "workspace") throws(WorkspaceError) -> Workspace {
        if let workspace = try decodeStreaming(bytes, path: path, defaultName: defaultName) { return workspace }
        return try decodeTree(bytes, path: path, defaultName: defaultName)
    }

    /// Decodes through a `JSONValue` tree and `Lead` values: the reference behaviour, and
    /// what produces every error message. `decode` uses it when the streaming decoder
    /// refuses a document.
    static func decodeTree(_ bytes: [UInt8], path: String?, defaultName: String) throws(WorkspaceError) -> Workspace {
        let root: JSONValue
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            throw .malformedJSON(path: path, error)
        }
        guard case .object(let object) = root else {
            throw .notAnObject(path: path, found: root.kindDescription)
        }
        guard let workspace = try decode(object, path: path, defaultName: defaultName) else {
            throw .notAnObject(path: path, found: "nothing")  // unreachable: no streamed leads
        }
        return workspace
    }

    static func decode(_ object: JSONObject, path: String?, defaultName: String,
                       streamedLeads: ((Funnel) -> LeadStore?)? = nil) throws(WorkspaceError) -> Workspace? {
        var r = FieldReader(object)
        func section<T>(_ name: String, _ read: (inout FieldReader) throws(FieldFault) -> T) throws(WorkspaceError) -> T {
            do { return try read(&r) } catch { throw .badSection(path: path, section: name, error) }
        }
        if let format = try section("format", { (r) throws(FieldFault) in try r.string("format") }), format != "smk-workspace" {
            throw .notAWorkspace(path: path, format: format)
        }
        if let version = r.value("version"), version != .number("1") {
            throw .unsupportedVersion(path: path, version: version.compactText)
        }
        var workspace = Workspace(name: defaultName)
        let present = Set(object.members.filter { $0.value != .null }.map(\.key))
        workspace.shape = FileShape(keyOrder: object.keys,
                                    absent: Set(Workspace.Section.allCases.filter { !present.contains($0.rawValue) }),
                                    defaultName: present.contains("name") ? nil : defaultName)

        workspace.name = try section("name") { (r) throws(FieldFault) in try r.string("name") } ?? defaultName
        workspace.currency = try section("currency") { (r) throws(FieldFault) in try r.string("currency") }
        workspace.team = try records("team", in: &r, path: path, TeamMember.init(json:))
        let stages = try records("stages", in: &r, path: path, Stage.init(json:))
        if !stages.isEmpty {
            var seen = Set<String>()
            for stage in stages where !seen.insert(stage.id).inserted {
                throw .duplicateStage(path: path, id: stage.id)
            }
            workspace.funnel = Funnel(stages: stages)
        }
        if present.contains("glossary") {
            workspace.glossary = try records("glossary", in: &r, path: path, GlossaryTerm.init(json:))
        }
        workspace.personas = try records("personas", in: &r, path: path, Persona.init(json:))
        if let scoring = r.value("scoring") {
            do { workspace.scoring = try Scoring(json: scoring) } catch { throw .badSection(path: path, section: "scoring", error) }
        }
        workspace.sla = ServiceLevel(object: try section("sla") { (r) throws(FieldFault) in try r.object("sla") } ?? JSONObject())
        workspace.views = try section("views") { (r) throws(FieldFault) in try r.object("views") } ?? JSONObject()
        workspace.rates = try section("rates") { (r) throws(FieldFault) in try r.object("rates") } ?? JSONObject()
        let funnel = workspace.funnel
        workspace.proposals = try records("proposals", in: &r, path: path) { (v) throws(FieldFault) in try Proposal(json: v, funnel: funnel) }
        workspace.audit = try records("audit", in: &r, path: path, AuditEntry.init(json:))
        workspace.shape.savedAudit = workspace.audit.count
        if let streamedLeads {
            _ = r.value("leads")
            guard let leads = streamedLeads(workspace.funnel) else { return nil }
            workspace.leads = leads
        } else {
            workspace.leads = try decodeLeads(r.value("leads"), funnel: workspace.funnel, path: path)
        }
        workspace.extra = r.extra
        return workspace
    }

    private static func records<T>(_ name: String, in r: inout FieldReader, path: String?,
                                   _ read: (JSONValue) throws(FieldFault) -> T) throws(WorkspaceError) -> [T] {
        guard let value = r.value(name) else { return [] }
        guard case .array(let elements) = value else {
            throw .badSection(path: path, section: name, FieldFault(field: "", problem: .wrongType(expected: "a list", found: value.kindDescription)))
        }
        var result: [T] = []
        for (i, element) in elements.enumerated() {
            do { result.append(try read(element)) } catch { throw .badSection(path: path, section: "\(name)[\(i)]", error) }
        }
        return result
    }

    private static func decodeLeads(_ value: JSONValue?, funnel: Funnel, path: String?) throws(WorkspaceError) -> LeadStore {
        guard let value else { return LeadStore() }
        guard case .array(let elements) = value else {
            throw .badSection(path: path, section: "leads", FieldFault(field: "", problem: .wrongType(expected: "a list", found: value.kindDescription)))
        }
        var leads: [Lead] = []
        leads.reserveCapacity(elements.count)
        // Every wrong lead is counted, the first ten described: fixing a file one error
        // per load is slow.
        var wrong: [WorkspaceError] = []
        var more = 0
        for (i, element) in elements.enumerated() {
            do {
                leads.append(try Lead(json: element, funnel: funnel))
            } catch {
                guard wrong.count < 10 else { more += 1; continue }
                var id: String?
                if case .object(let object) = element, case .string(let text)? = object["id"] { id = text }
                wrong.append(.badLead(path: path, index: i + 1, id: id, error))
            }
        }
        if let first = wrong.first {
            throw wrong.count == 1 ? first : .badLeads(wrong, more: more)
        }
        do {
            return try LeadStore(leads)
        } catch {
            throw .duplicateLeadID(path: path, id: error.id, firstIndex: error.firstRow + 1, secondIndex: error.secondRow + 1)
        }
    }
}

extension WorkspaceCodec {
    /// Encodes a workspace: the file's own key order, small sections pretty-printed, one
    /// lead per line, sections that only hold defaults left out.
    public static func encode(_ workspace: Workspace) -> [UInt8] {
        encode(workspace, isInterrupted: { false }) ?? []
    }

    /// Encodes as `encode` does, asking `isInterrupted` every few thousand leads (Ctrl-C
    /// during a save); nil when it said stop.
    public static func encode(_ workspace: Workspace, isInterrupted: () -> Bool) -> [UInt8]? {
        // About the size of the file the leads came from (a generated lead is ~950 bytes,
        // so a fixed 600 a lead made a 1M save grow and copy its buffer half way), and a
        // quarter more: a compact file from another tool grows by a space after each `,`
        // and `:` (10% for generated leads), and a buffer that grows half way is copied
        // whole and faulted in twice. Reserved, not touched: the pages never written cost
        // no memory.
        let loaded = workspace.leads.table.source.count
        var writer = JSONWriter(reservingCapacity: 65_536 + max(workspace.leads.count * 600, loaded + loaded / 4))
        guard encode(workspace, into: &writer, isInterrupted: isInterrupted) else { return nil }
        return writer.bytes
    }

    /// Encodes as `encode` does into `writer`, which may stream the text to a file a
    /// chunk at a time (`Workspace.save`); false when `isInterrupted` said stop or the
    /// writer's drain failed. The bytes are the same either way.
    public static func encode(_ workspace: Workspace, into writer: inout JSONWriter, isInterrupted: () -> Bool) -> Bool {
        var order: [String] = []
        var seen = Set<String>()
        for key in ["format", "version"] + workspace.shape.keyOrder + Workspace.Section.allCases.map(\.rawValue) + workspace.extra.keys where seen.insert(key).inserted {
            order.append(key)
        }
        writer.raw("{")
        var first = true
        for key in order {
            let value: JSONValue?
            if let section = Workspace.Section(rawValue: key) {
                if workspace.shape.absent.contains(section), workspace.holdsDefault(section) { continue }
                if section == .leads {
                    writer.raw(first ? "\n" : ",\n")
                    first = false
                    guard writeLeads(workspace.leads, into: &writer, isInterrupted: isInterrupted) else { return false }
                    continue
                }
                if section == .audit {
                    writer.raw(first ? "\n" : ",\n")
                    first = false
                    writeAudit(workspace.audit, into: &writer)
                    continue
                }
                value = sectionValue(section, of: workspace)
            } else {
                value = workspace.extra[key]
            }
            guard let value else { continue }
            writer.raw(first ? "\n" : ",\n")
            first = false
            writer.indent(1)
            writer.string(key)
            writer.raw(": ")
            writer.pretty(value, level: 1)
            writer.flushIfFull()
        }
        writer.raw("\n}\n")
        return writer.flush()
    }

    /// Writes the leads; false when `isInterrupted` said stop.
    private static func writeLeads(_ leads: LeadStore, into writer: inout JSONWriter, isInterrupted: () -> Bool) -> Bool {
        writer.indent(1)
        writer.raw("\"leads\": [")
        SaveProgress.reset(total: leads.count)
        for row in 0..<leads.count {
            if row & 0x3FFF == 0 {
                SaveProgress.leadsWritten.store(row, ordering: .relaxed)
                if isInterrupted() { return false }
            }
            writer.raw(row == 0 ? "\n" : ",\n")
            writer.indent(2)
            // An unedited lead whose text is already what `json` would write is copied.
            if let tableRow = leads.columnRow(of: row), let range = leads.table.canonicalBytes(at: tableRow) {
                leads.table.source.withUnsafeBufferPointer { writer.append(UnsafeBufferPointer(rebasing: $0[range])) }
            } else if let tableRow = leads.columnRow(of: row), let range = leads.table.respacedBytes(at: tableRow) {
                // A compact file from another tool: the same text with a save's spacing.
                leads.table.source.withUnsafeBufferPointer { writer.appendRespaced(UnsafeBufferPointer(rebasing: $0[range])) }
            } else {
                writer.compact(.object(leads[row].json))
            }
            writer.flushIfFull()
            if writer.drainFailed { return false }
        }
        writer.raw(leads.isEmpty ? "]" : "\n  ]")
        return true
    }

    /// The audit, one entry per line: appended entries show as added lines in a diff.
    private static func writeAudit(_ audit: [AuditEntry], into writer: inout JSONWriter) {
        writer.indent(1)
        writer.raw("\"audit\": [")
        for (i, entry) in audit.enumerated() {
            writer.raw(i == 0 ? "\n" : ",\n")
            writer.indent(2)
            writer.compact(entry.json)
            writer.flushIfFull()
        }
        writer.raw(audit.isEmpty ? "]" : "\n  ]")
    }

    private static func sectionValue(_ section: Workspace.Section, of workspace: Workspace) -> JSONValue? {
        switch section {
        case .format: .string("smk-workspace")
        case .version: .number("1")
        case .name: .string(workspace.name)
        case .currency: workspace.currency.map(JSONValue.string)
        case .team: .array(workspace.team.map(\.json))
        case .stages: .array(workspace.funnel.stages.map(\.json))
        case .leads: nil
        case .personas: .array(workspace.personas.map(\.json))
        case .glossary: .array(workspace.glossary.map(\.json))
        case .scoring: workspace.scoring.json
        case .sla: .object(workspace.sla.object)
        case .views: .object(workspace.views)
        case .rates: .object(workspace.rates)
        case .proposals: .array(workspace.proposals.map(\.json))
        case .audit: .array(workspace.audit.map(\.json))
        }
    }
}
