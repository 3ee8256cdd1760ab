import Foundation
import Testing
@testable import SmarketingKit
@testable import SmarketingShell

/// A save never writes over a version of the file this session has not seen: another
/// program's rewrite, or a session that forced the lock, would silently be undone.
@Suite("changes made to the file on disk")
struct DiskChangeTests {
    @Test("a save after another program rewrote the file is refused; save! writes over it; a save of our own is no change on disk")
    func refusesOverOthers() throws {
        let path = try Harness.smallCopy("disk")
        let harness = try Harness(path: path)
        harness.run("tag L-000001 +ours")
        #expect(harness.run("save").err.isEmpty, "our own file, unchanged on disk")
        harness.run("tag L-000002 +again")
        #expect(harness.run("save").err.isEmpty, "our own save is the version we know")
        // Another program rewrites a name.
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text = text.replacingOccurrences(of: "Sofia Lindqvist", with: "Sofia Changed")
        usleep(10_000)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        harness.run("tag L-000003 +third")
        let refused = harness.run("save").err
        #expect(refused.contains("ws.json was changed on disk since this session read it") && refused.contains("save!"), "\(refused)")
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("Sofia Changed"), "their change is still there")
        #expect(harness.session.isDirty)
        #expect(harness.run("save!").err.isEmpty)
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("third"))
    }

    @Test("import refuses a JSON file instead of reading it as CSV")
    func importJSON() throws {
        let path = try Harness.smallCopy("disk")
        let harness = try Harness(path: path)
        let before = harness.session.workspace.leads.count
        let err = harness.run("import \(path)").err
        #expect(err.contains("holds JSON, not CSV") && err.contains("open \(path)"), "\(err)")
        #expect(harness.session.workspace.leads.count == before)
    }
}
