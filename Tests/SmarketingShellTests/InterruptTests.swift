import Foundation
import Testing
@testable import SmarketingKit
@testable import SmarketingShell

/// Every command that walks all the leads asks whether Ctrl-C was pressed as it goes, so
/// none runs on after the person asked it to stop. (The terminal test presses Ctrl-C in a
/// real shell on a large workspace; here the flag is simply up from the start.)
@Suite("Interrupts")
struct InterruptTests {
    static let longCommands = ["find nobody", "score check", "funnel", "funnel by source", "rates", "quadrant", "sla",
                               "sla breaches", "whatif target 100k deal 1k", "dupes", "count where dupes > 0", "leads where dupes > 0"]

    @Test("a long command stops with 'interrupted' when Ctrl-C was pressed", arguments: longCommands)
    func stops(command: String) throws {
        let harness = try Harness(path: Harness.demoPath)
        // Answers kept from another test's run of the same command would need no pass.
        harness.session.workspace.leads.table.memo.removeAll()
        harness.session.isInterrupted = { true }
        let interpreter = Interpreter(session: harness.session)
        let source = try #require(ScriptSplitter.split(command, file: nil).first)
        #expect(throws: ShellError.interrupted) { _ = try interpreter.execute(source) }
    }

    @Test("on a terminal 'interrupted' starts a line of its own, not after the ^C the terminal echoed; in a script it does not")
    func interruptedOnItsOwnLine() throws {
        for terminal in [true, false] {
            let harness = try Harness(path: Harness.demoPath)
            harness.session.workspace.leads.table.memo.removeAll()
            if terminal { harness.session.errorWidth = { 80 } }
            // Not yet when the command starts; pressed while it runs.
            nonisolated(unsafe) var asked = 0
            harness.session.isInterrupted = { asked += 1; return asked > 1 }
            #expect(harness.run("funnel by source").err == (terminal ? "\n" : "") + "error: interrupted\n")
        }
    }

    @Test("the same commands answer when nobody pressed Ctrl-C", arguments: longCommands)
    func answers(command: String) throws {
        let harness = try Harness(path: Harness.demoPath)
        #expect(harness.run(command).err == "")
    }

    @Test("an interrupted save leaves the file as it was and the changes unsaved")
    func save() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("smk-interrupt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("demo.json").path
        try FileManager.default.copyItem(atPath: Harness.demoPath, toPath: path)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let harness = try Harness(path: path)
        #expect(harness.run("tag L-000001 +interrupt-test").err == "")
        harness.session.isInterrupted = { true }
        let source = try #require(ScriptSplitter.split("save", file: nil).first)
        #expect(throws: ShellError.self) { _ = try Interpreter(session: harness.session).execute(source) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(harness.session.isDirty)
        harness.session.isInterrupted = { false }
        #expect(harness.run("save").err == "")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) != before)
    }
}
