/// Three-way merge of one lead, for a shared workspace: my change and another person's
/// change to the same lead, both made from the same `base`, merge when they do not
/// disagree. Used when the store refuses my change as stale: if the merge succeeds the
/// change is made again on top of theirs, otherwise it stays refused.
///
/// Field by field: a field only one side changed takes that side's value; tags merge
/// as sets (both sides' additions kept, both sides' removals done); activities, history
/// and feedback, which only grow, keep both sides' new entries. Two different values
/// for any other field (two moves to different stages, two owners) do not merge.
public enum LeadMerge {
    /// `change` (whose `inverse` holds the leads as they were before it) made again on
    /// `workspace`, each lead merged with what others made of it since; nil unless the
    /// change only updates leads, each once, and every one merges. Both the journal's
    /// replay over a lead saved since and a shared store's rebase after a conflict use it.
    public static func rebase(_ change: Change, inverse: Change, onto workspace: Workspace) -> Change? {
        guard let leads = updates(change, inverse: inverse), Set(leads.map(\.mine.id)).count == leads.count else { return nil }
        var merged: [Change] = []
        for (base, mine) in leads {
            guard let theirs = workspace.leads[id: mine.id],
                  let lead = merge(base: base, mine: mine, theirs: theirs, funnel: workspace.funnel) else { return nil }
            merged.append(.updateLead(lead))
        }
        return merged.count == 1 ? merged[0] : .group(merged)
    }

    /// The leads `change` updates, each with its state before; nil when it does more.
    static func updates(_ change: Change, inverse: Change) -> [(base: Lead, mine: Lead)]? {
        switch (change, inverse) {
        case (.updateLead(let mine), .updateLead(let base)) where mine.id == base.id: return [(base, mine)]
        case (.group(let changes), .group(let inverses)) where changes.count == inverses.count:
            var all: [(base: Lead, mine: Lead)] = []
            for (c, i) in zip(changes, inverses.reversed()) {
                guard let more = updates(c, inverse: i) else { return nil }
                all += more
            }
            return all
        default: return nil
        }
    }

    public static func merge(base: Lead, mine: Lead, theirs: Lead, funnel: Funnel) -> Lead? {
        let b = base.json, m = mine.json, t = theirs.json
        var keys = m.keys
        for key in t.keys + b.keys where !keys.contains(key) { keys.append(key) }
        var members: [JSONMember] = []
        for key in keys {
            let bv = b[key], mv = m[key], tv = t[key]
            let value: JSONValue?
            if mv == bv {
                value = tv
            } else if tv == bv || tv == mv {
                value = mv
            } else if key == "tags" {
                value = mergeSet(base: bv, mine: mv, theirs: tv)
            } else if ["activities", "history", "feedback"].contains(key) {
                guard let merged = mergeAppended(base: bv, mine: mv, theirs: tv) else { return nil }
                value = merged
            } else {
                return nil
            }
            if let value { members.append(JSONMember(key, value)) }
        }
        let change = JSONValue.object(JSONObject([JSONMember("op", .string("updateLead")), JSONMember("lead", .object(JSONObject(members)))]))
        guard case .updateLead(let lead)? = try? Change(json: change, funnel: funnel) else { return nil }
        return lead
    }

    private static func strings(_ value: JSONValue?) -> [String] {
        guard case .array(let items)? = value else { return [] }
        return items.compactMap(\.stringValue)
    }

    private static func mergeSet(base: JSONValue?, mine: JSONValue?, theirs: JSONValue?) -> JSONValue {
        let b = strings(base), m = strings(mine), t = strings(theirs)
        let removed = Set(b).subtracting(m)
        var result = t.filter { !removed.contains($0) }
        for tag in m where !b.contains(tag) && !result.contains(tag) { result.append(tag) }
        return .array(result.map(JSONValue.string))
    }

    private static func mergeAppended(base: JSONValue?, mine: JSONValue?, theirs: JSONValue?) -> JSONValue? {
        func items(_ value: JSONValue?) -> [JSONValue] {
            if case .array(let list)? = value { return list }
            return []
        }
        let b = items(base), m = items(mine), t = items(theirs)
        guard m.starts(with: b), t.starts(with: b) else { return nil }
        return .array(t + m.dropFirst(b.count))
    }
}
