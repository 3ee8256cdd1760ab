/// What `add lead` and `move` check before a lead enters a stage (the team that may
/// enter it, its entry rule), counted for an import's rows instead of refusing them:
/// an import brings a CRM's state as it is, so no row is dropped for it, and the plan
/// says how many rows of each stage were not checked or do not meet the rule.
struct ImportChecks {
    /// The importing person's team; nil without a team (nothing to check against).
    let role: Team?
    /// The compiled entry rule of each stage that has one, by stage id.
    let rules: [String: EntryRule]
    private(set) var outsideTeam: [String: Int] = [:]
    private(set) var failingEntry: [String: Int] = [:]

    init(role: Team?, rules: [String: EntryRule]) {
        self.role = role
        self.rules = rules
    }

    /// Counts `lead` (added or moved into `stage`) where a move there would be refused.
    mutating func note(_ lead: Lead, in stage: Stage, added: Bool) {
        if added, let role, !Set(stage.allowedTeams + [stage.team]).contains(role) {
            outsideTeam[stage.id, default: 0] += 1
        }
        if let rule = rules[stage.id], !rule.admits(lead) {
            failingEntry[stage.id, default: 0] += 1
        }
    }

    /// Puts the counts into `plan`, stages in funnel order.
    func fill(_ plan: inout ImportPlan, funnel: Funnel, actor: String) {
        plan.outsideTeam = funnel.stages.compactMap { stage in outsideTeam[stage.id].map { (stage.id, stage.team, $0) } }
        plan.failingEntry = funnel.stages.compactMap { stage in
            guard let rows = failingEntry[stage.id], let rule = rules[stage.id] else { return nil }
            return (stage.id, rule.text, rows)
        }
        if let role { plan.importer = (actor, role) }
    }
}
