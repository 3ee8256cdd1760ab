import Foundation
import Testing
@testable import SmarketingKit

/// The column store must be an invisible change: the same leads, the same saved bytes,
/// the same query answers as the tree decoder and the per-lead predicate.
@Suite("Column store")
struct ColumnStoreTests {
    static let files = [Fixtures.demo, Fixtures.small]

    static func bytes(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    @Test("the streaming decoder gives the tree decoder's workspace", arguments: files)
    func decoderEquivalence(path: String) throws {
        let bytes = try Self.bytes(path)
        let streamed = try #require(try WorkspaceCodec.decodeStreaming(bytes, path: path, defaultName: "w"))
        let tree = try WorkspaceCodec.decodeTree(bytes, path: path, defaultName: "w")
        #expect(streamed == tree)
        #expect(streamed.leads.table.whole.isEmpty, "every lead was read from the bytes")
        #expect(streamed.leads.count == tree.leads.count)
        for row in 0..<tree.leads.count {
            let lead = tree.leads[row]
            #expect(streamed.leads[row] == lead)
            #expect(streamed.leads.id(at: row) == lead.id)
            #expect(streamed.leads.stage(at: row) == lead.stage)
            #expect(streamed.leads.row(of: lead.id) == row)
            let columns = streamed.leads.table.columns
            #expect(Int(columns.attempts[row]) == lead.attempts)
            let activities = columns.activityRange(of: row)
            #expect(activities.count == lead.activities.count)
            #expect(activities.map { columns.activityTypes.values[Int(columns.activityTypes.codes[$0])] } == lead.activities.map(\.type))
            #expect(activities.map { columns.activityAt[$0] } == lead.activities.map(\.at.timeIntervalSinceReferenceDate))
            #expect(columns.tagRange(of: row).map { columns.tags.values[Int(columns.tags.codes[$0])] } == lead.tags)
            #expect(columns.numbers[NumberField.lastTouched.rawValue][row].isNaN == (lead.lastTouched == nil))
            if let touched = lead.lastTouched {
                #expect(columns.numbers[NumberField.lastTouched.rawValue][row] == touched.timeIntervalSinceReferenceDate)
            }
        }
        #expect(WorkspaceCodec.encode(streamed) == WorkspaceCodec.encode(tree))
    }

    @Test("leads laid out differently save as the tree decoder's leads do")
    func nonCanonicalLayout() throws {
        let text = """
            {"leads": [
              {"id": "a",  "stage": "MQL", "fit": 70.0, "tags": null, "created": "2026-10-01",
               "activities": [{"type": "call", "at": "2026-10-02T10:00:00+02:00", "by": null}],
               "history": [{"at": "2026-10-01", "to": "mql"}], "x": {"y" : [1, 2]}, "name": "A\\/B"},
              {"id": "b", "stage": "lead", "name": "Ça \\"va\\"", "owner": null, "zz": 1, "fit": 5},
              {"id": "c", "stage": "lead", "fields": {"erp": "SAP"}, "feedback": [{"at": "2026-10-03T00:00:00Z", "verdict": "Good"}]}
            ]}
            """
        let bytes = Array(text.utf8)
        let streamed = try #require(try WorkspaceCodec.decodeStreaming(bytes, path: nil, defaultName: "w"))
        let tree = try WorkspaceCodec.decodeTree(bytes, path: nil, defaultName: "w")
        #expect(streamed == tree)
        #expect(streamed.leads.all == tree.leads.all)
        #expect(WorkspaceCodec.encode(streamed) == WorkspaceCodec.encode(tree))
    }

    @Test("an edit moves a lead beside the columns; editing it back restores the bytes")
    func editsAndUndo() throws {
        let bytes = try Self.bytes(Fixtures.demo)
        let original = try WorkspaceCodec.decode(bytes, path: nil, defaultName: "demo")
        var workspace = original
        var lead = workspace.leads[3]
        let before = lead
        lead.stage = lead.stage == "lost" ? "mql" : "lost"
        try workspace.leads.replace(lead)
        #expect(workspace.leads[3] == lead)
        #expect(workspace.leads != original.leads)
        #expect(original.leads[3] == before, "copies do not share edits")
        try workspace.leads.replace(before)
        #expect(workspace.leads.edited.isEmpty)
        #expect(workspace.leads == original.leads)
        let removed = try workspace.leads.remove(id: before.id)
        #expect(workspace.leads.row(of: before.id) == nil)
        #expect(workspace.leads[3].id == original.leads[4].id)
        try workspace.leads.insert(removed.lead, at: removed.row)
        #expect(workspace.leads.layout == nil)
        #expect(workspace.leads == original.leads)
        #expect(WorkspaceCodec.encode(workspace) == bytes)
    }

    // MARK: - Queries

    static let atoms = [
        "stage = mql", "stage >= sal", "stage < lead", "stage != lost", "stage ~ sql", "stage in (mql, sql, lost)",
        "score >= 60", "score < 30", "score = 50", "score is none", "fit > 70", "fit <= 20", "interest between 40 and 60",
        "fit is not none", "value > 10000", "value is none", "employees >= 200", "employees != 50",
        "country = 'SE'", "country = 'se'", "country != 'TH'", "country in ('RO', 'NL', 'IT')", "country ~ 's'",
        "source = webinar", "source != referral", "owner is none", "owner = 'anna'", "city ~ 'goteborg'", "city < 'M'",
        "industry in (logistics, retail)", "campaign is not none", "created > 2026-06-01", "created <= 2025-12-31",
        "age > 90d", "idle < 30d", "idle is none", "attempts >= 2", "attempts = 0", "activities > 3",
        "name ~ 'lofgren'", "email ~ '.se'", "company is none", "id < 'L-000100'", "title = 'CEO'",
        "tags = 'pilot'", "quadrant = ideal", "fields.erp = 'SAP'", "persona = 'Logistics Lena'", "dupes > 0",
    ]

    static func randomQuery(_ rng: inout SplitMix, depth: Int = 0) -> String {
        let pick = Int.random(in: 0..<10, using: &rng)
        if depth >= 3 || pick < 4 { return atoms[Int.random(in: 0..<atoms.count, using: &rng)] }
        let a = randomQuery(&rng, depth: depth + 1), b = randomQuery(&rng, depth: depth + 1)
        switch pick {
        case 4, 5: return "(\(a)) and (\(b))"
        case 6, 7: return "(\(a)) or (\(b))"
        default: return "not (\(a))"
        }
    }

    func demo() throws -> Workspace {
        var workspace = try WorkspaceCodec.decode(try Self.bytes(Fixtures.demo), path: nil, defaultName: "demo")
        workspace.personas = [Persona(name: "Logistics Lena", criteria: "industry = 'logistics' and employees >= 50")]
        return workspace
    }

    @Test("bitmap plans select what the per-lead predicate selects (240 seeded queries, also after edits)")
    func plansMatchPredicates() throws {
        var edited = try demo()
        var lead = edited.leads[10]
        lead.stage = "customer"
        lead.fit = 99
        lead.country = "SE"
        try edited.leads.replace(lead)
        try edited.leads.remove(id: edited.leads[20].id)
        try edited.leads.insert(Lead(id: "NEW-1", country: "SE", stage: "mql", fit: 80, interest: 70), at: 5)
        var rng = SplitMix(seed: 20_261_125)  // seeded, so a failing query can be reproduced
        for workspace in [try demo(), edited] {
            let environment = QueryEnvironment(workspace: workspace, now: try #require(Timestamp.parse("2026-11-24T12:00:00Z")))
            let leads = workspace.leads.all
            for _ in 0..<120 {
                let text = Self.randomQuery(&rng)
                let query = try QueryCompiler.compileRows(text, in: environment)
                let predicate = try QueryCompiler.compile(text, in: environment)
                let expected = leads.indices.filter { predicate(leads[$0]) }
                #expect(query.rows(in: workspace.leads) == expected, "\(text)")
            }
        }
    }

    @Test("top-k candidates hold the first rows of the full sort", arguments: ["score", "fit", "value", "created", "idle", "attempts"])
    func topK(fieldName: String) throws {
        let workspace = try demo()
        let environment = QueryEnvironment(workspace: workspace, now: try #require(Timestamp.parse("2026-11-24T12:00:00Z")))
        let field = try #require(LeadField.named(fieldName))
        let rows = Array(0..<workspace.leads.count)
        let keys = workspace.leads.all.map { ColumnKey.number(of: field.value(of: $0, in: environment)) }
        func key(_ row: Int) -> Double { keys[row] }
        for descending in [true, false] {
            let sorted = rows.sorted { a, b in
                let x = key(a), y = key(b)
                if x.isNaN != y.isNaN { return !x.isNaN }
                if x != y, !x.isNaN { return descending ? x > y : x < y }
                return a < b
            }
            for limit in [0, 1, 5, 20, 100] {
                let candidates = try #require(workspace.leads.topCandidates(of: rows, by: field, descending: descending, limit: limit, in: environment))
                let resorted = sorted.filter(Set(candidates).contains)
                #expect(Array(resorted.prefix(limit)) == Array(sorted.prefix(limit)), "\(fieldName) desc=\(descending) limit=\(limit)")
            }
        }
    }

    @Test("grouping by codes gives the per-lead groups", arguments: ["source", "country", "stage", "owner", "tags", "quadrant"])
    func grouping(fieldName: String) throws {
        let workspace = try demo()
        let environment = QueryEnvironment(workspace: workspace, now: Date())
        let field = try #require(LeadField.named(fieldName))
        let rows = Array(0..<workspace.leads.count)
        var expected: [QueryValue: [Int]] = [:]
        for row in rows {
            let value = field.value(of: workspace.leads[row], in: environment)
            let keys: [QueryValue] = if case .list(let items) = value { items.map(QueryValue.text) } else { [value] }
            for key in keys { expected[key, default: []].append(row) }
        }
        let groups = workspace.leads.groups(of: rows, by: field, in: environment)
        #expect(Dictionary(uniqueKeysWithValues: groups.map { ($0.key, $0.rows) }) == expected)
    }
}

@Suite("History and activity columns")
struct HistoryColumnTests {
    @Test("every demo lead's stage moves read from the columns equal its decoded history")
    func movesAgree() throws {
        let workspace = try Workspace.load(path: Fixtures.demo)
        #expect(workspace.leads.table.whole.isEmpty, "the demo should load through the streaming decoder")
        var moves = 0
        for row in 0..<workspace.leads.count {
            let lead = workspace.leads[row]
            let facts = workspace.leads.stageMoves(at: row)
            #expect(facts.stage == lead.stage && facts.created == lead.created)
            #expect(facts.moves.map(\.from) == lead.history.map(\.from))
            #expect(facts.moves.map(\.to) == lead.history.map(\.to))
            #expect(facts.moves.map(\.at) == lead.history.map(\.at))
            moves += facts.moves.count
        }
        #expect(moves > 1000)
    }

    @Test("tags and custom fields read from the columns equal the decoded lead's")
    func tagsAndFields() throws {
        let workspace = try Workspace.load(path: Fixtures.demo)
        let environment = QueryEnvironment(workspace: workspace, now: Date())
        let fields = try ["tags", "fields.erp", "fields.fleetSize", "fields.nothing"].map { try #require(LeadField.named($0)) }
        var seen = 0
        for row in 0..<workspace.leads.count {
            let lead = workspace.leads[row]
            for field in fields {
                let fromColumns = workspace.leads.value(of: field, at: row, in: environment)
                #expect(fromColumns == field.value(of: lead, in: environment), "\(lead.id) \(field.name)")
                if fromColumns != .none { seen += 1 }
            }
        }
        #expect(seen > 300)
        for query in ["tags = dmu", "tags != dmu", "tags is none", "fields.erp = 'SAP'", "fields.fleetSize > 20", "fields.erp is none",
                      "fields.erp ~ 'dyn' or tags in (pilot, reference)", "dupes > 0", "dupes = 0 and tags is not none"] {
            let rows = try QueryCompiler.compileRows(query, in: environment).rows(in: workspace.leads)
            let predicate = try QueryCompiler.compile(query, in: environment)
            #expect(rows == (0..<workspace.leads.count).filter { predicate(workspace.leads[$0]) }, "\(query)")
        }
    }

    @Test("a funnel measured from the columns equals one measured from the decoded leads")
    func funnelAgrees() throws {
        let loaded = try Workspace.load(path: Fixtures.demo)
        var rebuilt = loaded
        rebuilt.leads = try LeadStore(loaded.leads.all)  // kept whole: every fact from the Lead values
        let now = Timestamp.parse("2026-11-24T00:00:00Z")!
        let rows = Array(0..<loaded.leads.count)
        let a = FunnelAnalysis(loaded, rows: rows, now: now), b = FunnelAnalysis(rebuilt, rows: rows, now: now)
        #expect(a.stages == b.stages && a.cohorts == b.cohorts)
    }
}

@Suite("Search prefilter")
struct SearchPrefilterTests {
    static func texts(_ lead: Lead) -> [String] {
        [lead.name, lead.email, lead.company].compactMap { $0 } + lead.activities.compactMap(\.note)
            + lead.history.compactMap(\.note) + lead.feedback.compactMap(\.reason)
    }

    @Test("a lead whose text contains the needle is never ruled out; most others are")
    func noFalseNegatives() throws {
        let workspace = try Workspace.load(path: Fixtures.demo)
        var generator = SplitMix(seed: 7)
        var needles = ["lofgren", "stefan", "nordvik", "popescu", "a", "sap", "chose competitor", "zzzz", "ș", "göteborg", "van d"]
        for _ in 0..<150 {
            let lead = workspace.leads[Int.random(in: 0..<workspace.leads.count, using: &generator)]
            guard let text = Self.texts(lead).randomElement(using: &generator) else { continue }
            let folded = Array(TextFold.fold(text))
            guard folded.count > 2 else { continue }
            let start = Int.random(in: 0..<(folded.count - 2), using: &generator)
            needles.append(String(folded[start..<min(folded.count, start + Int.random(in: 2...8, using: &generator))]))
        }
        var ruledOut = 0
        var letters = FoldedLetters()
        for needle in needles {
            let folded = TextFold.fold(needle)
            for row in 0..<workspace.leads.count {
                let may = workspace.leads.mayContain(folded: Array(folded.utf8), at: row, letters: &letters)
                if !may {
                    ruledOut += 1
                    let lead = workspace.leads[row]
                    #expect(!Self.texts(lead).contains { TextFold.fold($0).contains(folded) }, "\(lead.id) ruled out for '\(needle)'")
                }
            }
        }
        #expect(ruledOut > needles.count * 100)
    }
}
