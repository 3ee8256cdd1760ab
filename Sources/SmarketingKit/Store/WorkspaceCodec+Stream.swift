extension WorkspaceCodec {
    /// Decodes a workspace with the leads streamed into columns; nil when the streaming
    /// decoder refuses the document (an error, or text it leaves to the tree decoder).
    ///
    /// The top-level object is walked here; the small sections are parsed into
    /// `JSONValue`s as before, the `leads` array goes through `LeadStreamDecoder`. The
    /// funnel the leads need comes from `stages`, which normally precedes `leads`; when
    /// it follows, the leads are decoded again with it.
    static func decodeStreaming(_ bytes: [UInt8], path: String?, defaultName: String) throws(WorkspaceError) -> Workspace? {
        try decodeStreaming(FileBytes(bytes), path: path, defaultName: defaultName, prepared: nil)?.workspace
    }

    /// Leads decoded before the document is walked (a snapshot, `WorkspaceSnapshot`):
    /// used when the `leads` array starts at `start` and `make` gives a table for the
    /// funnel the members before it define; otherwise the array is decoded as usual.
    struct PreparedLeads {
        let start: Int
        let end: Int
        let make: (Funnel) -> LeadTable?
    }

    /// What `decodeWithLeadsRange` found: the workspace, its leads and where the `leads`
    /// array is in the file (nil when the tree decoder read the document).
    struct DecodedWithRange {
        let workspace: Workspace
        let leadsRange: Range<Int>?
        var leads: LeadStore { workspace.leads }
    }

    /// Decodes as `decode` does, taking the leads from `prepared` when it fits, and says
    /// where the leads array is, for a snapshot of its columns.
    static func decodeWithLeadsRange(_ bytes: FileBytes, path: String?, defaultName: String,
                                     prepared: PreparedLeads?) throws(WorkspaceError) -> DecodedWithRange {
        if let streamed = try decodeStreaming(bytes, path: path, defaultName: defaultName, prepared: prepared) {
            return DecodedWithRange(workspace: streamed.workspace, leadsRange: streamed.leadsRange)
        }
        return DecodedWithRange(workspace: try decodeTree(bytes.array, path: path, defaultName: defaultName), leadsRange: nil)
    }

    private static func decodeStreaming(_ bytes: FileBytes, path: String?, defaultName: String,
                                        prepared: PreparedLeads?) throws(WorkspaceError) -> (workspace: Workspace, leadsRange: Range<Int>?)? {
        let attempt: Result<(workspace: Workspace, leadsRange: Range<Int>?)?, WorkspaceError> = bytes.withUnsafeBufferPointer { buffer in
            guard let top = scanTopLevel(buffer, source: bytes, prepared: prepared) else { return .success(nil) }
            do throws(WorkspaceError) {
                let workspace = try decode(top.object, path: path, defaultName: defaultName) { funnel in
                    guard let leads = top.leads else { return LeadStore() }
                    if leads.table.funnel == funnel { return leads }
                    guard let start = top.leadsStart,
                          let again = try? LeadStreamDecoder.decode(buffer, source: bytes, at: start, funnel: funnel) else { return nil }
                    return LeadStore(table: again.table)
                }
                guard let workspace else { return .success(nil) }
                let range = top.leadsStart.flatMap { start in top.leadsEnd.map { start..<$0 } }
                return .success((workspace, range))
            } catch {
                return .failure(error)
            }
        }
        return try attempt.get()
    }

    private struct TopLevel {
        var object: JSONObject
        var leads: LeadStore?
        var leadsStart: Int?
        var leadsEnd: Int?
    }

    /// The top-level members, with `leads` streamed; nil on anything unexpected.
    private static func scanTopLevel(_ buffer: UnsafeBufferPointer<UInt8>, source: FileBytes, prepared: PreparedLeads?) -> TopLevel? {
        var i = 0
        func skipWhitespace() {
            while i < buffer.count, buffer[i] == 0x20 || buffer[i] == 0x0A || buffer[i] == 0x0D || buffer[i] == 0x09 { i += 1 }
        }
        skipWhitespace()
        guard i < buffer.count, buffer[i] == UInt8(ascii: "{") else { return nil }
        i += 1
        var top = TopLevel(object: JSONObject())
        skipWhitespace()
        if i < buffer.count, buffer[i] == UInt8(ascii: "}") {
            i += 1
        } else {
            while true {
                skipWhitespace()
                guard let (keyValue, afterKey) = try? JSONParser.parseValue(in: buffer, at: i), case .string(let key) = keyValue else { return nil }
                i = afterKey
                // A repeated key: the tree decoder refuses it with its position.
                if top.object[key] != nil || (key == "leads" && top.leadsStart != nil) { return nil }
                skipWhitespace()
                guard i < buffer.count, buffer[i] == UInt8(ascii: ":") else { return nil }
                i += 1
                skipWhitespace()
                if key == "leads", top.leadsStart == nil, i < buffer.count, buffer[i] == UInt8(ascii: "[") {
                    let funnel = speculativeFunnel(top.object)
                    let table: LeadTable, end: Int
                    if let prepared, prepared.start == i, let made = prepared.make(funnel) {
                        (table, end) = (made, prepared.end)
                    } else {
                        guard let decoded = try? LeadStreamDecoder.decode(buffer, source: source, at: i, funnel: funnel) else { return nil }
                        (table, end) = decoded
                    }
                    top.leadsStart = i
                    top.leadsEnd = end
                    top.leads = LeadStore(table: table)
                    // A placeholder: `decode` takes the streamed store instead.
                    top.object.members.append(JSONMember(key, .array([])))
                    i = end
                } else {
                    if key == "leads", top.leadsStart == nil { return nil }
                    guard let (value, end) = try? JSONParser.parseValue(in: buffer, at: i) else { return nil }
                    top.object.members.append(JSONMember(key, value))
                    i = end
                }
                skipWhitespace()
                guard i < buffer.count else { return nil }
                if buffer[i] == UInt8(ascii: ",") { i += 1; continue }
                guard buffer[i] == UInt8(ascii: "}") else { return nil }
                i += 1
                break
            }
        }
        skipWhitespace()
        return i == buffer.count ? top : nil
    }

    /// The funnel the members read so far define (as `decode` computes it), or the
    /// standard one; `decode` checks the guess against the real funnel.
    private static func speculativeFunnel(_ object: JSONObject) -> Funnel {
        guard case .array(let elements)? = object["stages"] else { return .standard }
        var stages: [Stage] = []
        for element in elements {
            guard let stage = try? Stage(json: element) else { return .standard }
            stages.append(stage)
        }
        return stages.isEmpty ? .standard : Funnel(stages: stages)
    }
}
