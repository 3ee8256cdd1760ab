import Foundation
import Testing
@testable import SmarketingKit
@testable import SmarketingShell

/// A copy of the small fixture in a fresh folder, so lock and journal files are private.
func temporaryCopy(_ name: String = "ws.json", of source: String = Harness.smallPath) throws -> (folder: String, path: String) {
    let folder = NSTemporaryDirectory() + "smk-rel-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let path = folder + "/" + name
    try FileManager.default.copyItem(atPath: source, toPath: path)
    return (folder, path)
}

@Suite("The terminal going away")
struct HangUpTests {
    @Test("an input that keeps ending at the quit question leaves instead of asking for ever")
    func endOfInputForever() throws {
        let copy = try temporaryCopy()
        let harness = try Harness(path: copy.path)
        harness.session.workspaceGuard = WorkspaceGuard(session: harness.session, forceUnlock: false, ask: nil)
        // The scripted reader answers .endOfInput for ever once its lines are used up, as a
        // dead terminal does: before the fix this loop never returned.
        let reader = ScriptedReader([.line("tag L-000001 +x")])
        Repl(session: harness.session, reader: reader).run()
        harness.session.workspaceGuard?.release(harness.session)
        #expect(reader.prompts.count == 3)
        #expect(harness.err.text.contains("leaving: 1 unsaved change(s) kept in \(copy.path).smk-journal"))
        #expect(!FileManager.default.fileExists(atPath: copy.path + ".smk-lock"))
        let journal = Journal(workspacePath: copy.path).pending(funnel: harness.session.workspace.funnel)
        #expect(journal.entries.count == 1)
    }

    @Test("a hang-up leaves at once, keeps the journal and releases the lock; the next session is offered the replay")
    func hangUp() throws {
        let copy = try temporaryCopy()
        let harness = try Harness(path: copy.path)
        harness.session.workspaceGuard = WorkspaceGuard(session: harness.session, forceUnlock: false, ask: nil)
        let reader = ScriptedReader([.line("tag L-000001 +x"), .line("note L-000002 \"called\""), .hangUp, .line("quit!")])
        Repl(session: harness.session, reader: reader).run()
        harness.session.workspaceGuard?.release(harness.session)
        #expect(reader.prompts.count == 3)
        #expect(!FileManager.default.fileExists(atPath: copy.path + ".smk-lock"))

        let next = try Harness(path: copy.path, actor: "erik")
        var asked: [String] = []
        next.session.workspaceGuard = WorkspaceGuard(session: next.session, forceUnlock: false) { asked.append($0); return true }
        #expect(asked == ["Replay them? [y/N] "])
        #expect(next.err.text.contains("2 change(s) by anna were not saved"))
        #expect(next.session.workspace.leads[id: "L-000001"]?.tags.contains("x") == true)
        next.session.workspaceGuard?.release(next.session)
    }
}
