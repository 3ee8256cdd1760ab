/// Where a change and a save since disagree, lead by lead, so a refused replay can say
/// which lead and which field instead of only that the file changed.
extension LeadMerge {
    /// For each lead `change` updates (`inverse` holding them as they were before it)
    /// that does not merge with `workspace`: its id and the fields both sides set to
    /// different values. Empty when the change is not a lead update (nothing to name).
    public static func disagreements(_ change: Change, inverse: Change, onto workspace: Workspace) -> [ReplayConflict.Disagreement] {
        guard let leads = updates(change, inverse: inverse) else { return [] }
        var found: [ReplayConflict.Disagreement] = []
        for (base, mine) in leads {
            guard let theirs = workspace.leads[id: mine.id] else {
                found.append(.init(lead: mine.id, fields: []))
                continue
            }
            guard merge(base: base, mine: mine, theirs: theirs, funnel: workspace.funnel) == nil else { continue }
            let b = base.json, m = mine.json, t = theirs.json
            var keys = m.keys
            for key in t.keys + b.keys where !keys.contains(key) { keys.append(key) }
            let fields = keys.filter { key in m[key] != b[key] && t[key] != b[key] && t[key] != m[key] && key != "tags" }
            found.append(.init(lead: mine.id, fields: fields.isEmpty ? ["history"] : fields))
        }
        return found
    }
}
