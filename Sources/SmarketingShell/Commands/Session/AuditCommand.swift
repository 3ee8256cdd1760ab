import Foundation
import SmarketingKit

/// `audit [where EXPR] [since 7d] [by NAME]`: the workspace's audit, kept in its file:
/// who changed what and when, across sessions. (`changes` is this session's list, for
/// undo; `log` records an activity.)
public enum AuditCommand: ShellCommand {
    public static let name = "audit"
    public static let group = CommandGroup.session
    public static let summary = "who changed what and when, kept in the workspace file (all sessions)"
    public static let usage = "audit [ID,…|where EXPR|@view] [since DURATION|DATE] [by PERSON] [limit N]"
    public static let details = """
        Every change (leads, agreements, owners, tags, fields, proposals and their approval)
        adds one entry to the workspace's audit list when it is applied: at, by, the
        command as typed, and the leads it touched. When as NAME acts for someone else
        than the person logged in, both are kept (by and login). An undo before the next
        save takes its entry back (the file never held the change); after a save it is
        kept as undo: …. A selection keeps the entries that touched one of its leads;
        by PERSON matches who acted or who was logged in; limit N shows the newest N.
        """
    public static let examples = ["audit", "as anna; move L-000003 to sal; audit since 1d by anna; undo",
                                  "audit where source = 'webinar' since 30d"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        let selector = try LeadSelector.parse(&arguments, in: session, stops: LeadSelector.clauseEnds.union(["since", "limit"]))
        var since: Date?
        var person: String?
        var limit: Int?
        while let token = arguments.peek {
            if arguments.take("since") {
                let value = try arguments.text("a time such as 7d or a date")
                switch try LetCommand.literal(value) {
                case .duration(let seconds): since = session.now.addingTimeInterval(-seconds)
                case .date(let date): since = date
                default: throw arguments.unexpected(value, expected: "a time such as 7d or a date such as 2026-11-01")
                }
            } else if arguments.take("by") {
                person = try arguments.teamMember(in: session).text
            } else if arguments.take("limit") {
                limit = try arguments.integer("a number of entries")
            } else {
                throw arguments.unexpected(token, expected: "since, by, limit or the end")
            }
        }
        var entries = session.workspace.audit
        if case .all = selector {} else {
            let rows = try selector.rows(in: session, environment: session.queryEnvironment())
            let leads = session.workspace.leads
            let ids = Set(rows.map { leads.id(at: $0) })
            entries = entries.filter { $0.ids.contains(where: ids.contains) }
        }
        if let since { entries = entries.filter { $0.at >= since } }
        if let person { entries = entries.filter { $0.by == person || $0.login == person } }
        let matched = entries.count
        if let limit { entries = Array(entries.suffix(limit)) }
        let showLogin = entries.contains { $0.login != nil }
        let rows: [[TableValue]] = entries.map { entry in
            [.date(entry.at), .text(entry.by)] + (showLogin ? [TableValue(entry.login)] : [])
                + [.text(entry.command), .number(Double(entry.leads))]
        }
        let total = session.workspace.audit.count
        var footer = matched == total ? "\(Thousands.format(total)) entr\(total == 1 ? "y" : "ies")"
            : "\(Thousands.format(matched)) of \(Thousands.format(total)) entries"
        if entries.count < matched { footer += ", the newest \(Thousands.format(entries.count)) shown" }
        let table = Table(columns: ["at", "by"] + (showLogin ? ["login"] : []) + ["command", "leads"], rows: rows, footer: footer)
        return .document(.array(entries.map(\.json)), display: .table(table))
    }
}
