import Foundation

/// What an agreement change is about, in the words a review uses: the subject, the text
/// in force, the text proposed.
extension Proposal {
    /// The subject, old and new text of `change` against `workspace`; nil when the change
    /// is not a change to an agreement (leads, views, rates, the name).
    public static func describe(_ change: Change, in workspace: Workspace) -> (subject: String, old: String, new: String)? {
        switch change {
        case .updateStage(let stage):
            let old = workspace.funnel.stage(stage.id)
            return ("entry rule of \(stage.id)", old?.entry ?? "(none)", stage.entry ?? "(none)")
        case .setGlossary(let terms):
            let before = Dictionary(workspace.glossary.map { ($0.term.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
            let after = Dictionary(terms.map { ($0.term.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
            let changed = Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted()
            let name = changed.map { after[$0]?.term ?? before[$0]?.term ?? $0 }.joined(separator: ", ")
            let old = changed.map { before[$0]?.definition ?? "(none)" }.joined(separator: " | ")
            let new = changed.map { after[$0]?.definition ?? "(removed)" }.joined(separator: " | ")
            return ("glossary term \(name)", old, new)
        case .setServiceLevel(let sla):
            let keys = changedKeys(workspace.sla, sla)
            return ("SLA", phrase(workspace.sla, only: keys, other: sla), phrase(sla, only: keys, other: workspace.sla))
        case .setScoring(let scoring):
            let before = lines(workspace.scoring), after = lines(scoring)
            let removed = before.filter { !after.contains($0) }, added = after.filter { !before.contains($0) }
            return ("scoring", removed.isEmpty ? "(none)" : removed.joined(separator: "; "),
                    added.isEmpty ? "(removed)" : added.joined(separator: "; "))
        case .setPersonas(let personas):
            let before = Dictionary(workspace.personas.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
            let after = Dictionary(personas.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
            let changed = Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted()
            var old: [String] = [], new: [String] = []
            for name in changed {
                let a = before[name].map(parts) ?? [:], b = after[name].map(parts) ?? [:]
                let differing = Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted()
                old.append(before[name] == nil ? "(none)" : differing.map { "\($0): \(a[$0] ?? "none")" }.joined(separator: "; "))
                new.append(after[name] == nil ? "(dropped)" : differing.map { "\($0): \(b[$0] ?? "none")" }.joined(separator: "; "))
            }
            return ("persona \(changed.joined(separator: ", "))", old.joined(separator: " | "), new.joined(separator: " | "))
        case .setTeam(let team):
            // Who is on which side decides who may approve: changing it alone would let
            // one team approve its own proposals, so it is an agreement like the others.
            let before = Dictionary(workspace.team.map { ($0.name, $0.role.rawValue) }, uniquingKeysWith: { a, _ in a })
            let after = Dictionary(team.map { ($0.name, $0.role.rawValue) }, uniquingKeysWith: { a, _ in a })
            let changed = Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted()
            guard !changed.isEmpty else { return nil }
            // Said as the action (`remove anna`, `add lena to marketing`, `move lena
            // from marketing to sales`), with where each person is now as the text in force.
            let action = { (name: String) -> String in
                switch (before[name], after[name]) {
                case (_?, nil): return "remove \(name)"
                case (nil, let new?): return "add \(name) to \(new)"
                case (let old?, let new?): return "move \(name) from \(old) to \(new)"
                case (nil, nil): return name
                }
            }
            return ("team", changed.map { name in before[name].map { "\(name) in \($0)" } ?? "\(name) not in the team" }.joined(separator: "; "),
                    changed.map(action).joined(separator: "; "))
        case .group(let changes):
            let parts = changes.compactMap { describe($0, in: workspace) }
            guard !parts.isEmpty else { return nil }
            return (parts.map(\.subject).joined(separator: "; "), parts.map(\.old).joined(separator: "; "),
                    parts.map(\.new).joined(separator: "; "))
        default:
            return nil
        }
    }

    /// The SLA's terms in one line, worded as `sla` and `sla set` word them
    /// (`marketing's MQLs a month: 40, sales' first contact: within 24 h`), not as the
    /// workspace file's keys: a reviewer approves a promise, not `marketing.mqlsPerMonth`.
    /// With `keys`, only those terms, a term this SLA lacks reading `none`; `(none)` when
    /// it has none of them.
    static func phrase(_ sla: ServiceLevel, only keys: Set<String>? = nil, other: ServiceLevel? = nil) -> String {
        let own = terms(sla)
        var shown = own.filter { keys?.contains($0.label) ?? true }
        guard !shown.isEmpty else { return "(none)" }
        if let keys, let other {
            let present = Set(own.map(\.label))
            shown += terms(other).filter { keys.contains($0.label) && !present.contains($0.label) }.map { (label: $0.label, value: "none") }
        }
        return shown.map { "\($0.label): \($0.value)" }.joined(separator: ", ")
    }

    /// Each term of an SLA as a label (`marketing's MQLs a month`) and a value (`40`), in
    /// the file's order: a team's side is its possessive, the keys `sla set` writes are
    /// named as `sla` names them (attempts and their days are one term, as in `3
    /// attempts in 7d`), and a key smk does not know is shown as it is.
    static func terms(_ sla: ServiceLevel) -> [(label: String, value: String)] {
        let f = { (x: Double) -> String in NumberText.format(x) }
        var result: [(label: String, value: String)] = []
        for member in sla.object.members {
            guard case .object(let side) = member.value else {
                result.append((member.key, member.value.compactText))
                continue
            }
            let team = Team(rawValue: member.key).possessive
            for item in side.members {
                let number = item.value.doubleValue
                switch (item.key, number) {
                case ("mqlsPerMonth", let n?): result.append(("\(team) MQLs a month", f(n)))
                case ("minFit", let n?): result.append(("\(team) minimum fit of an MQL", f(n)))
                case ("firstContactHours", let n?): result.append(("\(team) first contact", "within \(f(n)) h"))
                case ("attempts", let n?):
                    result.append(("\(team) contact attempts", f(n) + (side["withinDays"]?.doubleValue.map { " within \(f($0)) days" } ?? "")))
                case ("withinDays", let n?):
                    // Said with the attempts when there are any.
                    if side["attempts"]?.doubleValue == nil { result.append(("\(team) contact attempts", "within \(f(n)) days")) }
                case ("firstContact", _) where rules(item.value) != nil:
                    // Conditional promises: `sales' first contact where quadrant = ideal: within 1 h`.
                    for rule in rules(item.value) ?? [] {
                        guard case .object(let o) = rule else { continue }
                        let hours = o["hours"]?.doubleValue.map { "within \(f($0)) h" } ?? (o["hours"]?.compactText ?? "?")
                        result.append(("\(team) first contact where \(o["where"]?.stringValue ?? "?")", hours))
                    }
                default:
                    result.append(("\(team) \(item.key)", item.value.compactText))
                }
            }
        }
        return result
    }

    private static func rules(_ value: JSONValue) -> [JSONValue]? {
        if case .array(let items) = value { return items }
        return nil
    }

    /// What differs between two SLAs, as the labels of the terms that changed.
    static func changedKeys(_ a: ServiceLevel, _ b: ServiceLevel) -> Set<String> {
        let x = Dictionary(terms(a).map { ($0.label, $0.value) }, uniquingKeysWith: { a, _ in a })
        let y = Dictionary(terms(b).map { ($0.label, $0.value) }, uniquingKeysWith: { a, _ in a })
        return Set(x.keys).union(y.keys).filter { x[$0] != y[$0] }
    }

    /// A persona's parts by name, for showing only what a change alters.
    static func parts(_ persona: Persona) -> [String: String] {
        var parts = ["criteria": persona.criteria ?? "none"]
        if let story = persona.story { parts["story"] = story }
        if !persona.needs.isEmpty { parts["needs"] = persona.needs.joined(separator: ", ") }
        if !persona.pains.isEmpty { parts["pains"] = persona.pains.joined(separator: ", ") }
        if !persona.channels.isEmpty { parts["channels"] = persona.channels.joined(separator: ", ") }
        return parts
    }

    /// Scoring as rule lines, so a change shows only what differs.
    static func lines(_ scoring: Scoring) -> [String] {
        let f = { (x: Double) -> String in NumberText.format(x) }
        var result: [String] = scoring.fit.map { "fit \($0.when) → \(f($0.points))" }
        for rule in scoring.interest {
            let halflife: String = rule.halflife.map { " halflife \(f($0))d" } ?? ""
            result.append("interest \(rule.activity) → \(f(rule.points))" + halflife)
        }
        result.append("weights fit \(f(scoring.fitWeight)) interest \(f(scoring.interestWeight))")
        result.append("high fit \(f(scoring.highFit)) interest \(f(scoring.highInterest))")
        return result
    }
}

extension Proposal {
    /// The text in force and the text proposed, as a review shows them. An SLA proposal
    /// is worded again from what it carries (the SLA proposed and the one it replaces),
    /// so one saved before its terms were worded as `sla` words them
    /// (`marketing.mqlsPerMonth 40`) reads like a new one; the others as stored.
    public var wording: (old: String, new: String) {
        guard case .setServiceLevel(let proposed) = change, case .setServiceLevel(let previous) = base else { return (old, new) }
        let keys = Self.changedKeys(previous, proposed)
        guard !keys.isEmpty else { return (old, new) }
        return (Self.phrase(previous, only: keys, other: proposed), Self.phrase(proposed, only: keys, other: previous))
    }
}
