import Foundation
import Testing
@testable import SmarketingKit
@testable import SmarketingShell

/// The audit kept in the workspace file: who changed what, across sessions.
@Suite("audit")
struct AuditTests {
    /// A copy of the small fixture in a fresh folder.
    static func copy() throws -> String {
        try Harness.smallCopy("audit")
    }

    @Test("a saved change is kept with who, login, the command as typed and the leads; the next session reads it")
    func persisted() throws {
        let path = try Self.copy()
        let first = try Harness(path: path, actor: "erik")
        first.run("as anna; move L-000001 to sal note \"ok\"; tag L-000001,L-000002 +pilot; save")
        let second = try Harness(path: path, actor: "anna")
        let audit = second.session.workspace.audit
        #expect(audit.count == 2)
        #expect(audit[0].by == "anna" && audit[0].login == "erik" && audit[0].command == "move L-000001 to sal note \"ok\"")
        #expect(audit[1].leads == 2 && audit[1].ids == ["L-000001", "L-000002"])
        let listed = second.run("audit by erik").out
        #expect(listed.contains("move L-000001 to sal note \"ok\"") && listed.contains("2 entries"))
        #expect(second.run("audit L-000002").out.contains("1 of 2 entries"))
        #expect(second.run("audit since 2026-12-01").out.contains("0 of 2 entries"))
        // Acting as oneself records no login.
        second.run("note L-000002 \"x\"; save")
        let reread = try Workspace.load(path: path)
        #expect(reread.audit.count == 3 && reread.audit[2].login == nil && reread.audit[2].by == "anna")
    }

    @Test("undo before a save takes the entry back (same bytes); after a save undo is kept")
    func undo() throws {
        let path = try Self.copy()
        let harness = try Harness(path: path, actor: "anna")
        harness.run("save")
        let saved = try Data(contentsOf: URL(fileURLWithPath: path))
        harness.run("tag L-000001 +x; undo; save")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == saved)
        harness.run("tag L-000001 +x; save; undo; redo; save")
        #expect(try Workspace.load(path: path).audit.map(\.what) == ["tag 1 lead +x"])
        harness.run("undo; save; redo; save")
        let audit = try Workspace.load(path: path).audit.map(\.what)
        #expect(audit == ["tag 1 lead +x", "undo: tag 1 lead +x", "redo: tag 1 lead +x"])
    }

    @Test("unknown keys of an audit entry survive a round trip; an unchanged workspace saves the same bytes")
    func roundTrip() throws {
        let text = """
            {"leads": [], "audit": [
                {"at": "2026-11-20T10:00:00Z", "by": "anna", "command": "move L-1 to sal", "what": "move 1 lead to sal", "leads": 1, "ids": ["L-1"], "host": "laptop-7"}
              ]}
            """
        let workspace = try WorkspaceCodec.decode(Array(text.utf8), path: "t.json")
        #expect(workspace.audit.first?.extra["host"] == .string("laptop-7"))
        let once = WorkspaceCodec.encode(workspace)
        #expect(WorkspaceCodec.encode(try WorkspaceCodec.decode(once, path: "t.json")) == once)
        #expect(String(decoding: once, as: UTF8.self).contains("\"host\": \"laptop-7\""))
    }
}
