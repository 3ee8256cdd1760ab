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

@Suite("Replaying a journal")
struct ReplayTests {
    /// A session on `path` holding its lock, as `smk` opens one.
    static func open(_ path: String, as actor: String, answer: Bool? = nil) throws -> Harness {
        let harness = try Harness(path: path, actor: actor)
        harness.session.workspaceGuard = WorkspaceGuard(session: harness.session, forceUnlock: false, ask: answer.map { value in { _ in value } })
        return harness
    }

    @Test("a replayed change to a lead someone saved since is merged with theirs, or refused when the two disagree")
    func conflict() throws {
        let copy = try temporaryCopy()
        // anna tags and renames and is killed: the journal keeps them, the lock is stale.
        let anna = try Self.open(copy.path, as: "anna")
        anna.run("tag L-000001 +hot; set L-000002 company = \"Anna AB\"; tag L-000003 +cold")
        anna.session.workspaceGuard?.lock.release()
        // erik opens, declines the replay, notes L-000001, renames L-000002 and saves.
        let erik = try Self.open(copy.path, as: "erik", answer: false)
        erik.run("note L-000001 \"called back\"; set L-000002 company = \"Erik AB\"; save")
        erik.session.workspaceGuard?.release(erik.session)
        // The journal was set aside by erik's refusal; put it back as anna's crash left it.
        let folder = try FileManager.default.contentsOfDirectory(atPath: copy.folder)
        let aside = try #require(folder.first { $0.contains(".smk-journal.") })
        try FileManager.default.moveItem(atPath: copy.folder + "/" + aside, toPath: copy.path + ".smk-journal")
        let again = try Self.open(copy.path, as: "anna", answer: true)
        let report = again.err.text
        // The tag merges with erik's note; the two company names disagree: erik's stands.
        let lead = try #require(again.session.workspace.leads[id: "L-000001"])
        #expect(lead.tags.contains("hot"))
        #expect(again.run("show L-000001").out.contains("called back"))
        #expect(again.session.workspace.leads[id: "L-000002"]?.company == "Erik AB")
        #expect(again.session.workspace.leads[id: "L-000003"]?.tags.contains("cold") == true)
        #expect(report.contains("1 merged with changes saved since to the same leads"), "\(report)")
        #expect(report.contains("1 not replayable because the file changed since (someone saved over it): 'set company on 1 lead'"), "\(report)")
        #expect(report.contains("warning: 'set company on 1 lead' by anna is not replayed: L-000002 was saved since with another company "
                                + "(someone saved over it; their version stands)"), "which lead, which field: \(report)")
        again.session.workspaceGuard?.release(again.session)
    }

    @Test("a journalled lead in a stage the funnel no longer has is named as not replayable, not as unreadable")
    func stageGone() throws {
        let copy = try temporaryCopy()
        let anna = try Self.open(copy.path, as: "anna")
        anna.run("move L-000002 to sql; tag L-000003 +cold")
        anna.session.workspaceGuard?.lock.release()
        // As if the funnel saved since had renamed sql: the journal's lead is in no stage of it.
        let journal = copy.path + ".smk-journal"
        let text = try String(contentsOfFile: journal, encoding: .utf8)
        try text.replacingOccurrences(of: "\"stage\": \"sql\"", with: "\"stage\": \"sqll\"").write(toFile: journal, atomically: true, encoding: .utf8)
        let again = try Self.open(copy.path, as: "anna", answer: true)
        let report = again.err.text
        #expect(report.contains("warning: 'move 1 lead to sql' by anna is not replayed: L-000002: "), "\(report)")
        #expect(report.contains("'sqll' is not a stage — did you mean 'sql'? in the funnel saved since"), "\(report)")
        #expect(report.contains("1 read but not replayable (said above)") && !report.contains("could not be read"), "\(report)")
        #expect(again.session.workspace.leads[id: "L-000003"]?.tags.contains("cold") == true, "the other change is replayed")
        #expect(try FileManager.default.contentsOfDirectory(atPath: copy.folder).contains { $0.contains(".smk-journal.") },
                "the journal is kept aside with the change not replayed")
        again.session.workspaceGuard?.release(again.session)
    }

    @Test("a change to a lead the same session added (import, add) replays as it was, not as merged with a save that never happened")
    func changeToNewLead() throws {
        let copy = try temporaryCopy()
        let csv = copy.folder + "/new.csv"
        try Data("email,name\r\nada@example.com,Ada Lind\r\n".utf8).write(to: URL(fileURLWithPath: csv))
        let anna = try Self.open(copy.path, as: "anna")
        anna.run("import \(csv)")
        let ada = try #require(anna.session.workspace.leads.all.first { $0.email == "ada@example.com" })
        let added = anna.run("tag \(ada.id) +a; add lead name Bo stage sal")
        let bo = try #require(anna.session.workspace.leads.all.first { $0.name == "Bo" }, "\(added.err)")
        anna.run("note \(bo.id) \"called\"")
        let leads = anna.session.workspace.leads
        anna.session.workspaceGuard?.lock.release()
        // Killed; nobody saved since.
        let next = try Self.open(copy.path, as: "anna", answer: true)
        let report = next.err.text
        #expect(report.contains("4 change(s) by anna were not saved"), "\(report)")
        #expect(!report.contains("merged"), "nothing was saved since: \(report)")
        #expect(report.contains("replayed 4 change(s)"), "\(report)")
        #expect(next.session.workspace.leads.all.map(\.id) == leads.all.map(\.id))
        #expect(next.session.workspace.leads[id: ada.id]?.tags == ["a"])
        next.session.workspaceGuard?.release(next.session)
    }

    @Test("changes a save wrote before a kill removed the journal are not offered again")
    func alreadySaved() throws {
        let copy = try temporaryCopy()
        let anna = try Self.open(copy.path, as: "anna")
        anna.run("tag L-000001 +hot; note L-000002 \"called\"")
        let journal = try Data(contentsOf: URL(fileURLWithPath: copy.path + ".smk-journal"))
        anna.run("save")
        anna.session.workspaceGuard?.lock.release()
        // Killed between the rename and the journal's removal: the journal is still there.
        try journal.write(to: URL(fileURLWithPath: copy.path + ".smk-journal"))
        var asked = false
        let next = try Harness(path: copy.path, actor: "erik")
        next.session.workspaceGuard = WorkspaceGuard(session: next.session, forceUnlock: false) { _ in asked = true; return true }
        #expect(!asked)
        #expect(next.err.text.contains("the journal's 2 change(s) were already saved; journal removed"))
        #expect(!next.session.isDirty)
        next.session.workspaceGuard?.release(next.session)
    }
}

