import Foundation
import Testing
@testable import SmarketingKit
@testable import SmarketingShell

/// No work is lost at the door (issue 13, item 4): quit asks about scenario changes,
/// scenario save keeps a scenario in the file, undo N takes what there is.
@Suite("Keeping scenarios")
struct ScenarioKeepTests {
    @Test("quit and Ctrl-D ask while a scenario holds changes not applied to main")
    func quitAsks() throws {
        let harness = try Harness()
        let reader = ScriptedReader([.line("scenario new push"), .line("move L-000001 to sal"), .line("scenario switch main"),
                                     .line("quit"), .line("n"), .endOfInput, .line("y")])
        Repl(session: harness.session, reader: reader).run()
        let question = "scenario push holds 1 change(s) not applied to main. Quit without saving? [y/N] "
        #expect(reader.prompts.filter { $0 == question }.count == 2)
        #expect(harness.out.text.contains("not quitting: scenario apply or scenario save NAME first"))
    }

    @Test("a scenario without changes, or one saved and written, lets quit leave at once")
    func quitLeaves() throws {
        let harness = try Harness()
        let reader = ScriptedReader([.line("scenario new empty"), .line("quit")])
        Repl(session: harness.session, reader: reader).run()
        #expect(reader.prompts.count == 2)
    }

    @Test("scenario save keeps it in the file: a later session lists it and reopens it with its changes")
    func saveAndReopen() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("smk-scenario-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("small.json").path
        try FileManager.default.copyItem(atPath: Harness.smallPath, toPath: path)

        let first = try Harness(path: path)
        let kept = first.run("scenario new push; move L-000001 to sal; rate mql->sal 80%; scenario save; scenario switch main; save")
        #expect(kept.err == "")
        #expect(kept.out.contains("kept scenario push (2 changes) in the workspace"))
        #expect(first.session.workspace.leads[id: "L-000001"]?.stage != "sal", "main is unchanged")

        let next = try Harness(path: path)
        #expect(next.run("scenarios").out.contains("saved (scenario switch push reopens it)"))
        let reopened = next.run("scenario switch push")
        #expect(reopened.out.contains("reopened saved scenario push: 2 change(s)"))
        #expect(next.session.scenario == "push")
        #expect(next.session.workspace.leads[id: "L-000001"]?.stage == "sal")
        #expect(next.session.workspace.rates["mql->sal"]?.doubleValue == 0.8)
        #expect(next.session.isScenarioKept("push"))
        next.run("scenario switch main")
        #expect(next.session.workspace.leads[id: "L-000001"]?.stage != "sal")
    }

    @Test("the saved scenarios survive a save by a session that never opened them, with the file's other keys")
    func survives() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("smk-scenario-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("small.json").path
        try FileManager.default.copyItem(atPath: Harness.smallPath, toPath: path)
        try Harness(path: path).run("scenario new a; tag L-000002 +x; scenario save; scenario switch main; save")
        try Harness(path: path).run("tag L-000003 +y; save")
        #expect(try Harness(path: path).run("scenarios").out.contains("saved"))
    }

    @Test("undo 5 with 2 changes undoes 2, says so, and does not fail the script")
    func undoMore() throws {
        let harness = try Harness()
        let result = harness.run("tag L-000001 +a; tag L-000002 +b; undo 5; echo after")
        #expect(result.outcome.failures == 0)
        #expect(result.out.contains("only 2 changes were there: undid 2 of 5"))
        #expect(result.out.contains("after"))
        #expect(harness.run("undo").outcome.failures == 1, "with nothing to undo, undo still fails")
    }
}
