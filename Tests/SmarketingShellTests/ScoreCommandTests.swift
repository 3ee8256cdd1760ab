import Foundation
import Testing
@testable import SmarketingKit
@testable import SmarketingShell

/// `score`: rules added and dropped as undoable changes, explanations, and the check on
/// real outcomes.
@Suite("score")
struct ScoreCommandTests {
    static let xeducationPath = RealData.xeducationWorkspace

    @Test("rules are added, listed, dropped and undone; fit follows them at once")
    func rulesChange() throws {
        let harness = try Harness()
        harness.session.workspace.team = []  // scoring without a team applies at once (agreements: ProposalTests)
        let original = harness.session.workspace.scoring
        let before = harness.run("format csv; leads cols id,fit; format table").out
        #expect(harness.run("score rule add fit \"industry = 'logistics'\" 60").out == "added fit rule 1: industry = 'logistics' → 60 points\n")
        #expect(harness.run("score rule add interest webinar 40 halflife 30d").out
                == "added interest rule 2: each webinar → 40 points, halved every 30 days\n")
        let rules = harness.run("score rules").out
        #expect(rules.contains("industry = 'logistics'") && rules.contains("each webinar") && rules.contains("30d"))
        #expect(harness.session.workspace.scoring.fit.count == 1)
        let derived = harness.run("format csv; leads cols id,fit; format table").out
        #expect(derived != before)
        #expect(harness.run("count where fit = 60").out == harness.run("count where industry = 'logistics'").out)
        #expect(harness.run("score rule drop 1").out == "dropped fit rule 1: industry = 'logistics'\n")
        #expect(harness.run("score rule drop 1").out.contains("no rules left"))
        harness.run("undo 4")
        #expect(harness.session.workspace.scoring == original)
        #expect(harness.run("format csv; leads cols id,fit").out == before)
    }

    @Test("a rule that would not work is refused where it is typed", arguments: [
        ("score rule add fit \"industy = 'x'\" 10", "no field 'industy' — did you mean 'industry'?"),
        ("score rule add fit \"score > 50\" 10", "a fit rule cannot use score"),
        ("score rule add fit \"persona = x\" 10", "a fit rule cannot use persona"),
        ("score rule add fit \"industry = x\" lots", "points from -100 to 100"),
        ("score rule add interest webinr 10", "did you mean 'webinar'?"),
        ("score rule add interest webinar 10 halflife soon", "a half-life such as 30d"),
        ("score rule drop 1", "there are no scoring rules to drop"),
        ("score weights fit 2", "a weight from 0 to 1"),
        ("score rule add interest webinar 10 halfife 30d", "did you mean 'halflife'?"),
        ("score rul add fit \"x = 1\" 3", "did you mean 'rule'?"),
        ("score rule add fit \"industry = x\" 10%", "points from -100 to 100"),
        ("score check against won", "customer or a custom field holding the outcome"),
        ("score check against nothing", "customer or a custom field holding the outcome"),
    ])
    func refusals(line: String, message: String) throws {
        let harness = try Harness()
        harness.session.workspace.team = []  // scoring without a team applies at once (agreements: ProposalTests)
        let result = harness.run(line)
        #expect(result.err.contains(message), "\(result.err)")
        #expect(harness.session.workspace.scoring.fit.isEmpty)
    }

    @Test("a rule said twice is refused; a custom field nobody has is pointed out; odd weights are explained")
    func warnings() throws {
        let harness = try Harness()
        harness.session.workspace.team = []  // scoring without a team applies at once (agreements: ProposalTests)
        harness.run("score rule add fit \"industry = 'logistics'\" 40; score rule add interest webinar 10")
        #expect(harness.run("score rule add fit \"industry = 'logistics'\" 20").err.contains("fit rule 1 already gives points when industry = 'logistics'"))
        #expect(harness.run("score rule add interest webinar 5").err.contains("rule 2 already scores each webinar"))
        #expect(harness.run("score rule add fit \"fields.erpp = 'SAP'\" 5").out.contains("note: no lead has fields.erpp — did you mean 'fields.erp'?"))
        #expect(harness.run("score weights fit 0.7 interest 0.5").out.contains("the weights add up to 1.2, so scores run from 0 to 120"))
        #expect(harness.run("changes").out.contains("score rule add fit industry = 'logistics' → 40"))
    }

    @Test("score ID shows every rule, whether it held, and the decay applied")
    func explain() throws {
        let harness = try Harness(path: Harness.demoPath)
        harness.session.workspace.team = []  // scoring without a team applies at once (agreements: ProposalTests)
        let out = harness.run("let now = 2026-11-24T00:00:00Z; score L-000001").out
        #expect(out.contains("formula   80 × 0.5 + 42 × 0.5 = 61"))
        #expect(out.contains("employees >= 50") && out.contains("✓") && out.contains("✗"))
        #expect(out.contains("demo-request") && out.contains("50.1%"))
        #expect(out.contains("6 other activities count nothing"))
    }

    @Test("weights and thresholds change the score and the quadrant, and undo")
    func weightsAndHigh() throws {
        let harness = try Harness(path: Harness.demoPath)
        harness.session.workspace.team = []  // scoring without a team applies at once (agreements: ProposalTests)
        let ideal = harness.run("count where quadrant = ideal").out
        #expect(harness.run("score high fit 90 interest 90").out == "high fit ≥ 90, high interest ≥ 90\n")
        #expect(harness.run("count where quadrant = ideal").out != ideal)
        #expect(harness.run("score weights fit 1 interest 0").out == "score = fit × 1 + interest × 0\n")
        #expect(harness.run("count where score = 61").out == harness.run("count where fit = 61").out)
        harness.run("undo 2")
        #expect(harness.run("count where quadrant = ideal").out == ideal)
    }

    @Test("score check on the X Education outcomes: 9,237 leads, AUC 0.8525 (as counted pair by pair in Python)")
    func xeducation() throws {
        let harness = try Harness(path: Self.xeducationPath)
        let out = harness.run("format json; score check").out
        guard case .object(let result) = try JSONParser.parse(out) else { Issue.record("not an object"); return }
        #expect(result["leads"]?.doubleValue == 9237)
        #expect(result["converted"]?.doubleValue == 3559)
        let auc = try #require(result["auc"]?.doubleValue)
        #expect(abs(auc - 0.8525327491555078) < 1e-9)
        let text = harness.run("format table; score check where fields.origin = 'API'").out
        #expect(text.contains("3,579 leads with a known outcome"))
        #expect(text.contains("AUC 0.822 (good)"))
    }

    @Test("score check over heavily tied scores: bands numbered without a gap, a single score as one number, the merge said")
    func xeducationTies() throws {
        let harness = try Harness(path: Self.xeducationPath)
        let text = harness.run("score check").out
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first == "conversion by score band (1 = highest; ties merged deciles into 5 bands)", "\(text)")
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 80 || $0.hasPrefix("9,237 leads") }, "the title fits 80 columns: \(text)")
        #expect(lines.dropFirst().first?.hasPrefix("band  score") == true, "\(text)")
        let bands = lines.dropFirst(3).prefix { $0.first == " " }
        #expect(bands.map { $0.split(separator: " ").first.map(String.init) } == ["1", "2", "3", "4", "5"], "\(text)")
        #expect(!text.contains("40–40") && bands.contains { $0.hasPrefix("   2  40        127   1.4%") }, "\(text)")
        #expect(text.contains("top band (19.3% of the leads) lift 2.25×"), "\(text)")
        guard case .object(let result) = try JSONParser.parse(harness.run("format json; score check").out),
              case .array(let deciles)? = result["deciles"] else { Issue.record("no deciles"); return }
        #expect(deciles.compactMap { if case .object(let d) = $0 { d["band"]?.doubleValue } else { nil } } == [1, 2, 3, 4, 5])
        #expect(result["tiesMerged"] == .bool(true))
        // Without ties, ten deciles as before.
        let demo = try Harness(path: Harness.demoPath).run("score check").out
        #expect(demo.hasPrefix("conversion by score decile") && demo.contains("top decile lift"), "\(demo)")
    }

    @Test("score check against a field reads yes/no, true/false or 1/0; unknowns are left out")
    func againstField() throws {
        let harness = try Harness()
        harness.session.workspace.team = []  // scoring without a team applies at once (agreements: ProposalTests)
        harness.run("score weights fit 1 interest 0")
        harness.run("set L-000001 fields.won = yes; set L-000002 fields.won = no; set L-000003 fields.won = 1")
        let out = harness.run("score check against fields.won").out
        #expect(out.contains("against fields.won"))
        #expect(out.contains("without an outcome"))
    }
}