@Suite("Numbers that once crashed smk")
struct LargeNumberTests {
    @Test("numbers too large for smk are refused with a message, never a crash or an inf in the file", arguments: [
        ("whatif target 1e19", "1e19 is too large a number (smk takes numbers up to 1e15)"),
        ("whatif target 1e30", "1e30 is too large a number"),
        ("whatif rate mql->sal 80% deal 1e30", "1e30 is too large a number"),
        ("whatif target 1e15 deal 1 rate lead->customer 0.0001%", "the plan needs more leads than can be counted"),
        ("set L-000001 employees = 1e19", "expected a whole number below 1e12 for employees"),
        ("set L-000001 employees = 1e13", "a whole number below 1e12"),
        ("set L-000001 value = 1e400", "unexpected '1e400', expected a number for value"),
        ("sla set contact 1e400h", "1e400h is too large a number"),
        ("count where value > inf", "value is a number, but inf is text"),
    ])
    func refused(command: String, message: String) throws {
        let harness = try Harness()
        let result = harness.run(command)
        #expect(result.outcome.failures == 1)
        #expect(result.err.contains(message), "\(result.err)")
    }

    @Test("a workspace file holding 1e400 or a repeated key is refused with line:col")
    func fileNumbers() throws {
        let big = #"{"format": "smk-workspace", "version": 1, "leads": [{"id": "L-1", "stage": "lead", "value": 1e400}]}"#
        #expect(throws: WorkspaceError.self) { try WorkspaceCodec.decode(Array(big.utf8), path: "t.json") }
        do { _ = try WorkspaceCodec.decode(Array(big.utf8), path: "t.json") } catch {
            #expect("\(error)" == "t.json: 1:93: malformed JSON: the number 1e400 is out of range")
        }
        let twice = "{\"leads\": [],\n \"leads\": [{\"id\": \"L-1\", \"stage\": \"lead\"}]}"
        do { _ = try WorkspaceCodec.decode(Array(twice.utf8), path: "t.json"); Issue.record("accepted") } catch {
            #expect("\(error)" == "t.json: 2:2: malformed JSON: duplicate key \"leads\" in an object")
        }
        let inLead = #"{"leads": [{"id": "L-1", "stage": "lead", "name": "a", "name": "b"}]}"#
        do { _ = try WorkspaceCodec.decode(Array(inLead.utf8), path: "t.json"); Issue.record("accepted") } catch {
            #expect("\(error)".contains("duplicate key \"name\""))
        }
    }
}

