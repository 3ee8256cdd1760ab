import Foundation

/// One entry of the workspace's append-only `audit` list: who changed what, when, with
/// which command, and which leads it touched. Kept in the workspace file, so a month
/// later anyone can read who changed an agreement; `changes` is only this session's list.
///
/// It is also the envelope a shared store sends with each change: the change record says
/// what to apply, the entry says who, when and why. `by` is who acted (`as NAME`);
/// `login` is who was logged in when that was someone else (for a shared workspace in
/// PostgreSQL, the database login).
public struct AuditEntry: Sendable, Equatable {
    public var at: Date
    public var by: String
    /// The logged-in person when `as` acted for someone else; nil when it was `by`.
    public var login: String?
    /// The command as typed (`move L-000393 to sal assign ioana`).
    public var command: String
    /// What the change did, in a few words (`move 1 lead to sal`).
    public var what: String
    /// How many leads the change touched.
    public var leads: Int
    /// The ids of the leads touched, at most `idLimit` of them (`leads` is exact).
    public var ids: [String]
    /// Keys this version does not know, written back unchanged.
    public var extra: JSONObject

    /// The most lead ids one entry keeps: enough to answer "who touched L-000042" for any
    /// review-sized change without one bulk import filling the file with ids.
    public static let idLimit = 1000

    public init(at: Date, by: String, login: String? = nil, command: String, what: String, leads: Int, ids: [String],
                extra: JSONObject = JSONObject()) {
        self.at = at
        self.by = by
        self.login = login == by ? nil : login
        self.command = command
        self.what = what
        self.leads = leads
        self.ids = Array(ids.prefix(Self.idLimit))
        self.extra = extra
    }

    /// The entry for a change: its lead count and ids read from the change itself.
    public init(change: Change, at: Date, by: String, login: String?, command: String?, what: String) {
        var ids: [String] = []
        change.collectLeadIDs(into: &ids, limit: Self.idLimit)
        self.init(at: at, by: by, login: login, command: command ?? what, what: what, leads: change.leadCount, ids: ids)
    }
}

extension Change {
    /// The ids of the leads the change touches, in order, up to `limit`.
    func collectLeadIDs(into ids: inout [String], limit: Int) {
        guard ids.count < limit else { return }
        switch self {
        case .updateLead(let lead), .insertLead(let lead, _): ids.append(lead.id)
        case .removeLead(let id): ids.append(id)
        case .appendLeads(let batch): for row in 0..<min(batch.count, limit - ids.count) { ids.append(batch.id(at: row)) }
        case .group(let changes): for change in changes { change.collectLeadIDs(into: &ids, limit: limit) }
        default: break
        }
    }
}

extension AuditEntry {
    init(json value: JSONValue) throws(FieldFault) {
        var r = try FieldReader(value, field: "")
        guard let at = try r.date("at") else { throw FieldFault(field: "at", problem: .missing) }
        self.init(at: at, by: try r.requiredString("by"), login: try r.string("login"), command: try r.string("command") ?? "",
                  what: try r.string("what") ?? "", leads: Int(try r.number("leads") ?? 0), ids: try r.strings("ids"))
        extra = r.extra
    }

    /// The entry as the workspace file holds it.
    public var json: JSONValue {
        var members = [JSONMember("at", .string(Timestamp.format(at))), JSONMember("by", .string(by))]
        if let login { members.append(JSONMember("login", .string(login))) }
        members.append(JSONMember("command", .string(command)))
        members.append(JSONMember("what", .string(what)))
        members.append(JSONMember("leads", .number(leads)))
        if !ids.isEmpty { members.append(JSONMember("ids", .array(ids.map(JSONValue.string)))) }
        return .object(JSONObject(members + extra.members))
    }
}
