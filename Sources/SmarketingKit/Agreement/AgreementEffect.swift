import Foundation

/// What an agreement change would do to the leads, measured before it is approved: the
/// leads that would move into or out of a stage (its entry rule, under the scoring in
/// force), whose score or quadrant a scoring change would change, and into or out of
/// each persona.
public struct AgreementEffect: Sendable, Equatable {
    /// One line per stage or persona that would change: `mql: 12 in, 3 out`.
    public var lines: [String] = []

    public var summary: String { lines.isEmpty ? "no lead moves" : lines.joined(separator: "; ") }

    /// Measures `change` against `workspace` at `now`.
    public init(of change: Change, in workspace: Workspace, now: Date) {
        var after = workspace
        guard (try? change.apply(to: &after)) != nil else { return }
        let before = QueryEnvironment(workspace: workspace, now: now), later = QueryEnvironment(workspace: after, now: now)
        let leads = workspace.leads
        let ordered = workspace.funnel.stages.filter { !$0.isSide }
        // Stages: leads in the stage that would fail its rule now (out), leads in the stage
        // before it that would newly pass (in).
        for (index, stage) in ordered.enumerated() {
            let oldRule = stage.entry ?? "", newRule = after.funnel.stage(stage.id)?.entry ?? ""
            guard !(oldRule.isEmpty && newRule.isEmpty) else { continue }
            let oldRows = Self.rows(oldRule, before, leads), newRows = Self.rows(newRule, later, leads)
            guard oldRows != newRows else { continue }
            let previous = index > 0 ? ordered[index - 1].id : nil
            var moveIn = 0, moveOut = 0
            for row in 0..<leads.count {
                let id = leads.stage(at: row)
                if id == stage.id, oldRows.contains(row), !newRows.contains(row) { moveOut += 1 }
                if id == previous, newRows.contains(row), !oldRows.contains(row) { moveIn += 1 }
            }
            var parts: [String] = []
            if moveIn > 0, let previous { parts.append("\(Thousands.format(moveIn)) in \(previous) would now pass") }
            if moveOut > 0 { parts.append("\(Thousands.format(moveOut)) in \(stage.id) would no longer pass") }
            if !parts.isEmpty { lines.append("\(stage.id) entry: " + parts.joined(separator: ", ")) }
        }
        // Scoring: "no lead moves" read as "nothing changes" when a rule rescored
        // thousands of leads without any crossing an entry rule. Said first: how many
        // leads' fit, interest or score would change, how many would change quadrant,
        // then the stage lines above, or that none crosses an entry rule.
        if workspace.scoring != after.scoring {
            var rescored = 0, requadranted = 0
            if let fit = LeadField.named("fit"), let interest = LeadField.named("interest") {
                // Fit and interest read once per side; score and quadrant follow from them
                // by the one formula each (half the lookups of reading all four fields).
                func number(_ value: QueryValue) -> Double? {
                    if case .number(let x) = value { return x }
                    return nil
                }
                for row in 0..<leads.count {
                    let fit0 = number(leads.value(of: fit, at: row, in: before)), fit1 = number(after.leads.value(of: fit, at: row, in: later))
                    let interest0 = number(leads.value(of: interest, at: row, in: before))
                    let interest1 = number(after.leads.value(of: interest, at: row, in: later))
                    if fit0 != fit1 || interest0 != interest1
                        || workspace.scoring.score(fit: fit0, interest: interest0) != after.scoring.score(fit: fit1, interest: interest1) {
                        rescored += 1
                    }
                    if workspace.quadrant(fit: fit0, interest: interest0) != after.quadrant(fit: fit1, interest: interest1) { requadranted += 1 }
                }
            }
            var said = [rescored == 0 ? "no lead's score changes" : "scores change for \(Thousands.count(rescored, "lead"))"]
            if requadranted > 0 { said.append("quadrant changes for \(Thousands.count(requadranted, "lead"))") }
            if lines.isEmpty { said.append("no lead crosses a stage's entry rule") }
            lines.insert(contentsOf: said, at: 0)
        }
        // Personas: the best-matching persona before and after.
        if let field = LeadField.named("persona"), workspace.personas != after.personas || workspace.scoring != after.scoring {
            var gained: [String: Int] = [:], lost: [String: Int] = [:]
            for row in 0..<leads.count {
                let old = leads.value(of: field, at: row, in: before), new = after.leads.value(of: field, at: row, in: later)
                guard old != new else { continue }
                if case .text(let name) = old { lost[name, default: 0] += 1 }
                if case .text(let name) = new { gained[name, default: 0] += 1 }
            }
            for name in Set(gained.keys).union(lost.keys).sorted() {
                lines.append("persona \(name): +\(Thousands.format(gained[name] ?? 0)) −\(Thousands.format(lost[name] ?? 0))")
            }
        }
        // Team: a person removed or moved keeps the leads they own until someone assigns
        // them; the approver should see how many, and where.
        if workspace.team != after.team, let owner = LeadField.named("owner") {
            let roles = Dictionary(after.team.map { ($0.name, $0.role) }, uniquingKeysWith: { a, _ in a })
            let leaving = workspace.team.filter { roles[$0.name] != $0.role }.map(\.name)
            var owned: [String: [String: Int]] = [:]
            if !leaving.isEmpty {
                let names = Set(leaving)
                for row in 0..<leads.count {
                    guard case .text(let name) = leads.value(of: owner, at: row, in: before), names.contains(name) else { continue }
                    owned[name, default: [:]][leads.stage(at: row), default: 0] += 1
                }
            }
            for name in leaving.sorted() {
                guard let stages = owned[name] else {
                    lines.append("\(name) owns no leads")
                    continue
                }
                let total = stages.values.reduce(0, +)
                let perStage = workspace.funnel.stages.compactMap { stage in stages[stage.id].map { "\(stage.id) \(Thousands.format($0))" } }
                lines.append("\(name) owns \(Thousands.format(total)) lead\(total == 1 ? "" : "s") (\(perStage.joined(separator: ", ")))"
                             + (roles[name] == nil ? ", kept as \(total == 1 ? "its" : "their") owner until assigned to someone else" : ""))
            }
        }
    }

    /// The rows meeting a rule: every row for no rule, none for one that does not compile.
    private static func rows(_ rule: String, _ environment: QueryEnvironment, _ leads: LeadStore) -> Set<Int> {
        if rule.trimmingCharacters(in: .whitespaces).isEmpty { return Set(0..<leads.count) }
        guard let query = try? QueryCompiler.compileRows(rule, in: environment) else { return [] }
        return Set(query.rows(in: leads))
    }
}