@Suite("What reaches the terminal")
struct TerminalSafetyTests {
    /// A session whose fixture lead L-000001 holds escape sequences in its name and notes,
    /// as a workspace from elsewhere (or a CSV) can.
    static func planted() throws -> Harness {
        let harness = try Harness()
        var lead = try #require(harness.session.workspace.leads[id: "L-000001"])
        lead.name = "Eve\u{1B}]0;pwned\u{07}"
        lead.company = "Acme\u{1B}[2J\u{202E}gnp.exe"
        _ = try harness.session.workspace.leads.replace(lead)
        return harness
    }

    @Test("escape sequences planted in a lead are shown visibly in tables, show, find, csv and markdown", arguments: [
        "leads L-000001 cols name,company", "show L-000001", "find Eve", "format csv; leads L-000001 cols name,company",
        "format markdown; leads L-000001 cols name,company",
    ])
    func planted(command: String) throws {
        let harness = try Self.planted()
        let out = harness.run(command).out
        let bytes = Array(out.utf8)
        #expect(!bytes.contains(0x1B) && !bytes.contains(0x07), "\(out)")
        #expect(!out.unicodeScalars.contains("\u{202E}"))
        #expect(out.contains("Eve\\e]0;pwned\\u0007") || command.hasPrefix("find"), "\(out)")
        #expect(out.contains("Acme\\e[2J\\u202Egnp.exe") || command.hasPrefix("find"), "\(out)")
    }

    @Test("json keeps the text but escapes the controls by JSON's rules")
    func json() throws {
        let harness = try Self.planted()
        let out = harness.run("format json; leads L-000001 cols name").out
        #expect(!Array(out.utf8).contains(0x1B))
        #expect(out.contains(#"Eve\u001b]0;pwned\u0007"#), "\(out)")
    }

    @Test("a raw control character typed in a command is refused where it stands")
    func typed() throws {
        let harness = try Harness()
        let result = harness.run("note L-000001 \"a\u{1B}[2Jb\"")
        #expect(result.outcome.failures == 1)
        #expect(result.err.contains("unexpected the control character \\e, expected text without control characters"))
        #expect(!Array(result.err.utf8).contains(0x1B))
        #expect(harness.run("set L-000001 company = \"x\u{07}\"").err.contains("control character \\u0007"))
    }

    @Test("an invalid megabyte-long value is reported quickly and named, not repeated")
    func longValue() throws {
        let harness = try Harness()
        let started = Date()
        let result = harness.run("stage " + String(repeating: "ก", count: 200_000))
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(result.err.count < 2_000, "\(result.err.count) characters: \(result.err.suffix(300))")
        #expect(result.err.contains("… (200011 characters)"))
    }

    @Test("a control character in a JSON string is named with its full escape")
    func jsonMessage() throws {
        do { _ = try JSONParser.parse(Array("\"a\u{0}b\"".utf8)); Issue.record("accepted") } catch {
            #expect((error as? JSONSyntaxError)?.message == "control character in a string (escape it as \\u0000)")
        }
    }
}

