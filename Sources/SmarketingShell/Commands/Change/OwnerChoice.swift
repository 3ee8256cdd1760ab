import SmarketingKit

/// Who gets the leads a command hands over: one person (`assign ioana`) or a team in turn
/// (`assign sales`: round-robin, fewest open leads first).
enum OwnerChoice: Equatable {
    case person(String)
    case team(Team)

    /// Reads `NAME` or `TEAM` after `assign`.
    static func parse(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> OwnerChoice {
        let teams = Set(session.workspace.team.map(\.role.rawValue))
        if let token = arguments.peek, teams.contains(token.text.lowercased()), session.workspace.role(of: token.text) == nil {
            _ = try arguments.next("a team")
            return .team(Team(rawValue: token.text))
        }
        return .person(try arguments.teamMember(in: session).text)
    }

    var person: String? {
        if case .person(let name) = self { return name }
        return nil
    }

    /// The turn-taker for a team choice; nil for a person.
    func roundRobin(in workspace: Workspace) -> Ownership.RoundRobin? {
        guard case .team(let team) = self else { return nil }
        return Ownership.RoundRobin(team: team, in: workspace)
    }
}
