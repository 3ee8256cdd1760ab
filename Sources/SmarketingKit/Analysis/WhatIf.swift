import Foundation

/// The reverse funnel: from a revenue target back to the leads needed at every stage,
/// and forwards: what the pipeline now is expected to bring.
public enum WhatIf {
    /// A conversion rate between two ordered stages (`lead->customer 2%`).
    public struct Rate: Sendable, Equatable {
        public var from: String
        public var to: String
        public var value: Double
        public init(from: String, to: String, value: Double) {
            self.from = from
            self.to = to
            self.value = value
        }
    }

    /// Where a rate used in a plan came from.
    public enum RateSource: String, Sendable {
        case given, assumed, measured
    }

    /// One stage of a backward plan.
    public struct Step: Sendable, Equatable {
        public var stage: String
        /// Leads needed in the stage; nil for stages a span rate jumps over.
        public var needed: Int?
        /// The rate from this stage to the next planned one, and where it came from.
        public var rate: Double?
        public var rateSource: String?
        /// Leads in the stage now.
        public var now: Int
    }

    public enum PlanError: Error, Sendable, Equatable, CustomStringConvertible {
        case noDealSize
        case badRate(from: String, to: String)
        /// A plan needing more leads than can be counted (a target of 1e15 at 0.0001%).
        case tooLarge

        public var description: String {
            switch self {
            case .noDealSize: "no deal size: give one (deal 1k), or win a customer with a value first"
            case .badRate(let from, let to): "the rate \(from)->\(to) must be above 0% and at most 100%"
            case .tooLarge: "the plan needs more leads than can be counted: lower the target or raise the rates"
            }
        }
    }

    /// `value` rounded up to a whole number of leads, refused beyond 1e15.
    static func wholeCount(_ value: Double) throws(PlanError) -> Int {
        let rounded = (value - 1e-9).rounded(.up)
        guard rounded.isFinite, abs(rounded) <= 1e15 else { throw .tooLarge }
        return Int(rounded)
    }

    /// A backward plan: the steps, and where it had to stop for want of a rate.
    public struct Plan: Sendable, Equatable {
        public var steps: [Step]
        /// The first step back with no rate (none given, none measured): the plan covers
        /// the stages after it.
        public var missingRate: (from: String, to: String)?

        public static func == (a: Plan, b: Plan) -> Bool {
            a.steps == b.steps && a.missingRate?.from == b.missingRate?.from && a.missingRate?.to == b.missingRate?.to
        }
    }

    /// Customers needed for `target` at `deal` each, and every earlier stage back to the
    /// first, each rounded up: a plan that falls one customer short is no plan.
    public static func backward(target: Double, deal: Double, rates given: [Rate], assumed: [Rate], measured: FunnelAnalysis,
                                stages ordered: [String]) throws(PlanError) -> Plan {
        guard deal > 0 else { throw .noDealSize }
        for rate in given + assumed where !(rate.value > 0 && rate.value <= 1) { throw .badRate(from: rate.from, to: rate.to) }
        let nowCounts = Dictionary(uniqueKeysWithValues: measured.stages.map { ($0.stage, $0.now) })
        var steps = ordered.map { Step(stage: $0, needed: nil, rate: nil, rateSource: nil, now: nowCounts[$0] ?? 0) }
        guard var index = ordered.indices.last else { return Plan(steps: steps) }
        steps[index].needed = try wholeCount(target / deal)
        while index > 0, let count = steps[index].needed {
            let target = ordered[index]
            // A given or assumed rate into this stage, from the furthest stage back wins.
            let chosen = (given.map { ($0, RateSource.given) } + assumed.map { ($0, RateSource.assumed) })
                .filter { $0.0.to == target && ordered.firstIndex(of: $0.0.from).map { $0 < index } == true }
                .min { (ordered.firstIndex(of: $0.0.from) ?? 0) < (ordered.firstIndex(of: $1.0.from) ?? 0) }
            let from: Int
            let rate: Double
            let source: RateSource
            if let (given, kind) = chosen, let start = ordered.firstIndex(of: given.from) {
                from = start
                rate = given.value
                source = kind
            } else {
                from = index - 1
                guard let cohort = measured.rate(from: ordered[from], to: target), let value = cohort.rate, value > 0 else {
                    return Plan(steps: steps, missingRate: (ordered[from], target))
                }
                rate = value
                source = .measured
            }
            steps[from].needed = try wholeCount(Double(count) / rate)
            steps[from].rate = rate
            steps[from].rateSource = source.rawValue + (from < index - 1 ? " \(ordered[from])->\(target)" : "")
            index = from
        }
        return Plan(steps: steps)
    }

    /// New customers the leads in the earlier stages now are expected to bring (those
    /// already customers are not counted), with the measured stage rates, some of them
    /// replaced by `overrides`.
    /// `now` replaces the leads per stage (to forecast another pipeline at these rates).
    public static func expectedCustomers(_ measured: FunnelAnalysis, overrides: [Rate], now: [Int]? = nil) -> Double {
        let stages = measured.stages.map(\.stage)
        guard let last = stages.indices.last else { return 0 }
        var stepRates = measured.cohorts.map { $0.rate ?? 0 }
        for override in overrides {
            guard let i = stages.firstIndex(of: override.from), let j = stages.firstIndex(of: override.to), i < j else { continue }
            // A span rate replaces the product of the steps it covers: put it on the first
            // step and make the others certain.
            stepRates[i] = override.value
            for k in (i + 1)..<j { stepRates[k] = 1 }
        }
        var total = 0.0
        for i in 0..<last {
            let toEnd = stepRates[i...].reduce(1, *)
            total += Double(now?[i] ?? measured.stages[i].now) * toEnd
        }
        return total
    }
}