@Suite("Rules that once took minutes")
struct RuleTimeTests {
    @Test("an entry rule of 40 'or's checks a move in well under a second")
    func manyOrs() throws {
        let harness = try Harness()
        let rule = (0..<40).map { "fit = \($0)" }.joined(separator: " or ")
        let started = Date()
        let result = harness.run("stage sal entry \"\(rule)\"; move L-000001 to sal")
        #expect(Date().timeIntervalSince(started) < 2)
        #expect(result.err.contains("cannot enter sal") || result.outcome.failures == 0, "\(result.err)")
    }
}

/// The lock anna holds from another process (pid 1 is always alive), written over `lock`.
func holdAsAnna(_ lock: WorkspaceLock) throws {
    let anna = #"{"user": "anna", "pid": 1, "host": "\#(WorkspaceLock.hostName)", "since": "2026-11-24T09:00:00Z"}"#
    try Data(anna.utf8).write(to: URL(fileURLWithPath: lock.path))
}

@Suite("Two people on one file")
struct FollowTests {
    /// Where every test here starts: anna writes `demo.json` (a copy of the small fixture)
    /// from another process, and erik has it open read-only, his guard following her saves.
    struct ErikReading {
        let path: String
        let lock: WorkspaceLock
        let erik: Harness
        let guarding: WorkspaceGuard
    }

    static func erikReadingAnnasFile() throws -> ErikReading {
        let copy = try temporaryCopy("demo.json")
        let lock = WorkspaceLock(workspacePath: copy.path)
        try holdAsAnna(lock)
        let erik = try Harness(path: copy.path, actor: "erik")
        let guarding = WorkspaceGuard(session: erik.session, forceUnlock: false, ask: nil)
        erik.session.workspaceGuard = guarding
        return ErikReading(path: copy.path, lock: lock, erik: erik, guarding: guarding)
    }

    @Test("the read-only session reloads what the writer saves and offers to take over when the writer quits")
    func follow() throws {
        let reading = try Self.erikReadingAnnasFile()
        let (path, lock, erik) = (reading.path, reading.lock, reading.erik)
        #expect(erik.session.readOnlyReason != nil)

        final class Steps: LineReader {
            var inputs: [LineReadResult]
            var prompts: [String] = []
            let onPrompt: (Int) -> Void
            init(_ inputs: [LineReadResult], onPrompt: @escaping (Int) -> Void) { self.inputs = inputs; self.onPrompt = onPrompt }
            func readLine(prompt: String) -> LineReadResult {
                prompts.append(prompt)
                onPrompt(prompts.count)
                return inputs.isEmpty ? .hangUp : inputs.removeFirst()
            }
            func addToHistory(_ line: String) {}
        }
        let reader = Steps([.line("count where tags = vip"), .line("count where tags = vip"), .line("count where tags = vip"), .line("y"),
                                .line("tag L-000002 +vip")]) { step in
            if step == 2 {
                // anna tags three leads (one change) and saves.
                guard let writer = try? Harness(path: path, actor: "anna") else { return }
                writer.run("tag L-000001,L-000003,L-000004 +vip; save")
            }
            if step == 3 { unlink(lock.path) }  // anna quits
        }
        Repl(session: erik.session, reader: reader).run()
        #expect(erik.out.text.hasPrefix("0\n3\n3\n"), "\(erik.out.text)")
        #expect(erik.err.text.contains("anna saved demo.json (1 change): reloaded"), "one tag of three leads is one change: \(erik.err.text)")
        #expect(reader.prompts.contains("anna has closed demo.json. Take over writing? [y/N] "))
        #expect(erik.err.text.contains("you now write demo.json"))
        #expect(erik.session.readOnlyReason == nil && erik.session.isDirty)
        #expect(lock.holder()?.user == "erik")
        erik.session.workspaceGuard?.release(erik.session)
    }
}

