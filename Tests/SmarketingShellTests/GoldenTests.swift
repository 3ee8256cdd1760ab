import Foundation
import Testing
@testable import SmarketingKit
@testable import SmarketingShell

/// Every `Tests/Golden/*.smk` runs against a copy of the small fixture (as anna, with the
/// clock fixed at 2026-11-24T12:00:00Z, bail off) and its output — stdout and stderr in
/// the order written — must equal the `.out` beside it. `Scripts/test --update-golden`
/// (SMK_UPDATE_GOLDEN=1) rewrites the `.out` files; review the diff before committing.
@Suite("Golden scripts")
struct GoldenTests {
    static let folder = Harness.repository.appendingPathComponent("Tests/Golden")

    static var scripts: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".smk") }.sorted()
    }

    @Test("golden scripts produce their recorded output", arguments: scripts)
    func golden(name: String) throws {
        let script = Self.folder.appendingPathComponent(name)
        let expectedURL = script.deletingPathExtension().appendingPathExtension("out")
        let temporary = NSTemporaryDirectory() + "smk-golden-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        let workspacePath = temporary + "/ws.json"
        try FileManager.default.copyItem(atPath: Harness.smallPath, toPath: workspacePath)

        let transcript = StringSink()
        let session = Session(workspace: try Workspace.load(path: workspacePath), path: workspacePath, actor: "anna",
                              out: transcript, err: transcript)
        session.fixedNow = Timestamp.parse("2026-11-24T12:00:00Z")
        session.settings.bail = false
        session.scriptStack = [script.path]
        let text = try String(contentsOf: script, encoding: .utf8)
        let outcome = Interpreter(session: session).run(text, file: name, mode: .script)
        let output = transcript.text.replacingOccurrences(of: temporary, with: "$TMP") + "-- failures: \(outcome.failures)\n"

        if ProcessInfo.processInfo.environment["SMK_UPDATE_GOLDEN"] == "1" {
            try output.write(to: expectedURL, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        #expect(output == expected, "\(name) differs from \(expectedURL.lastPathComponent); Scripts/test --update-golden rewrites it")
    }
}
