import Foundation
import Testing
@testable import SmarketingKit

/// A proposal's measured effect reads like every other count smk prints: `3,870 in lead
/// would now pass`, not `3870` (seen at 100k leads, where the demo's counts never reach
/// a thousand).
@Suite("agreement effect wording")
struct AgreementEffectWordingTests {
    @Test("counts of a thousand or more are grouped")
    func grouped() throws {
        let leads = (1...1_200).map { #"{"id": "L-\#($0)", "stage": "mql", "fit": 40}"# }.joined(separator: ",\n")
        let workspace = try Fixtures.decode(#"{"format": "smk-workspace", "version": 1, "leads": [\#(leads)]}"#)
        var stage = try #require(workspace.funnel.stage("mql"))
        stage.entry = "fit >= 55"
        let effect = AgreementEffect(of: .updateStage(stage), in: workspace, now: Date(timeIntervalSince1970: 1_790_000_000))
        #expect(effect.summary == "mql entry: 1,200 in mql would no longer pass")
    }
}