extension FollowTests {
    @Test("at an idle prompt the writer's quit wakes the shell to ask about taking over; the next line is a command, not the answer")
    func wokenAtIdlePrompt() throws {
        let reading = try Self.erikReadingAnnasFile()
        let (lock, erik, guarding) = (reading.lock, reading.erik, reading.guarding)
        // While anna holds the file, the idle look has nothing to ask.
        let reader = ScriptedReader([.woken, .line("y"), .line("count where tags = vip")])
        let repl = Repl(session: erik.session, reader: reader)
        erik.session.confirm = { _ in false }
        #expect(guarding.idleLook(erik.session).offer == nil)
        unlink(lock.path)  // anna quits
        #expect(guarding.idleLook(erik.session).offer?.hasPrefix("anna has closed demo.json: you are asked") == true)
        repl.run()
        #expect(reader.prompts.count >= 3)
        #expect(reader.prompts[1] == "anna has closed demo.json. Take over writing? [y/N] ", "\(reader.prompts)")
        #expect(erik.err.text.contains("you now write demo.json"), "\(erik.err.text)")
        #expect(erik.out.text.hasPrefix("0\n"), "the line after the answer ran as a command: \(erik.out.text)")
        #expect(guarding.idleLook(erik.session).offer == nil, "asked once")
        erik.session.workspaceGuard?.release(erik.session)
    }

    @Test("a file written by something other than smk is reloaded with the number of leads that differ")
    func followForeignSave() throws {
        let reading = try Self.erikReadingAnnasFile()
        let (path, lock, erik, guarding) = (reading.path, reading.lock, reading.erik, reading.guarding)
        var saved = try Workspace.load(path: path)
        for id in ["L-000001", "L-000003"] {
            var lead = try #require(saved.leads[id: id])
            lead.tags.append("vip")
            try saved.leads.replace(lead)
        }
        _ = try saved.save(path: path)
        #expect(guarding.follow(erik.session) == "anna saved demo.json (2 leads changed): reloaded")
        unlink(lock.path)
    }
}

@Suite("--safe holds against every escape tried")
struct SafeModeTests {
    @Test("a safe session refuses paths outside the workspace's folder, naming the command and the path", arguments: [
        "output /tmp/smk-safe.txt", "output DIR/../x.txt", "output DIR/link/x.txt", "output DIR/new/../../x.txt",
        "record /tmp/smk-safe.smk", "run /tmp/smk-safe.smk", "run DIR/../x.smk", "save /tmp/smk-safe.json", "save DIR/../copy.json",
        "open DIR/other.json", "export where stage = mql to /tmp/smk-safe.csv", "export L-000001 to DIR/../x.json",
        "import /tmp/smk-safe.csv", "import DIR/../x.csv",
    ])
    func refused(command: String) throws {
        let copy = try temporaryCopy()
        try FileManager.default.createSymbolicLink(atPath: copy.folder + "/link", withDestinationPath: NSTemporaryDirectory())
        let harness = try Harness(path: copy.path)
        harness.session.settings.safeFolder = SafeMode.resolve(copy.folder)
        let result = harness.run(command.replacingOccurrences(of: "DIR", with: copy.folder))
        #expect(result.outcome.failures == 1)
        let words = command.split(separator: " ")
        #expect(result.err.contains("--safe: \(words[0]) "), "\(result.err)")
        #expect(result.err.contains("reaches outside the workspace's folder") || words[0] == "open" || words[0] == "run", "\(result.err)")
    }

    @Test("inside the folder a safe session writes as usual; nobody may output over the open workspace")
    func allowed() throws {
        let copy = try temporaryCopy()
        let harness = try Harness(path: copy.path)
        harness.session.settings.safeFolder = SafeMode.resolve(copy.folder)
        let result = harness.run("output \(copy.folder)/report.txt; count; output -; save \(copy.folder)/copy.json; save")
        #expect(result.outcome.failures == 0, "\(result.err)")
        #expect(try String(contentsOfFile: copy.folder + "/report.txt", encoding: .utf8) == "5\n")
        let unsafe = try Harness(path: copy.path)
        let overwrite = unsafe.run("output \(copy.path); count")
        #expect(overwrite.err.contains("would overwrite the open workspace's files"))
        #expect(try Workspace.load(path: copy.path).leads.count == 5)
    }
}

