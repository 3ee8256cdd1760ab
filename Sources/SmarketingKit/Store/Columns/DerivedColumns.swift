import Synchronization

/// Columns computed from a loaded table and the workspace's rules, kept beside the table
/// so the next query reuses them: a million leads' fit is worked out once per set of fit
/// rules, not once per command.
///
/// Only answers that depend on nothing but the table and the key are kept; the scoring
/// engine does not offer a fit that reads the clock or a variable.
final class DerivedColumns: Sendable {
    /// What a derived fit column was computed from.
    struct FitKey: Hashable, Sendable {
        let rules: [Scoring.FitRule]
        /// The funnel's stage ids in order: stage comparisons in a rule depend on it.
        let stages: [String]
    }

    /// What a derived interest column was computed from: the rules and the clock.
    struct InterestKey: Hashable, Sendable {
        let rules: [Scoring.InterestRule]
        let now: Double
    }

    private let fit = Mutex<(key: FitKey, values: [Double])?>(nil)
    private let interest = Mutex<(key: InterestKey, values: [Double])?>(nil)

    /// The interest column for `key`: kept while the clock stands still (`--now`, a
    /// script), worked out again when it moves.
    func interest(for key: InterestKey, compute: () -> [Double]) -> [Double] {
        if let kept = interest.withLock({ $0 }), kept.key == key { return kept.values }
        let values = compute()
        interest.withLock { $0 = (key, values) }
        return values
    }

    /// The fit column for `key`, computed by `compute` when it is not kept yet.
    func fit(for key: FitKey, compute: () -> [Double]) -> [Double] {
        if let kept = fit.withLock({ $0 }), kept.key == key { return kept.values }
        let values = compute()
        fit.withLock { $0 = (key, values) }
        return values
    }
}
