import Foundation
import Testing
@testable import SmarketingKit
@testable import SmarketingShell

@Suite("Commands")
struct CommandTests {
    @Test("the registry has one entry per name, and every command file is registered")
    func registry() throws {
        let names = CommandRegistry.names
        #expect(Set(names).count == names.count)
        let folder = Harness.repository.appendingPathComponent("Sources/SmarketingShell/Commands")
        let files = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".swift") && !$0.hasSuffix("ShellCommand.swift") } ?? []
        var declared = Set<String>()
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") where line.hasPrefix("public enum ") && line.contains(": ShellCommand") {
                declared.insert(String(line.dropFirst("public enum ".count).prefix { $0 != ":" }))
            }
        }
        #expect(!declared.isEmpty)
        #expect(declared == Set(CommandRegistry.all.map { String(describing: $0) }))
    }

    @Test("every example in the help text runs on the demo without an error",
          arguments: CommandRegistry.allExamples.map { "\($0.command): \($0.example)" })
    func examplesRun(example: String) throws {
        let harness = try Harness(path: Harness.demoPath)
        let line = String(example.drop { $0 != ":" }.dropFirst(2))
        let result = harness.run(line)
        #expect(result.outcome.failures == 0, "\(line): \(result.err)")
    }

    @Test("help lists every command by group, and help COMMAND shows usage and examples")
    func help() throws {
        let harness = try Harness()
        let overview = harness.run("help").out
        // A summary may be wrapped onto more lines, under its column.
        let words = overview.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
        for command in CommandRegistry.all {
            #expect(overview.contains("  \(command.name)  ") || overview.contains("  \(command.name) "), "\(command.name) missing from help")
            #expect(words.contains(command.summary))
        }
        #expect(overview.contains("\nlook\n") && overview.contains("\nsession\n"))
        let page = harness.run("help leads").out
        #expect(page.hasPrefix("usage: leads [ID,…|where EXPR|@view]"))
        #expect(page.contains("examples:\n  leads limit 5"))
        let wrong = harness.run("help laeds")
        #expect(wrong.err.contains("no help for 'laeds' — did you mean 'leads'?"))
    }

    @Test("an unknown command suggests the nearest, with a caret under it")
    func unknownCommand() throws {
        let harness = try Harness()
        let result = harness.run("info; mvoe L-000001 to sal", file: "review.smk")
        #expect(result.outcome.failures == 1)
        #expect(result.err == """
            review.smk:1:7: error: no command 'mvoe' — did you mean 'move'?
               mvoe L-000001 to sal
               ^~~~

            """)
    }

    @Test("at the prompt the same error has no file name")
    func interactiveError() throws {
        let harness = try Harness()
        let result = harness.run("leads limit many")
        #expect(result.err == "error: 'many' is not a number of leads\n  leads limit many\n              ^~~~\n")
    }

    @Test("a script stops at the first failure; without bail it runs to the end")
    func bail() throws {
        let harness = try Harness()
        let stopped = harness.run("info\nshow L-404\nleads limit 1")
        #expect(stopped.outcome.failures == 1)
        #expect(!stopped.out.contains("L-000001  Sofia"))
        let kept = harness.run("info\nshow L-404\nleads limit 1", bail: false)
        #expect(kept.outcome.failures == 1)
        #expect(kept.out.contains("L-000001  Sofia"))
    }

    @Test("leads shows a table with numbers right-aligned and names aligned by display width")
    func leadsTable() throws {
        let harness = try Harness()
        let text = harness.run("leads").out
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("id        name             company"))
        let thai = try #require(lines.first { $0.contains("สมชาย") })
        let sofia = try #require(lines.first { $0.contains("Sofia") })
        let thaiStage = DisplayWidth.of(String(thai[..<(thai.range(of: "lost")?.lowerBound ?? thai.endIndex)]))
        let sofiaStage = DisplayWidth.of(String(sofia[..<(sofia.range(of: "mql")?.lowerBound ?? sofia.endIndex)]))
        // The stage column starts at the same display column on the Thai and Swedish rows.
        #expect(thaiStage == sofiaStage)
        #expect(sofia.hasSuffix("72        55   63.5"))
    }

    @Test("leads limit N shows N rows and says how many there are")
    func leadsLimit() throws {
        let harness = try Harness()
        let text = harness.run("leads limit 2").out
        #expect(text.split(separator: "\n").count == 5)
        #expect(text.hasSuffix("2 of 5 leads\n"))
    }

    @Test("tables are cut to the terminal's width with an ellipsis")
    func narrowTerminal() throws {
        let harness = try Harness()
        harness.session.settings.width = 60
        let text = harness.run("leads").out
        for line in text.split(separator: "\n") {
            #expect(DisplayWidth.of(String(line)) <= 60, "\(line)")
        }
        #expect(text.contains("…"))
    }

    @Test("show gives every field, the history, activities and feedback")
    func show() throws {
        let harness = try Harness()
        let text = harness.run("show L-000001").out
        #expect(recordValue(text, "city") == "Göteborg")
        #expect(recordValue(text, "fields.erp") == "SAP")
        #expect(recordValue(text, "fields.fleetSize") == "40")
        #expect(recordValue(text, "crmScore") == "0.93")
        #expect(recordValue(text, "phone") == nil)
        #expect(text.contains("history (2)"))
        #expect(text.contains("activities (1)"))
        #expect(text.contains("pricing guide"))
        let missing = harness.run("show L-00001")
        #expect(missing.err.contains("no lead 'L-00001' — did you mean 'L-000001'?"))
    }

    @Test("show in json gives the lead as the file holds it")
    func showJSON() throws {
        let harness = try Harness()
        let text = harness.run("format json; show L-000002").out
        let value = try JSONParser.parse(text)
        guard case .object(let object) = value else { Issue.record("not an object"); return }
        #expect(object["name"] == .string("Ștefan Popescu"))
        #expect(object["feedback"]?.compactText.contains("real project") == true)
    }

    @Test("every format renders the leads table", arguments: OutputFormat.allCases)
    func formats(format: OutputFormat) throws {
        let harness = try Harness()
        let text = harness.run("format \(format.rawValue); leads limit 3").out
        switch format {
        case .table: #expect(text.contains("────"))
        case .json:
            let value = try JSONParser.parse(text)
            guard case .array(let rows) = value else { Issue.record("not an array"); return }
            #expect(rows.count == 3)
            guard case .object(let first) = rows[0] else { Issue.record("not an object"); return }
            #expect(first["fit"] == .number("72"))
            #expect(first["owner"] == .null)
        case .csv:
            #expect(text.hasPrefix("id,name,company,country,stage,owner,fit,interest,score\r\n"))
            #expect(text.contains("L-000002,Ștefan Popescu,Transilvania Cargo SRL,RO,sal,anna,64,48,56\r\n"))
        case .markdown:
            #expect(text.hasPrefix("| id | name |"))
            #expect(text.contains("| ---: |"))
        }
    }

    @Test("csv quotes fields with commas and quotes")
    func csvQuoting() throws {
        let harness = try Harness()
        harness.run("move L-000001 to sal note \"x\"")
        let table = Table(columns: ["a", "b"], rows: [[.text("x, y"), .text("say \"hi\"")]])
        let (out, _) = ResultRenderer(format: .csv).render(.table(table))
        #expect(out == "a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n")
    }

    @Test("info counts leads per stage and reports unsaved changes")
    func info() throws {
        let harness = try Harness()
        let before = harness.run("info").out
        #expect(recordValue(before, "leads") == "5")
        #expect(recordValue(before, "  mql") == "1")
        #expect(recordValue(before, "  sal") == "1")
        #expect(recordValue(before, "unsaved") == "none")
        #expect(recordValue(before, "team") == "anna (sales), erik (marketing)")
        #expect(recordValue(before, "you") == "anna (sales)")
        harness.run("move L-000001 to sal")
        let after = harness.run("info").out
        #expect(recordValue(after, "  mql") == "0")
        #expect(recordValue(after, "  sal") == "2")
        #expect(recordValue(after, "unsaved") == "1 change(s)")
    }

    @Test("move records history with who and when; undo and redo restore exactly")
    func moveUndoRedo() throws {
        let harness = try Harness()
        let original = harness.session.workspace
        let moved = harness.run("move L-000001,L-000005 to sal note \"hand-off\"")
        #expect(moved.out == "moved 2 leads to sal\n")
        let lead = try #require(harness.session.workspace.leads[id: "L-000001"])
        #expect(lead.stage == "sal")
        #expect(lead.history.last == StageChange(at: Timestamp.parse("2026-11-24T12:00:00Z")!, from: "mql", to: "sal", by: "anna", note: "hand-off"))
        #expect(harness.session.isDirty)
        #expect(harness.run("undo").out == "undid: move 2 leads to sal\n")
        #expect(harness.session.workspace == original)
        #expect(!harness.session.isDirty)
        harness.run("redo")
        #expect(harness.session.workspace.leads[id: "L-000005"]?.stage == "sal")
        #expect(harness.run("undo 2").out.contains("only 1 change was there: undid 1 of 2"))
        let wrongStage = harness.run("move L-000001 to sqll")
        #expect(wrongStage.err.contains("no stage 'sqll' — did you mean 'sql'?"))
    }

    @Test("save writes the file; the unsaved marker clears; save FILE leaves the own file dirty")
    func save() throws {
        let folder = NSTemporaryDirectory() + "smk-shell-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/ws.json"
        try FileManager.default.copyItem(atPath: Harness.smallPath, toPath: path)
        let harness = try Harness(path: path)
        harness.run("move L-000001 to sal")
        let copy = harness.run("save \(folder)/copy.json")
        #expect(copy.out == "saved \(folder)/copy.json (5 leads)\n")
        #expect(harness.session.isDirty)
        #expect(harness.run("save").out == "saved \(path) (5 leads)\n")
        #expect(!harness.session.isDirty)
        #expect(try Workspace.load(path: path).leads[id: "L-000001"]?.stage == "sal")
        let bad = harness.run("save /nonexistent-folder/x.json")
        #expect(bad.err.hasPrefix("error: cannot save /nonexistent-folder/x.json: No such file or directory"))
    }

    @Test("in json and csv, confirmations go to stderr so stdout stays data")
    func messagesOnStderr() throws {
        let harness = try Harness()
        let result = harness.run("format json; move L-000001 to sal")
        #expect(result.out.isEmpty)
        #expect(result.err == "moved 1 lead to sal\n")
    }
}
