import Foundation

/// The computed facts about a lead that queries, tables and reports share: score,
/// quadrant, contact attempts, age and idle time.
extension Workspace {
    /// The quadrant of a fit and an interest (none counts as 0), for callers that read
    /// them from the store's columns without decoding the lead.
    public func quadrant(fit: Double?, interest: Double?) -> Quadrant {
        let fitHigh = (fit ?? 0) >= scoring.highFit
        let interestHigh = (interest ?? 0) >= scoring.highInterest
        switch (fitHigh, interestHigh) {
        case (true, true): return .ideal
        case (true, false): return .nurture
        case (false, true): return .curious
        case (false, false): return .cold
        }
    }
}

/// Where a lead sits on the fit × interest grid.
public enum Quadrant: String, Sendable, CaseIterable {
    /// Good fit and engaged: sales should be on it.
    case ideal
    /// Good fit, not yet engaged: marketing's job.
    case nurture
    /// Engaged but a poor fit: handle with care.
    case curious
    case cold
}

extension Lead {
    /// Sales contact attempts: calls, emails and meetings logged.
    public var attempts: Int {
        activities.reduce(0) { $0 + (Activity.attemptTypes.contains($1.type) ? 1 : 0) }
    }

    /// Seconds since the lead was created.
    public func age(at now: Date) -> Double? {
        created.map { now.timeIntervalSince($0) }
    }

    /// Seconds since anything last happened to the lead.
    public func idle(at now: Date) -> Double? {
        lastTouched.map { now.timeIntervalSince($0) }
    }
}
