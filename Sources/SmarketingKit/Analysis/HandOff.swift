/// Who may move a lead where: the agreement between the teams, made executable.
///
/// With no team in the workspace nobody is checked (a single person's workspace). With a
/// team, a stage is entered by the team that owns it (unless the stage's `allow` lists
/// the other team too); the side stages are entered only through `recycle` (nurture)
/// and `lose` (lost), by the team that owns the lead's current stage.
public enum HandOff {
    /// How a lead is being moved.
    public enum Route: Sendable {
        case move, recycle, lose
    }

    /// Why `actor` may not take a lead from `from` into `target` this way; nil if allowed.
    public static func refusal(actor: String, from: Stage?, into target: Stage, via route: Route, in workspace: Workspace) -> String? {
        if route == .move, target.isSide {
            return "\(target.id) is entered only through \(target.team == .marketing ? "recycle" : "lose")"
        }
        guard !workspace.team.isEmpty else { return nil }
        guard let role = workspace.role(of: actor) else {
            let names = workspace.team.map(\.name).joined(separator: ", ")
            return "\(actor) is not in this workspace's team (\(names)); act as one of them with as NAME"
        }
        switch route {
        case .recycle, .lose:
            guard let from, from.team != role else { return nil }
            return "\(from.id) is \(from.team)'s stage; \(actor) is in \(role)"
        case .move:
            let allowed = Set(target.allowedTeams + [target.team])
            guard !allowed.contains(role) else { return nil }
            var reason = "\(target.id) is owned by \(target.team); \(actor) is in \(role)"
            if let from, from.team != target.team {
                reason += " (the hand-off \(from.id) → \(target.id) is made by \(target.team))"
            }
            return reason
        }
    }
}

extension Stage {
    /// Other teams the stage lets in, from its `allow` key (`"allow": ["marketing"]`).
    public var allowedTeams: [Team] {
        guard case .array(let items)? = extra["allow"] else { return [] }
        return items.compactMap(\.stringValue).map { Team(rawValue: $0) }
    }
}
