import Foundation
import Testing
@testable import SmarketingKit

/// A scoring proposal's measured effect says how many leads it rescores: "no lead moves"
/// read as "nothing changes" when a weight rescored every lead without any crossing an
/// entry rule.
@Suite("scoring proposal effect")
struct ScoringEffectTests {
    /// 1,000 MQLs with fit 40 and interest 20, and 200 with neither (no score at all).
    static func workspace() throws -> Workspace {
        let scored = (1...1_000).map { #"{"id": "L-\#($0)", "stage": "mql", "fit": 40, "interest": 20}"# }
        let bare = (1_001...1_200).map { #"{"id": "L-\#($0)", "stage": "mql"}"# }
        return try Fixtures.decode(#"{"format": "smk-workspace", "version": 1, "leads": [\#((scored + bare).joined(separator: ",\n"))]}"#)
    }

    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    @Test("a weight change counts the leads whose score changes, and says none crosses an entry rule")
    func weights() throws {
        let workspace = try Self.workspace()
        var scoring = workspace.scoring
        scoring.fitWeight = 0.7
        let effect = AgreementEffect(of: .setScoring(scoring), in: workspace, now: Self.now)
        #expect(effect.summary == "scores change for 1,000 leads; no lead crosses a stage's entry rule")
    }

    @Test("a threshold change moves leads between quadrants without changing a score")
    func thresholds() throws {
        let workspace = try Self.workspace()
        var scoring = workspace.scoring
        scoring.highFit = 30
        let effect = AgreementEffect(of: .setScoring(scoring), in: workspace, now: Self.now)
        #expect(effect.summary == "no lead's score changes; quadrant changes for 1,000 leads; no lead crosses a stage's entry rule")
    }

    @Test("leads a rescoring takes below an entry rule are counted with the rescored ones")
    func crossing() throws {
        var workspace = try Self.workspace()
        var mql = try #require(workspace.funnel.stage("mql"))
        mql.entry = "score >= 25"
        workspace.funnel.replace(mql)
        var scoring = workspace.scoring
        scoring.fitWeight = 0.2
        scoring.interestWeight = 0.2
        let effect = AgreementEffect(of: .setScoring(scoring), in: workspace, now: Self.now)
        #expect(effect.summary == "scores change for 1,000 leads; mql entry: 1,000 in mql would no longer pass")
    }
}
