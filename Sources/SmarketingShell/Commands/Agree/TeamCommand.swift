import SmarketingKit

/// `team`, `team add NAME sales|marketing`, `team remove NAME`: the people of the
/// workspace and which team each is on. The team decides who may move a lead into a
/// stage, who may approve a proposal, and whom `assign sales` hands leads to, so it is
/// set up from the shell like the other agreements: journalled, undoable, audited.
public enum TeamCommand: ShellCommand {
    public static let name = "team"
    public static let group = CommandGroup.agree
    public static let summary = "the people and their team (sales or marketing): list, add, remove"
    public static let usage = "team | team add NAME sales|marketing | team remove NAME"
    public static let details = """
        team lists each person, their team and how many leads they own. team add NAME
        sales|marketing adds a person (the login that by, owner and as use), or moves them
        to the other team; a person who owns leads in their team's stages moves only once
        those are assigned to someone else (a lead never sits in a sales stage with a
        marketing owner). team remove NAME takes a person off the team; the leads they own
        keep them as owner until reassigned. Without a team there are no role checks; with
        people of both teams, agreement changes become proposals (proposals), and so does
        a change to the team itself: who is on which side decides who approves, so one
        side cannot change it alone. Each change is one undo step and is kept in the audit.
        """
    public static let examples = ["team", "team add lena marketing; team; undo", "team remove daan; undo"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        guard let action = arguments.isAtEnd ? nil : try arguments.text("add or remove") else {
            return list(in: session)
        }
        switch action.text.lowercased() {
        case "add":
            let person = try arguments.text("the person's name (their login)")
            let teamToken = try arguments.text("sales or marketing")
            try arguments.finish()
            let name = person.text
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || "._-@".contains($0) }) else {
                throw .unexpected(found: "'\(name)'", expected: "a login of letters, digits, dots and dashes (anna, erik.l)",
                                  usage: usage, person.range)
            }
            let role = Team(rawValue: teamToken.text)
            guard role == .sales || role == .marketing else { throw arguments.unexpected(teamToken, expected: "sales or marketing") }
            var team = session.workspace.team
            guard let index = team.firstIndex(where: { $0.name == name }) else {
                // Logins match exactly (as, by, owner): Anna beside anna would be a second
                // person who owns none of anna's leads, almost surely a slip.
                if let same = team.first(where: { $0.name.lowercased() == name.lowercased() }) {
                    throw .refused("\(same.name) is already in \(same.role); logins match exactly, so \(name) would be someone else — did you mean \(same.name)?")
                }
                team.append(TeamMember(name: name, role: role))
                if let proposed = try session.agree(.setTeam(team), summary: "team add \(name) \(role)") { return proposed }
                return .message("added \(name) to \(role)")
            }
            let old = team[index].role
            guard old != role else { return .message("\(name) is already in \(role)") }
            let stranded = ownedRows(of: name, in: session).filter { row in
                session.workspace.funnel.stage(session.workspace.leads.stage(at: row))?.team == old
            }
            guard stranded.isEmpty else {
                throw .refused("\(name) owns \(Thousands.format(stranded.count)) lead\(stranded.count == 1 ? "" : "s") in \(old.possessive) stages; "
                               + "hand them to someone else in \(old) first (assign where owner = \(name) to NAME)")
            }
            team[index].role = role
            if let proposed = try session.agree(.setTeam(team), summary: "team add \(name) \(role)") { return proposed }
            return .message("moved \(name) from \(old) to \(role)")
        case "remove":
            let person = try arguments.text("the person's name")
            try arguments.finish()
            var team = session.workspace.team
            guard let index = team.firstIndex(where: { $0.name == person.text }) else {
                throw .refused("\(person.text) is not in the team"
                               + (Suggestion.nearest(to: person.text, in: team.map(\.name)).map { " — did you mean '\($0)'?" } ?? ""))
            }
            // Taking yourself off would leave the session acting as someone the workspace no
            // longer knows (every later command refused): someone else does it.
            guard team[index].name != session.actor else {
                throw .refused("\(team[index].name) is who you act as; someone else in the team runs team remove \(team[index].name)")
            }
            let removed = team.remove(at: index)
            if let proposed = try session.agree(.setTeam(team), summary: "team remove \(removed.name)") { return proposed }
            let owned = ownedRows(of: removed.name, in: session).count
            return .message("removed \(removed.name) (\(removed.role))"
                            + (owned > 0 ? "; \(removed.name) still owns \(Thousands.format(owned)) lead\(owned == 1 ? "" : "s"): "
                                + "assign where owner = \(removed.name) to \(removed.role)" : ""))
        default:
            throw arguments.unexpected(action, expected: "add or remove (or nothing, to list the team)")
        }
    }

    /// Each person, their team and the leads they own.
    static func list(in session: Session) -> CommandResult {
        let counts = ownerCounts(in: session)
        let team = session.workspace.team
        let rows: [[TableValue]] = team.map { [.text($0.name), .text($0.role.rawValue), .number(Double(counts[$0.name] ?? 0))] }
        let sales = team.filter { $0.role == .sales }.count, marketing = team.filter { $0.role == .marketing }.count
        let footer = team.isEmpty ? "no team: no role checks; team add NAME sales|marketing sets one up"
            : "\(sales) in sales, \(marketing) in marketing; team add NAME sales|marketing, team remove NAME"
        return .table(Table(columns: ["name", "team", "owns"], rows: rows, footer: footer))
    }

    /// Leads per owner, read from the owner column.
    private static func ownerCounts(in session: Session) -> [String: Int] {
        guard let owner = LeadField.named("owner") else { return [:] }
        let leads = session.workspace.leads
        var counts: [String: Int] = [:]
        for group in leads.groups(of: Array(0..<leads.count), by: owner, in: session.queryEnvironment()) {
            if case .text(let name) = group.key { counts[name, default: 0] += group.rows.count }
        }
        return counts
    }

    /// The rows of the leads `name` owns.
    private static func ownedRows(of name: String, in session: Session) -> [Int] {
        guard let owner = LeadField.named("owner") else { return [] }
        let leads = session.workspace.leads
        let environment = session.queryEnvironment()
        return (0..<leads.count).filter { leads.value(of: owner, at: $0, in: environment) == .text(name) }
    }
}
