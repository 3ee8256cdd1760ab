/// Scoring proposals carry the whole scoring they would put in force (`score rule add`
/// proposes the rules now plus one). A team proposing several rules in a row (the
/// X Education import script proposes six) therefore makes proposals that each replace
/// the others: approving the second as it stands would drop the first. Rebasing applies
/// what a proposal changed (rules added or dropped, weights and thresholds set) to the
/// scoring in force now, so independent proposals can all be approved; when two
/// proposals change the same thing differently there is no rebase and approval is refused.
extension Scoring {
    /// `proposed`, made when the scoring was `base`, applied to `self` (the scoring in
    /// force now); nil when it conflicts with what changed since (a rule it drops is gone
    /// or one it adds is there already, a weight or threshold both changed differently).
    public func rebasing(_ proposed: Scoring, madeOn base: Scoring) -> Scoring? {
        var result = self
        guard let fit = Self.rebase(current: fit, proposed: proposed.fit, base: base.fit),
              let interest = Self.rebase(current: interest, proposed: proposed.interest, base: base.interest),
              Self.rebase(&result.fitWeight, proposed.fitWeight, base.fitWeight),
              Self.rebase(&result.interestWeight, proposed.interestWeight, base.interestWeight),
              Self.rebase(&result.highFit, proposed.highFit, base.highFit),
              Self.rebase(&result.highInterest, proposed.highInterest, base.highInterest),
              Self.rebase(&result.extra, proposed.extra, base.extra)
        else { return nil }
        result.fit = fit
        result.interest = interest
        return result
    }

    /// The rules of `current` without those the proposal dropped from `base`, then those
    /// it added, in the proposal's order.
    private static func rebase<Rule: Hashable>(current: [Rule], proposed: [Rule], base: [Rule]) -> [Rule]? {
        let dropped = base.filter { !proposed.contains($0) }
        let added = proposed.filter { !base.contains($0) }
        guard dropped.allSatisfy(current.contains), !added.contains(where: current.contains) else { return nil }
        if dropped.isEmpty && added.isEmpty && proposed != base {
            // Only the order changed (no command does this today): take it only over an unchanged list.
            return current == base ? proposed : nil
        }
        return current.filter { !dropped.contains($0) } + added
    }

    /// One setting: the proposal's value when it changed it and the setting in force did
    /// not change differently since; false on a conflict.
    private static func rebase<Value: Equatable>(_ value: inout Value, _ proposed: Value, _ base: Value) -> Bool {
        guard proposed != base else { return true }
        guard value == base || value == proposed else { return false }
        value = proposed
        return true
    }
}