@Suite("Hard links")
struct HardLinkTests {
    /// A copy of the fixture with a second name, `other.json`, hard-linked to it.
    static func linked() throws -> (folder: String, path: String, other: String) {
        let copy = try temporaryCopy()
        let other = copy.folder + "/other.json"
        try FileManager.default.linkItem(atPath: copy.path, toPath: other)
        return (copy.folder, copy.path, other)
    }

    /// A session on `path` opened as `smk` opens one: locked before it is read.
    static func session(_ path: String, as actor: String, answer: Bool? = nil) throws -> Harness {
        let taken = WorkspaceGuard.takeLock(path: path, actor: actor, forceUnlock: false)
        let harness = try Harness(path: path, actor: actor)
        harness.session.workspaceGuard = WorkspaceGuard(session: harness.session, forceUnlock: false,
                                                        ask: answer.map { value in { _ in value } }, taken: taken)
        return harness
    }

    static func inode(_ path: String) -> (inode: UInt64, links: Int) {
        var info = stat()
        stat(path, &info)
        return (UInt64(info.st_ino), Int(info.st_nlink))
    }

    @Test("a session through a second hard link finds the first one's lock, is told who holds it and opens read-only")
    func oneLock() throws {
        let files = try Self.linked()
        let anna = try Self.session(files.path, as: "anna")
        #expect(anna.session.readOnlyReason == nil)
        #expect(WorkspaceLock(workspacePath: files.other).path == files.path + ".smk-lock")
        // anna's lock as another process would hold it (pid 1 is always alive).
        let lock = WorkspaceLock(workspacePath: files.path)
        try holdAsAnna(lock)
        let erik = try Self.session(files.other, as: "erik")
        #expect(erik.session.readOnlyReason != nil)
        #expect(erik.err.text.contains("other.json is held by anna (pid 1"), "\(erik.err.text)")
        #expect(!erik.err.text.contains("warning"))
        #expect(erik.run("tag L-000001 +x").err.contains("read-only"))
        unlink(lock.path)
        anna.session.workspaceGuard?.release(anna.session)
        erik.session.workspaceGuard?.release(erik.session)
    }

    @Test("whoever holds the file itself (its flock) through another name makes a newcomer read-only, whatever the lock files say")
    func fileLock() throws {
        let files = try Self.linked()
        // Another open of the file holds its flock, as a session through another name
        // whose home is not recorded would.
        let fd = open(files.path, O_RDONLY)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
        let erik = try Self.session(files.other, as: "erik")
        #expect(erik.session.readOnlyReason != nil)
        #expect(erik.err.text.contains("other.json is held by"), "\(erik.err.text)")
        #expect(!FileManager.default.fileExists(atPath: files.other + ".smk-lock"))
        erik.session.workspaceGuard?.release(erik.session)
        flock(fd, LOCK_UN)
        let again = try Self.session(files.other, as: "erik")
        #expect(again.session.readOnlyReason == nil)
        again.session.workspaceGuard?.release(again.session)
    }

    /// Whether another open of the file at `path` could take its flock now.
    static func isFree(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        return flock(fd, LOCK_EX | LOCK_NB) == 0
    }

    @Test("the file's lock follows a save that replaces the file, and is let go when the session ends")
    func lockFollowsSave() throws {
        let copy = try temporaryCopy()
        let anna = try Self.session(copy.path, as: "anna")
        #expect(!Self.isFree(copy.path))
        let before = Self.inode(copy.path).inode
        #expect(anna.run("tag L-000001 +x; save").outcome.failures == 0)
        #expect(Self.inode(copy.path).inode != before)
        #expect(!Self.isFree(copy.path))
        anna.session.workspaceGuard?.release(anna.session)
        #expect(Self.isFree(copy.path))
    }

