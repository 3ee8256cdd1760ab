import Foundation

/// What an import will do, worked out before anything changes: where each column goes,
/// how stage values read, the leads to add and update, and every row skipped with its
/// line and reason. `change` is the whole import as one change (one undo step).
public struct ImportPlan: Sendable {
    /// One column of the file and where its values go.
    public struct Column: Sendable, Equatable {
        public var name: String
        public var field: ImportField
        /// `number` when every answered value of a custom field is a number (kept as one).
        public var kind: String
        /// Rows with a value (not blank and not a `null` value).
        public var answered: Int
        /// Where the field came from: `preset`, `map`, or `kept` (no field of its own).
        public var origin: String
    }

    /// A stage value and the rows that have it.
    public struct StageCount: Sendable, Equatable {
        public var value: String
        public var stage: String
        public var rows: Int
    }

    /// A row left out, with its line in the file and why.
    public struct Skipped: Sendable, Equatable {
        public var file: String
        public var line: Int
        public var reason: String
    }

    /// The joined file's share of the plan.
    public struct Joined: Sendable {
        public var file: String
        public var column: String
        public var columns: [Column]
        public var read: Int
        public var matched: Int
        public var stage: String?
    }

    public var file: String
    public var document: CSVDocumentSummary
    public var preset: ImportSpec.Preset?
    public var presetDetected: Bool
    public var columns: [Column]
    public var stageColumn: String?
    public var stageCounts: [StageCount]
    public var read: Int
    public var added: [Lead]
    public var updated: [(old: Lead, new: Lead)]
    /// Rows whose key matched a lead that already held every value they carry.
    public var unchanged: Int
    public var skipped: [Skipped]
    public var joined: Joined?
    /// The line of the file each added lead came from, in the order of `added`.
    public var addedLines: [Int] = []
    /// The highest `L-nnnnnn` number in the workspace before: new ids followed on.
    public var highestNumber = 0
    /// The added leads of an add-only import, as columns over the file (`added` is
    /// empty then): see `ImportedLeads`.
    public var batch: ImportedLeads?

    /// The owner given to added leads in a stage sales owns that had none in the file:
    /// the importing person, when they are in sales.
    public var salesOwner: String?
    /// Added leads left without an owner in a stage sales owns, by stage (funnel order):
    /// the plan says so, and `map "COLUMN" to owner` fills them.
    public var unownedInSales: [(stage: String, rows: Int)] = []
    /// Added leads in stages the importing person's team neither owns nor may enter, by
    /// stage (funnel order), and who imported them. An import brings a CRM's state as it
    /// is, so they are added all the same; the plan says they were not checked against
    /// the hand-off, as `add lead` and `move` would have.
    public var outsideTeam: [(stage: String, team: Team, rows: Int)] = []
    public var importer: (name: String, team: Team)?
    /// Added (or moved) leads that do not meet their stage's entry rule, by stage
    /// (funnel order), with the rule: added all the same, and said.
    public var failingEntry: [(stage: String, rule: String, rows: Int)] = []
    /// What the plan points out about the values: placeholders, tags, created dates.
    public var notes = ImportNotes()

    /// The lines the added leads came from, as ranges (one for a clean file).
    public var addedLineRanges: [ClosedRange<Int>] {
        guard let rows = batch?.table.rows else { return ImportReference.ranges(addedLines) }
        return rows.rowLine.ranges
    }

    /// How many leads the import adds.
    public var addedCount: Int { batch?.count ?? added.count }

    /// The first `n` leads to add, made whole.
    public func preview(_ n: Int) -> [Lead] {
        guard let batch else { return Array(added.prefix(n)) }
        return (0..<min(n, batch.count)).map { batch.lead(at: $0) }
    }

    /// Every lead to add, made whole (a replay's; not for a million leads).
    public var allAdded: [Lead] { batch.map { batch in (0..<batch.count).map { batch.lead(at: $0) } } ?? added }

    /// The import as one change: the new leads appended, the updated ones replaced.
    public var change: Change {
        .group((batch.map { [.appendLeads($0)] } ?? added.map { .insertLead($0, row: nil) }) + updated.map { .updateLead($0.new) })
    }

    /// The import as one change, moving the leads out of the plan instead of copying
    /// them (the plan's `added` and `updated` are empty afterwards): a million leads are
    /// not held twice, nor retained and released once more each.
    public mutating func takeChange() -> Change {
        var members: [Change] = []
        if let batch { members.append(.appendLeads(batch)) }
        batch = nil
        members.reserveCapacity(added.count + updated.count + members.count)
        var inserts: [Change] = []
        inserts.reserveCapacity(added.count)
        while let lead = added.popLast() { inserts.append(.insertLead(lead, row: nil)) }
        members += inserts.reversed()
        added = []
        for pair in updated { members.append(.updateLead(pair.new)) }
        updated = []
        return .group(members)
    }

    /// Rows of the main file skipped (the joined file's skipped rows are counted apart).
    public var skippedRows: Int { skipped.filter { $0.file == file }.count }
}

/// How the file was written, for the plan's first line.
public struct CSVDocumentSummary: Sendable, Equatable {
    public var columns: Int
    public var separator: String
    public var encoding: String
    public var lineEnding: String
}

/// Why an import cannot even be planned (a bad row is not one of these: it is skipped).
public enum ImportError: Error, Sendable, Equatable, CustomStringConvertible {
    case csv(file: String, CSVError)
    case noSuchColumn(String, file: String, suggestion: String?)
    case unknownField(String, suggestion: String?)
    case unknownStage(String, suggestion: String?)
    case badDateFormat(String)
    case strict(skipped: Int, first: ImportPlan.Skipped)
    case interrupted

    public var description: String {
        switch self {
        case .csv(let file, let error): "\(file): \(error)"
        case .noSuchColumn(let name, let file, let suggestion):
            "\(file) has no column \"\(name)\"" + (suggestion.map { " — did you mean \"\($0)\"?" } ?? "")
        case .unknownField(let name, let suggestion):
            "'\(name)' is not a lead field (use fields.\(name) for a custom one)" + (suggestion.map { " — did you mean '\($0)'?" } ?? "")
        case .unknownStage(let name, let suggestion):
            "'\(name)' is not a stage" + (suggestion.map { " — did you mean '\($0)'?" } ?? "")
        case .badDateFormat(let format): "date-format '\(format)' names no yyyy, MM and dd"
        case .interrupted: "interrupted"
        case .strict(let count, let first):
            "strict: \(Thousands.count(count, "bad row")), nothing imported; the first: \(first.file):\(first.line): \(first.reason)"
        }
    }
}
