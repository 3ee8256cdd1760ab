import Foundation

/// Did each team keep its side of the SLA over a window of time? Measured from the leads'
/// histories and activities, so the review argues about the same numbers.
///
/// Marketing promises a number of MQLs a month, each with at least the minimum fit.
/// Sales' clock starts when a lead enters the hand-off stage (sal, by default): first
/// contact (a call, email or meeting) within N hours, and K attempts within D days,
/// unless the lead moved forward in the funnel before that.
public struct ServiceLevelCheck: Sendable {
    /// Where one promise stands.
    public enum Status: String, Sendable {
        case kept, missed
        /// The agreement does not say (the SLA lacks the number).
        case notAgreed = "not agreed"
    }

    /// How the leads measured against one promise came out.
    public struct Tally: Sendable, Equatable {
        public var met: [String] = []
        public var missed: [String] = []
        /// Still inside their deadline: not counted either way yet.
        public var pending: [String] = []
        public var measured: Int { met.count + missed.count }
    }

    public let window: Double
    public let agreement: ServiceLevel
    /// Leads that entered MQL in the window.
    public let delivered: [String]
    /// Of those, the ones whose fit is below the agreed minimum.
    public let belowFit: [String]
    /// Every lead against its own first-contact promise.
    public let firstContact: Tally
    /// The same, split by the promise that applied: one tally per conditional promise
    /// (`agreement.contactRules`, in order), then the one for the rest.
    public let firstContactByRule: [Tally]
    public let firstContactOthers: Tally
    public let attempts: Tally
    public let handOffStage: String

    /// What the check reads of one lead: enough to judge it without the whole `Lead`, so
    /// a million loaded leads are judged from the columns (`LeadStore.serviceLevelSubjects`).
    public struct Subject: Sendable {
        public var id: String
        /// The stage the lead is in now.
        public var stage: String
        /// Its stage moves, oldest first: the stage entered and when.
        public var moves: [(to: String, at: Date)]
        /// When each of its contact attempts (activities of an attempt type) happened, in any order.
        public var attempts: [Date]

        public init(id: String, stage: String, moves: [(to: String, at: Date)], attempts: [Date]) {
            self.id = id
            self.stage = stage
            self.moves = moves
            self.attempts = attempts
        }

        /// The parts of `lead` the check reads.
        public init(_ lead: Lead, attemptTypes: Set<String>) {
            self.init(id: lead.id, stage: lead.stage, moves: lead.history.map { ($0.to, $0.at) },
                      attempts: lead.activities.compactMap { attemptTypes.contains($0.type) ? $0.at : nil })
        }
    }

    /// Checks `leads` (the ones touched in the window; others cannot count) at `now`.
    /// `fit` gives a lead's fit as the workspace computes it (rules or stored).
    /// `rule` gives the index of the first conditional contact promise a lead meets.
    public init(leads: [Lead], agreement: ServiceLevel, funnel: Funnel, now: Date, window: Double,
                attemptTypes: Set<String> = Activity.attemptTypes,
                fit: (Lead) -> Double?, rule: (Lead) -> Int? = { _ in nil }) {
        self.init(subjects: leads.map { Subject($0, attemptTypes: attemptTypes) }, agreement: agreement, funnel: funnel,
                  now: now, window: window, fit: { fit(leads[$0]) }, rule: { rule(leads[$0]) })
    }

