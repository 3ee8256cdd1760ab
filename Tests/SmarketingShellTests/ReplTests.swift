import Foundation
import Testing
@testable import SmarketingShell

@Suite("Interactive loop")
struct ReplTests {
    @Test("the prompt names the workspace and marks unsaved changes")
    func prompt() throws {
        let harness = try Harness()
        let reader = ScriptedReader([.line("info"), .line("move L-000001 to sal"), .line("quit!")])
        Repl(session: harness.session, reader: reader).run()
        #expect(reader.prompts == ["anna@sales smk small> ", "anna@sales smk small> ", "anna@sales smk small*> "])
        #expect(reader.history == ["info", "move L-000001 to sal", "quit!"])
    }

    @Test("Ctrl-C abandons the line and the session goes on")
    func interrupt() throws {
        let harness = try Harness()
        let reader = ScriptedReader([.interrupted, .line("leads limit 1"), .endOfInput])
        Repl(session: harness.session, reader: reader).run()
        #expect(harness.out.text.contains("Sofia Lindqvist"))
        #expect(reader.prompts.count == 3)
    }

    @Test("quit with unsaved changes asks; no keeps the session, yes leaves")
    func quitAsks() throws {
        let harness = try Harness()
        let reader = ScriptedReader([.line("move L-000001 to sal"), .line("quit"), .line("n"), .line("quit"), .line("y")])
        Repl(session: harness.session, reader: reader).run()
        #expect(reader.prompts == ["anna@sales smk small> ", "anna@sales smk small*> ", "1 unsaved change(s). Quit without saving? [y/N] ",
                                   "anna@sales smk small*> ", "1 unsaved change(s). Quit without saving? [y/N] "])
        #expect(harness.out.text.contains("not quitting: save first, or quit! to leave without saving"))
    }

    @Test("Ctrl-D leaves at once when nothing is unsaved, and asks when something is")
    func endOfInput() throws {
        let clean = try Harness()
        let reader = ScriptedReader([.endOfInput, .line("info")])
        Repl(session: clean.session, reader: reader).run()
        #expect(reader.prompts == ["anna@sales smk small> "])

        let dirty = try Harness()
        let asked = ScriptedReader([.line("move L-000001 to sal"), .endOfInput, .line("n"), .endOfInput, .endOfInput, .line("quit!")])
        Repl(session: dirty.session, reader: asked).run()
        // Ctrl-D, "n": the session goes on; Ctrl-D twice: it leaves (the journal keeps the change).
        #expect(asked.prompts == ["anna@sales smk small> ", "anna@sales smk small*> ", "1 unsaved change(s). Quit without saving? [y/N] ",
                                  "anna@sales smk small*> ", "1 unsaved change(s). Quit without saving? [y/N] "])
    }

    @Test("a failing command at the prompt never ends the session")
    func errorsContinue() throws {
        let harness = try Harness()
        let reader = ScriptedReader([.line("mvoe"), .line("show L-404"), .line("info"), .line("quit")])
        let failures = Repl(session: harness.session, reader: reader).run()
        #expect(failures == 2)
        #expect(harness.out.text.contains("leads"))
        #expect(harness.err.text.contains("did you mean 'move'?"))
    }
}

@Suite("Recording a live review")
struct RecordTests {
    @Test("record writes the successful commands typed at the prompt; replaying them reproduces the session")
    func recordAndReplay() throws {
        let folder = NSTemporaryDirectory() + "smk-record-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let script = folder + "/review.smk"
        let live = try Harness()
        let reader = ScriptedReader([
            .line("record \(script)"), .line("move L-000001 to sal note \"accepted live\""), .line("mvoe L-000002"),
            .line("assign L-000005 to anna"), .line("record off"), .line("quit!"),
        ])
        Repl(session: live.session, reader: reader).run()
        let text = try String(contentsOfFile: script, encoding: .utf8)
        #expect(text.contains("# recorded by smk"))
        #expect(text.contains("let now = 2026-11-24T12:00:00Z\nas anna\nmove L-000001 to sal note \"accepted live\"\nassign L-000005 to anna\n"))
        #expect(!text.contains("mvoe"))
        let replay = try Harness()
        replay.session.fixedNow = nil
        replay.session.actor = "erik"
        let outcome = replay.run(text, file: "review.smk")
        #expect(outcome.outcome.failures == 0, "\(outcome.err)")
        #expect(replay.session.workspace == live.session.workspace)
    }
}
