import Foundation

/// What evaluating a query needs besides the lead: the workspace (funnel, scoring,
/// personas), the clock, the variables, and caches built once per query.
///
/// A class so the caches (persona predicates, the duplicate index) are built on first
/// use and shared by every lead the query looks at.
public final class QueryEnvironment {
    public let workspace: Workspace
    public let now: Date
    public let variables: [String: QueryValue]
    /// Asked while something slow is worked out for the query (the duplicate groups of
    /// `where dupes > 0`): Ctrl-C stops it, and nothing half-done is kept.
    public var isInterrupted: () -> Bool = { false }
    var personaPredicates: [(name: String, matches: LeadPredicate)] = []
    private var duplicateIndex: [Int32]?
    /// Quadrant, persona, feedback and reason per loaded lead, worked out on first use.
    private var quadrants: (table: LeadTable, category: ComputedCategory)?
    private var personas: (table: LeadTable, category: ComputedCategory)?
    private var feedbacks: (table: LeadTable, category: ComputedCategory)?
    private var reasons: (table: LeadTable, category: ComputedCategory)?

    /// The codes of a computed category key (`.quadrant`, `.feedback`, `.reason`, else
    /// `.persona`) for `table`.
    func computedCategory(_ key: ColumnKey, _ table: LeadTable) -> ComputedCategory {
        switch key {
        case .quadrant: return kept(&quadrants, table) { ComputedCategory.quadrant(table, self) }
        case .feedback: return kept(&feedbacks, table) { ComputedCategory.feedback(table) }
        case .reason: return kept(&reasons, table) { ComputedCategory.reason(table, self) }
        default: return kept(&personas, table) { ComputedCategory.persona(table, self) }
        }
    }

    private func kept(_ slot: inout (table: LeadTable, category: ComputedCategory)?, _ table: LeadTable,
                      compute: () -> ComputedCategory) -> ComputedCategory {
        if let slot, slot.table === table { return slot.category }
        let category = compute()
        slot = (table, category)
        return category
    }

    /// The scoring rules, compiled on first use.
    private(set) lazy var scoringEngine = ScoringEngine(environment: self)

    public init(workspace: Workspace, now: Date, variables: [String: QueryValue] = [:]) {
        self.workspace = workspace
        self.now = now
        self.variables = variables
    }

    /// An environment like this one with none of its caches: for compiling what this
    /// one keeps (rules, criteria), whose closures must not keep this one alive.
    func fresh() -> QueryEnvironment {
        QueryEnvironment(workspace: workspace, now: now, variables: variables)
    }

    /// Compiles every persona's criteria, once; called when a query uses `persona`.
    func preparePersonas() throws(QueryError) {
        guard personaPredicates.isEmpty, !workspace.personas.isEmpty else { return }
        var compiled: [(name: String, matches: LeadPredicate)] = []
        let criteriaEnvironment = fresh()
        for persona in workspace.personas {
            guard let criteria = persona.criteria, !criteria.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            let predicate = try QueryCompiler.compile(criteria, in: criteriaEnvironment, insidePersona: persona.name)
            compiled.append((persona.name, predicate))
        }
        personaPredicates = compiled
    }

    /// Reports a scoring rule that does not compile to a query that uses the scores;
    /// `range` is where the query names the score, for the caret.
    func prepareScoring(at range: Range<Int>) throws(QueryError) {
        guard let problem = scoringEngine.problems.first else { return }
        throw QueryError(.badScoringRule(number: problem.number, rule: problem.rule, reason: problem.error.description), at: range)
    }

    /// The lead's fit: from the fit rules when there are any, else as stored.
    public func fit(of lead: Lead) -> Double? { scoringEngine.fit(of: lead) }

    /// The lead's interest: from the interest rules (decayed to `now`) when there are
    /// any, else as stored.
    public func interest(of lead: Lead) -> Double? { scoringEngine.interest(of: lead) }

    /// Fit and interest weighted by the scoring's weights; none when the lead has neither.
    public func score(of lead: Lead) -> Double? {
        workspace.scoring.score(fit: fit(of: lead), interest: interest(of: lead))
    }

    /// Where the lead sits on the fit × interest grid.
    public func quadrant(of lead: Lead) -> Quadrant {
        workspace.quadrant(fit: fit(of: lead), interest: interest(of: lead))
    }

    /// Every rule behind the lead's score, for `score ID`.
    public func scoreCard(of lead: Lead) -> ScoreCard {
        scoringEngine.card(of: lead) { [workspace] in workspace.quadrant(fit: $0, interest: $1) }
    }

    /// The scoring rules that do not compile, with the reason, in rule order.
    public var scoringProblems: [(number: Int, rule: String, reason: String)] {
        scoringEngine.problems.map { ($0.number, $0.rule, $0.error.description) }
    }

    /// The first persona, in the order listed, whose criteria the lead meets.
    public func persona(of lead: Lead) -> String? {
        personaPredicates.first { $0.matches(lead) }?.name
    }

    /// How many other leads look like the same person: the size of the lead's group in
    /// `dupes` (same email, near-same name at one company, same phone), less one. A lead
    /// not in the workspace (one being added) is compared by nothing and counts 0.
    public func duplicates(of lead: Lead) -> Int {
        guard let row = workspace.leads.row(of: lead.id) else { return 0 }
        return Int(duplicateCounts[row])
    }

    /// The computed field `dupes` of a loaded table's row.
    func duplicates(tableRow: Int, in table: LeadTable) -> Int {
        let store = workspace.leads
        if store.table === table, store.layout == nil { return Int(duplicateCounts[tableRow]) }
        guard let row = store.row(of: table.id(at: tableRow)) else { return 0 }
        return Int(duplicateCounts[row])
    }

    /// `dupes` per row of the workspace, from the answer `dupes` keeps.
    private var duplicateCounts: [Int32] {
        if let counts = duplicateIndex { return counts }
        guard let counts = Duplicates.find(in: workspace.leads, by: Duplicates.defaultCriteria, isInterrupted: isInterrupted)?.others else {
            // Stopped: the caller sees the interruption; nothing is kept.
            return Array(repeating: 0, count: workspace.leads.count)
        }
        duplicateIndex = counts
        return counts
    }
}

/// A compiled query: true for the leads it selects.
public typealias LeadPredicate = (Lead) -> Bool