    @Test("a save through one name shows through the other: the file is written in place, keeping its mode and every name")
    func saveTogether() throws {
        let files = try Self.linked()
        chmod(files.path, 0o640)
        let before = Self.inode(files.path)
        let erik = try Self.session(files.other, as: "erik")
        let result = erik.run("tag L-000001 +linked; save")
        #expect(result.outcome.failures == 0, "\(result.err)")
        #expect(try Workspace.load(path: files.path).leads[id: "L-000001"]?.tags.contains("linked") == true)
        #expect(FileManager.default.contents(atPath: files.path) == FileManager.default.contents(atPath: files.other))
        #expect(Self.inode(files.path).inode == before.inode && Self.inode(files.path).links == 2)
        var info = stat()
        stat(files.path, &info)
        #expect(info.st_mode & 0o777 == 0o640)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: files.folder).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty, "\(leftovers)")
        erik.session.workspaceGuard?.release(erik.session)
        // With one name left, a save is a rename again.
        unlink(files.other)
        let anna = try Self.session(files.path, as: "anna")
        #expect(anna.run("tag L-000002 +single; save").outcome.failures == 0)
        #expect(Self.inode(files.path).inode != before.inode)
        anna.session.workspaceGuard?.release(anna.session)
    }

    @Test("a copy in place cut short by a kill is completed by the next open through either name, before it is read")
    func killedCopy() throws {
        for opener in ["ws.json", "other.json"] {
            let files = try Self.linked()
            // The saver, killed, had locked the file by its first name (which records it as the home).
            let saver = WorkspaceLock(workspacePath: files.path)
            #expect(saver.acquire(user: "anna", now: Date(), force: false) == .acquired)
            saver.release()
            let old = try #require(FileManager.default.contents(atPath: files.path))
            var workspace = try Workspace.load(path: files.path)
            var lead = try #require(workspace.leads[id: "L-000001"])
            lead.tags.append("copied")
            _ = try workspace.leads.replace(lead)
            let new = WorkspaceCodec.encode(workspace)
            // Killed in the middle of step 2: the complete copy is in place, the file half written.
            let copy = AtomicFile.pendingCopyName(home: files.path, inode: Self.inode(files.path).inode)
            try Data(new).write(to: URL(fileURLWithPath: copy))
            let handle = try #require(FileHandle(forWritingAtPath: files.path))
            try handle.write(contentsOf: Data(new.prefix(old.count / 2)))
            try handle.close()
            // A reader that cannot lock meanwhile reads the complete copy.
            #expect(try AtomicFile.readConsistent(files.other) == new)
            let erik = try Self.session(files.folder + "/" + opener, as: "erik")
            #expect(erik.session.workspace.leads[id: "L-000001"]?.tags.contains("copied") == true)
            #expect(FileManager.default.contents(atPath: files.path) == Data(new))
            #expect(FileManager.default.contents(atPath: files.other) == Data(new))
            #expect(!FileManager.default.fileExists(atPath: copy))
            erik.session.workspaceGuard?.release(erik.session)
        }
    }

    @Test("changes journalled through one name are offered for replay through the other")
    func journalEitherName() throws {
        let files = try Self.linked()
        let anna = try Self.session(files.path, as: "anna")
        anna.run("tag L-000001 +journalled")
        anna.session.workspaceGuard?.keepJournal = true
        anna.session.workspaceGuard?.release(anna.session)
        #expect(FileManager.default.fileExists(atPath: files.path + ".smk-journal"))
        let erik = try Self.session(files.other, as: "erik", answer: true)
        #expect(erik.err.text.contains("1 change(s) by anna were not saved"), "\(erik.err.text)")
        #expect(erik.session.workspace.leads[id: "L-000001"]?.tags.contains("journalled") == true)
        #expect(erik.run("save").outcome.failures == 0)
        #expect(try Workspace.load(path: files.path).leads[id: "L-000001"]?.tags.contains("journalled") == true)
        #expect(!FileManager.default.fileExists(atPath: files.path + ".smk-journal"))
        erik.session.workspaceGuard?.release(erik.session)
    }
}
