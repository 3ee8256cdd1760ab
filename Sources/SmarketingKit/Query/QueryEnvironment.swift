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
    var personaPredicates: [(name: String, matches: LeadPredicate)] = []
    private var duplicateIndex: [String: Int]?

    public init(workspace: Workspace, now: Date, variables: [String: QueryValue] = [:]) {
        self.workspace = workspace
        self.now = now
        self.variables = variables
    }

    /// Compiles every persona's criteria, once; called when a query uses `persona`.
    func preparePersonas() throws(QueryError) {
        guard personaPredicates.isEmpty, !workspace.personas.isEmpty else { return }
        var compiled: [(name: String, matches: LeadPredicate)] = []
        for persona in workspace.personas {
            guard let criteria = persona.criteria, !criteria.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            let predicate = try QueryCompiler.compile(criteria, in: self, insidePersona: persona.name)
            compiled.append((persona.name, predicate))
        }
        personaPredicates = compiled
    }

    /// The first persona, in the order listed, whose criteria the lead meets.
    public func persona(of lead: Lead) -> String? {
        personaPredicates.first { $0.matches(lead) }?.name
    }

    /// How many other leads look like the same person: same email, or same name at the
    /// same company (case and accents aside).
    public func duplicates(of lead: Lead) -> Int {
        if duplicateIndex == nil {
            var index: [String: Int] = [:]
            for row in 0..<workspace.leads.count {
                for key in Self.duplicateKeys(workspace.leads[row]) { index[key, default: 0] += 1 }
            }
            duplicateIndex = index
        }
        let counts = Self.duplicateKeys(lead).map { (duplicateIndex?[$0] ?? 1) - 1 }
        return counts.max() ?? 0
    }

    static func duplicateKeys(_ lead: Lead) -> [String] {
        var keys: [String] = []
        if let email = lead.email?.trimmingCharacters(in: .whitespaces).lowercased(), !email.isEmpty {
            keys.append("e:" + email)
        }
        if let name = lead.name, let company = lead.company {
            let firstWord = TextFold.fold(company).split(whereSeparator: { !$0.isLetter && !$0.isNumber }).first.map(String.init) ?? ""
            keys.append("n:" + TextFold.fold(name) + "|" + firstWord)
        }
        return keys
    }
}

/// A compiled query: true for the leads it selects.
public typealias LeadPredicate = (Lead) -> Bool
