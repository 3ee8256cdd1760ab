/// One owner at the hand-off: a lead in a stage is owned by someone of the team that owns
/// the stage. When a move crosses from one team's stage to the other's, the lead gets an
/// owner from the receiving team: the one named, the person moving it, the next in turn
/// (round-robin), or, handed back to marketing, the marketer who handed it over.
public enum Ownership {
    /// The owner a lead should have after entering `target` from `from`, moved by `actor`;
    /// `named` is the owner the command asked for. Returns the lead's owner unchanged
    /// when the workspace has no team or nothing crosses teams.
    public static func owner(of lead: Lead, from: Stage?, into target: Stage, actor: String, named: String?,
                             in workspace: Workspace) -> String? {
        if let named { return named }
        guard !workspace.team.isEmpty else { return lead.owner }
        let ownerRole = lead.owner.flatMap(workspace.role(of:))
        let crosses = from.map { $0.team != target.team } ?? false
        if ownerRole == target.team || (!crosses && (lead.owner == nil || ownerRole == nil)) { return lead.owner }
        if workspace.role(of: actor) == target.team { return actor }
        // Handed back: the last person of the receiving team who moved the lead.
        return lead.history.last { $0.by.flatMap(workspace.role(of:)) == target.team }?.by
    }

    /// Why `person` may not own a lead in `stage`: a stage sales owns (sal and later,
    /// lost) has an owner from sales. Marketing's stages may have a sales owner (a rep
    /// preparing to accept an MQL).
    public static func refusal(owner person: String, in stage: Stage, workspace: Workspace) -> String? {
        guard !workspace.team.isEmpty, stage.team == .sales, let role = workspace.role(of: person), role != stage.team else { return nil }
        return "\(stage.id) is \(stage.team.possessive) stage; \(person) is in \(role)"
    }

    /// Open leads (in a stage of the order other than the last) per person.
    public static func openLeads(in workspace: Workspace) -> [String: Int] {
        let ordered = workspace.funnel.stages.filter { !$0.isSide }
        let open = Set(ordered.dropLast().map(\.id))
        var counts: [String: Int] = [:]
        let leads = workspace.leads
        for row in 0..<leads.count where open.contains(leads.stage(at: row)) {
            if let owner = leads[row].owner { counts[owner, default: 0] += 1 }
        }
        return counts
    }

    /// Hands out the members of one team in turn: each lead goes to the member with the
    /// fewest open leads so far (the team list's order breaks ties).
    public struct RoundRobin: Sendable {
        public private(set) var members: [String]
        private var load: [String: Int]

        public init(team: Team, in workspace: Workspace) {
            members = workspace.team.filter { $0.role == team }.map(\.name)
            let counts = Ownership.openLeads(in: workspace)
            load = Dictionary(uniqueKeysWithValues: members.map { ($0, counts[$0] ?? 0) })
        }

        /// The next owner; nil when the team has nobody.
        public mutating func next() -> String? {
            guard let person = members.min(by: { (load[$0] ?? 0) < (load[$1] ?? 0) }) else { return nil }
            load[person, default: 0] += 1
            return person
        }

        /// A lead that stops counting for `person` (it was reassigned away).
        public mutating func release(_ person: String?) {
            guard let person, let n = load[person], n > 0 else { return }
            load[person] = n - 1
        }
    }
}
