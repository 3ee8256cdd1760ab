/// Who may move a lead where: the agreement between the teams, made executable.
///
/// With no team in the workspace nobody is checked (a single person's workspace). With a
/// team, a stage is entered by the team that owns it (unless the stage's `allow` lists
/// the other team too); the side stages are entered only through `recycle` and `reject`
/// (nurture) and `lose` (lost). A recycle is made by the team that owns the lead's
/// current stage; a reject by the team that owns the next stage, at the hand-off (sales
/// rejects an MQL); a lose follows the rules of a move: lost is entered by the team
/// that owns it (sales) or a team its `allow` lists.
public enum HandOff {
    /// How a lead is being moved.
    public enum Route: Sendable {
        case move, recycle, lose
        /// Sales says "not ready" about a lead handed over: back to nurture, with a reason.
        case reject
    }

    /// Why `actor` may not take a lead from `from` into `target` this way; nil if allowed.
    public static func refusal(actor: String, from: Stage?, into target: Stage, via route: Route, in workspace: Workspace) -> String? {
        if route == .move, target.isSide {
            return "\(target.id) is entered only through \(target.team == .marketing ? "recycle or reject" : "lose")"
        }
        guard !workspace.team.isEmpty else { return nil }
        guard let role = workspace.role(of: actor) else {
            let names = workspace.team.map(\.name).joined(separator: ", ")
            return "\(actor) is not in this workspace's team (\(names)); act as one of them with as NAME"
        }
        switch route {
        case .recycle:
            guard let from, from.team != role else { return nil }
            return "\(from.id) is \(from.team.possessive) stage; \(actor) is in \(role)"
        case .reject:
            // Only a lead at a hand-off is rejected at all; `rejectRefusal` words the rest
            // (which stage it is in, what to do instead), not as a matter of team.
            guard let from, let next = nextStage(after: from, in: workspace.funnel), next.team != from.team, next.team != role else { return nil }
            return "\(from.id) leads are rejected by \(next.team), who take them over at \(next.id); \(actor) is in \(role)"
                + (role == from.team ? ", which owns \(from.id): recycle them instead" : "")
        case .lose:
            let allowed = Set(target.allowedTeams + [target.team])
            guard !allowed.contains(role) else { return nil }
            return "\(target.id) is entered by \(target.team) (as a move into it is); \(actor) is in \(role)"
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

extension HandOff {
    /// The stage after `stage` in the funnel order; nil for the last and for side stages.
    public static func nextStage(after stage: Stage, in funnel: Funnel) -> Stage? {
        guard let rank = funnel.rank(of: stage.id) else { return nil }
        return funnel.stages.filter { !$0.isSide }.dropFirst(rank + 1).first
    }

    /// Why a lead in `stage` cannot be rejected at all: only leads at a hand-off (the
    /// next stage is owned by the other team: mql, handed over at sal) are; nil when it
    /// can. Says which stage the lead is in, which leads are rejected and by whom, and
    /// what `actor` may do with it instead (`recycle ID "why"`, `lose ID "why"`), so
    /// nobody is told about a team rule that is not the reason.
    public static func rejectRefusal(of id: String, from stage: Stage?, actor: String, in workspace: Workspace) -> String? {
        guard let stage else { return "its stage is unknown" }
        let funnel = workspace.funnel
        if let next = nextStage(after: stage, in: funnel), next.team != stage.team { return nil }
        let handOffs = funnel.stages.compactMap { s -> (from: Stage, to: Stage)? in
            guard !s.isSide, let next = nextStage(after: s, in: funnel), next.team != s.team else { return nil }
            return (s, next)
        }
        var why = "it is in \(stage.id), not at a hand-off"
        if handOffs.isEmpty {
            why += " (this funnel has none: no stage is followed by one of the other team)"
        } else {
            let rejected = handOffs.map { "leads in \($0.from.id) are rejected, by \($0.to.team) (who take them over at \($0.to.id))" }
            why += ": only " + rejected.joined(separator: ", and ")
        }
        // What the actor may do instead: the same rules recycle and lose follow.
        var instead: [String] = []
        let nurture = funnel.stages.first { $0.isSide && $0.team == .marketing }
        let lost = funnel.stages.first { $0.isSide && $0.team == .sales }
        let recycles = nurture.map { refusal(actor: actor, from: stage, into: $0, via: .recycle, in: workspace) == nil } ?? false
        if recycles { instead.append("recycle \(id) \"why\"") }
        if let lost, refusal(actor: actor, from: stage, into: lost, via: .lose, in: workspace) == nil {
            instead.append("lose \(id) \"why\"")
        }
        if !recycles, nurture != nil, !stage.isSide { instead.append("ask \(stage.team), who own \(stage.id), to recycle it") }
        return instead.isEmpty ? why : why + "; instead: " + instead.joined(separator: " or ")
    }
}

extension Stage {
    /// Other teams the stage lets in, from its `allow` key (`"allow": ["marketing"]`).
    public var allowedTeams: [Team] {
        guard case .array(let items)? = extra["allow"] else { return [] }
        return items.compactMap(\.stringValue).map { Team(rawValue: $0) }
    }
}
