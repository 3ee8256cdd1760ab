import Foundation
import Testing
@testable import SmarketingKit
@testable import SmarketingShell

/// The example reviews in Workspace/reviews are documentation a newcomer runs first:
/// each must run clean on the demo.
@Suite("Example review scripts")
struct ReviewScriptTests {
    static let folder = Harness.repository.appendingPathComponent("Workspace/reviews")

    static var scripts: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".smk") }.sorted()
    }

    @Test("runs clean on the demo", arguments: scripts)
    func runsClean(name: String) throws {
        let harness = try Harness(path: Harness.demoPath, actor: "erik")
        harness.session.fixedNow = Timestamp.parse("2026-11-24")
        let script = Self.folder.appendingPathComponent(name)
        harness.session.scriptStack = [script.path]
        let result = harness.run(try String(contentsOf: script, encoding: .utf8), file: name)
        #expect(result.outcome.failures == 0, "\(name): \(result.err)")
        #expect(!result.out.isEmpty)
    }

    @Test("there are review scripts to run")
    func present() {
        #expect(Self.scripts.count >= 2)
    }
}