    /// Checks `subjects` at `now`; `fit` and `rule` are asked by position in `subjects`
    /// (fit only for MQLs when the agreement has a minimum, rule only with conditional
    /// contact promises).
    public init(subjects: [Subject], agreement: ServiceLevel, funnel: Funnel, now: Date, window: Double,
                fit: (Int) -> Double?, rule: (Int) -> Int? = { _ in nil }) {
        self.window = window
        self.agreement = agreement
        let (qualified, handOff) = Self.measuredStages(funnel)
        handOffStage = handOff
        let start = now.addingTimeInterval(-window)
        let handOffRank = funnel.rank(of: handOff)
        // Each stage's rank, looked up once rather than per move.
        let ranks = Dictionary(funnel.stages.map { ($0.id, funnel.rank(of: $0.id) ?? -1) }, uniquingKeysWith: { first, _ in first })
        var delivered: [String] = [], belowFit: [String] = []
        var firstContact = Tally(), attempts = Tally()
        let rules = agreement.contactRules
        var byRule = [Tally](repeating: Tally(), count: rules.count), others = Tally()
        for (position, lead) in subjects.enumerated() {
            let inWindow = { (at: Date) in at > start && at <= now }
            if lead.moves.contains(where: { $0.to == qualified && inWindow($0.at) }) {
                delivered.append(lead.id)
                if let minFit = agreement.minFit, (fit(position) ?? 0) < minFit { belowFit.append(lead.id) }
            }
            guard let entered = lead.moves.last(where: { $0.to == handOff && inWindow($0.at) })?.at else { continue }
            let contacts = lead.attempts.filter { $0 >= entered }.sorted()
            let ruleIndex = rules.isEmpty ? nil : rule(position).flatMap { rules.indices.contains($0) ? $0 : nil }
            if let hours = ruleIndex.map({ rules[$0].hours }) ?? agreement.firstContactHours {
                let deadline = entered.addingTimeInterval(hours * 3600)
                let outcome: WritableKeyPath<Tally, [String]>
                if let first = contacts.first {
                    outcome = first <= deadline ? \.met : \.missed
                } else {
                    outcome = now > deadline ? \.missed : \.pending
                }
                // Appended in place: a copy of the tally, appended to and put back, copied
                // every list each time (quadratic; most of `sla` on a million leads).
                if let ruleIndex { byRule[ruleIndex][keyPath: outcome].append(lead.id) } else { others[keyPath: outcome].append(lead.id) }
                firstContact[keyPath: outcome].append(lead.id)
            }
            if let wanted = agreement.attempts, let days = agreement.withinDays {
                let deadline = entered.addingTimeInterval(days * 86_400)
                let made = contacts.filter { $0 <= deadline }.count
                // Moving the lead forward in time is keeping the promise: nobody needs three
                // calls to a lead that said yes on the first.
                let movedOn = lead.moves.contains { change in
                    change.at >= entered && change.at <= deadline
                        && (ranks[change.to] ?? -1) > (handOffRank ?? Int.max)
                }
                let isSide = funnel.stage(lead.stage)?.isSide ?? false
                if Double(made) >= wanted || movedOn {
                    attempts.met.append(lead.id)
                } else if now > deadline || isSide {
                    attempts.missed.append(lead.id)
                } else {
                    attempts.pending.append(lead.id)
                }
            }
        }
        self.delivered = delivered
        self.belowFit = belowFit
        self.firstContact = firstContact
        self.firstContactByRule = byRule
        self.firstContactOthers = others
        self.attempts = attempts
    }

    /// The stages whose entry the check measures: the qualified stage (mql), whose
    /// entries are marketing's deliveries, and the hand-off stage (the first ordered
    /// stage sales owns), whose entries start sales' clock. A lead that entered neither
    /// in the window counts for nothing.
    public static func measuredStages(_ funnel: Funnel) -> (qualified: String, handOff: String) {
        (funnel.resolve("mql") ?? "mql", funnel.stages.first { $0.team == .sales && funnel.rank(of: $0.id) != nil }?.id ?? "sal")
    }

    /// The MQLs the agreement asks for over the window (a month is 30 days).
    public var expectedMQLs: Double? {
        agreement.mqlsPerMonth.map { $0 * window / (30 * 86_400) }
    }

    public var volumeStatus: Status {
        guard let expected = expectedMQLs else { return .notAgreed }
        return Double(delivered.count) >= expected.rounded(.up) ? .kept : .missed
    }

    public var qualityStatus: Status {
        agreement.minFit == nil ? .notAgreed : belowFit.isEmpty ? .kept : .missed
    }

    public var firstContactStatus: Status {
        agreement.firstContactHours == nil && agreement.contactRules.isEmpty ? .notAgreed : firstContact.missed.isEmpty ? .kept : .missed
    }

    /// The status of each conditional first-contact promise, then of the one for the rest.
    public var firstContactStatuses: [Status] {
        firstContactByRule.map { $0.missed.isEmpty ? .kept : .missed }
            + [agreement.firstContactHours == nil ? .notAgreed : firstContactOthers.missed.isEmpty ? .kept : .missed]
    }

    public var attemptsStatus: Status {
        agreement.attempts == nil || agreement.withinDays == nil ? .notAgreed : attempts.missed.isEmpty ? .kept : .missed
    }

    /// How many promises were broken: what a review script expects to be 0.
    public var breaches: Int {
        ([volumeStatus, qualityStatus, attemptsStatus] + firstContactStatuses).filter { $0 == .missed }.count
    }

    /// How many promises there are: one per conditional first-contact promise besides the four.
    public var promises: Int { 4 + agreement.contactRules.count }
}
