import Foundation

/// A change to an agreement (an entry rule, a glossary term, the SLA, scoring, a persona)
/// waiting for the other team: in a workspace with a team, agreements bind both sides,
/// so one side proposes and a member of the other approves (or declines, saying why).
///
/// Kept in the workspace file, so the proposal made on Monday can be approved on
/// Thursday by someone on another machine; the change it carries is applied as is on
/// approval, after checking that what it would replace has not changed meanwhile.
public struct Proposal: Sendable, Equatable {
    public enum Status: String, Sendable, Equatable {
        case open, approved, declined
    }

    /// The number people type: `approve 3`.
    public var number: Int
    public var at: Date
    public var by: String
    /// The proposer's team: a member of another team approves.
    public var team: Team
    /// The command that made it, as typed.
    public var command: String
    /// What it changes, in a few words (`entry rule of mql`).
    public var subject: String
    /// The text in force when it was proposed, and the text proposed.
    public var old: String
    public var new: String
    /// What approval applies.
    public var change: Change
    /// The change that restores what `change` replaces, as it was when proposed: if the
    /// agreement changed since, approving would silently undo that, so it is refused.
    public var base: Change
    public var status: Status = .open
    public var decidedBy: String?
    public var decidedAt: Date?
    /// Why it was declined.
    public var why: String?
    public var extra = JSONObject()

    public init(number: Int, at: Date, by: String, team: Team, command: String, subject: String, old: String, new: String,
                change: Change, base: Change) {
        self.number = number
        self.at = at
        self.by = by
        self.team = team
        self.command = command
        self.subject = subject
        self.old = old
        self.new = new
        self.change = change
        self.base = base
    }
}

extension Proposal {
    init(json value: JSONValue, funnel: Funnel) throws(FieldFault) {
        var r = try FieldReader(value, field: "")
        guard let number = try r.number("number"), let at = try r.date("at") else { throw FieldFault(field: "number", problem: .missing) }
        guard let change = r.value("change"), let base = r.value("base") else { throw FieldFault(field: "change", problem: .missing) }
        let decoded: Change, decodedBase: Change
        do { decoded = try Change(json: change, funnel: funnel) } catch { throw error.nested(in: "change") }
        do { decodedBase = try Change(json: base, funnel: funnel) } catch { throw error.nested(in: "base") }
        self.init(number: Int(number), at: at, by: try r.requiredString("by"), team: Team(rawValue: try r.string("team") ?? ""),
                  command: try r.string("command") ?? "", subject: try r.string("subject") ?? "", old: try r.string("old") ?? "",
                  new: try r.string("new") ?? "", change: decoded, base: decodedBase)
        let statusText = try r.string("status") ?? "open"
        guard let status = Status(rawValue: statusText) else {
            throw FieldFault(field: "status", problem: .wrongType(expected: "open, approved or declined", found: "'\(statusText)'"))
        }
        self.status = status
        decidedBy = try r.string("decidedBy")
        decidedAt = try r.date("decidedAt")
        why = try r.string("why")
        extra = r.extra
    }

    /// The proposal as the workspace file holds it.
    public var json: JSONValue {
        var members = [JSONMember("number", .number(number)), JSONMember("at", .string(Timestamp.format(at))),
                       JSONMember("by", .string(by)), JSONMember("team", .string(team.rawValue)),
                       JSONMember("command", .string(command)), JSONMember("subject", .string(subject)),
                       JSONMember("old", .string(old)), JSONMember("new", .string(new)),
                       JSONMember("status", .string(status.rawValue))]
        if let decidedBy { members.append(JSONMember("decidedBy", .string(decidedBy))) }
        if let decidedAt { members.append(JSONMember("decidedAt", .string(Timestamp.format(decidedAt)))) }
        if let why { members.append(JSONMember("why", .string(why))) }
        members.append(JSONMember("change", change.json))
        members.append(JSONMember("base", base.json))
        return .object(JSONObject(members + extra.members))
    }
}
