import Foundation
import Testing
@testable import SmarketingKit

@Suite("Workspace file")
struct WorkspaceCodecTests {
    @Test("an absent section gets its default: the funnel and glossary of DESIGN.md §2")
    func defaults() throws {
        let workspace = try Fixtures.decode(#"{"leads": [{"id": "L-1", "stage": "mql"}]}"#)
        #expect(workspace.funnel.ids == ["visitor", "subscriber", "lead", "mql", "sal", "sql", "opportunity", "customer", "nurture", "lost"])
        #expect(workspace.funnel.rank(of: "mql") == 3)
        #expect(workspace.funnel.rank(of: "lost") == nil)
        #expect(workspace.glossary.map(\.term).contains("SAL"))
        #expect(workspace.glossary.count == 17)
        #expect(workspace.scoring.fitWeight == 0.5 && workspace.scoring.highInterest == 50)
        #expect(workspace.team.isEmpty)
        #expect(workspace.name == "workspace")
    }

    @Test("unknown keys survive load and save, at the top, in leads and in nested records")
    func unknownKeysSurvive() throws {
        let text = """
            {"zeta": {"keep": [1.50, "x"]}, "leads": [{"id": "L-1", "stage": "lead", "crmScore": 0.930,
             "activities": [{"at": "2026-10-01T00:00:00Z", "type": "visit", "utm": {"medium": "cpc"}}],
             "fields": {"erp": "SAP"}}],
             "team": [{"name": "anna", "role": "sales", "fullName": "Anna Berg"}],
             "stages": [{"id": "lead", "name": "Lead", "team": "marketing", "color": "blue"}, {"id": "mql", "name": "MQL", "team": "marketing"}],
             "sla": {"sales": {"attempts": 3, "escalateTo": "cso"}}, "alpha": null}
            """
        let workspace = try Fixtures.decode(text)
        let saved = WorkspaceCodec.encode(workspace)
        let reread = try WorkspaceCodec.decode(saved)
        #expect(reread == workspace)
        let original = try JSONParser.parse(text)
        let written = try JSONParser.parse(saved)
        guard case .object(let before) = original, case .object(let after) = written else { Issue.record("not objects"); return }
        #expect(after["zeta"] == before["zeta"])
        #expect(after["alpha"] == .null)
        #expect(after["sla"] == before["sla"])
        #expect(after.keys.prefix(3) == ["format", "version", "zeta"])
        guard case .array(let leads)? = after["leads"], case .object(let lead) = leads[0] else { Issue.record("no leads"); return }
        #expect(lead["crmScore"] == .number("0.930"))
        #expect(lead["activities"]?.compactText.contains(#""utm": {"medium": "cpc"}"#) == true)
        guard case .array(let team)? = after["team"], case .object(let anna) = team[0] else { Issue.record("no team"); return }
        #expect(anna["fullName"] == .string("Anna Berg"))
        #expect(String(decoding: saved, as: UTF8.self).contains(#""color": "blue""#))
    }

    @Test("an unchanged fixture saves to the same leads, byte for byte")
    func leadsByteForByte() throws {
        let original = try String(contentsOfFile: Fixtures.small, encoding: .utf8)
        let workspace = try Workspace.load(path: Fixtures.small)
        let saved = String(decoding: WorkspaceCodec.encode(workspace), as: UTF8.self)
        let leadLines = { (text: String) in text.split(separator: "\n").filter { $0.hasPrefix("    {\"id\"") } }
        #expect(leadLines(saved) == leadLines(original))
        #expect(leadLines(saved).count == 5)
        #expect(try WorkspaceCodec.decode(Array(saved.utf8)) == workspace)
    }

    @Test("a save leaves out sections that only hold defaults")
    func defaultsNotWritten() throws {
        let workspace = try Fixtures.decode(#"{"leads": []}"#)
        let saved = String(decoding: WorkspaceCodec.encode(workspace), as: UTF8.self)
        #expect(!saved.contains("glossary"))
        #expect(!saved.contains("stages"))
        #expect(saved.contains(#""leads": []"#))
    }

    @Test("errors name the place and the fault", arguments: [
        (#"{"leads": [{"id": "a", "stage": "lead"},"# + "\n" + #"{"id": "b" "stage": "mql"}]}"#,
         "t.json: 2:12: malformed JSON: unexpected '\"', expected ',' or '}'"),
        (#"{"leads": [{"id": "L-000001", "stage": "lead"}, {"id": "L-000042", "stage": "mqll"}]}"#,
         "t.json: lead #2 (L-000042): stage 'mqll' is not a stage — did you mean 'mql'?"),
        (#"{"leads": [{"id": "a", "stage": "lead"}, {"id": "b", "stage": "lead"}, {"id": "a", "stage": "mql"}]}"#,
         "t.json: lead #3 repeats the id a of lead #1; lead ids must be unique"),
        (#"{"leads": [{"id": "a", "stage": "lead", "fit": "high"}]}"#,
         "t.json: lead #1 (a): fit must be a number, found a string"),
        (#"{"leads": [{"id": "a", "stage": "lead", "fit": 140}]}"#,
         "t.json: lead #1 (a): fit 140 is out of range (0–100)"),
        (#"{"leads": [{"id": "a", "stage": "lead", "employees": 12.5}]}"#,
         "t.json: lead #1 (a): employees 12.5 is out of range (a whole number ≥ 0)"),
        (#"{"leads": [{"id": "a", "stage": "lead", "created": "last week"}]}"#,
         "t.json: lead #1 (a): created 'last week' is not a date (expected ISO-8601 such as 2026-10-03T09:12:00Z)"),
        (#"{"leads": [{"id": "a", "stage": "lead", "history": [{"at": "2026-10-01", "from": "lead", "to": "sqll"}]}]}"#,
         "t.json: lead #1 (a): history[0].to 'sqll' is not a stage — did you mean 'sql'?"),
        (#"{"leads": [{"id": "a", "stage": "lead", "feedback": [{"at": "2026-10-01", "verdict": "meh"}]}]}"#,
         "t.json: lead #1 (a): feedback[0].verdict 'meh' is not a verdict (good or bad)"),
        (#"{"leads": [{"stage": "lead"}]}"#, "t.json: lead #1: id is missing"),
        (#"{"leads": [{"id": "a"}]}"#, "t.json: lead #1 (a): stage is missing"),
        (#"{"leads": [{"id": "a", "stage": "lead", "tags": "x"}]}"#, "t.json: lead #1 (a): tags must be a list of strings, found a string"),
        (#"{"leads": {"id": "a"}}"#, "t.json: leads: expected a list, found an object"),
        (#"[1, 2]"#, "t.json: not a workspace: the file holds an array, expected a JSON object with \"leads\""),
        (#"{"format": "other", "leads": []}"#, "t.json: not a workspace: \"format\" is 'other', expected 'smk-workspace'"),
        (#"{"version": 2, "leads": []}"#, "t.json: workspace version 2 is not supported by this smk (it reads version 1)"),
        (#"{"team": [{"name": "anna"}], "leads": []}"#, "t.json: team[0]: role is missing"),
        (#"{"stages": [{"id": "a"}, {"id": "a"}], "leads": []}"#, "t.json: stages: the stage 'a' is defined twice"),
        (#"{"scoring": {"fit": [{"when": 3}]}, "leads": []}"#, "t.json: scoring: fit[0].when must be a string, found a number"),
    ])
    func loadErrors(text: String, message: String) {
        #expect {
            _ = try Fixtures.decode(text)
        } throws: { error in
            (error as? WorkspaceError)?.description == message
        }
    }

    @Test("several wrong leads are reported together: the first ten, and how many more")
    func severalWrongLeads() {
        let bad = (1...13).map { #"{"id": "L-\#($0)", "stage": "mqll"}"# }.joined(separator: ", ")
        let good = #"{"id": "L-ok", "stage": "mql"}"#
        do {
            _ = try Fixtures.decode(#"{"leads": ["# + good + ", " + bad + #", {"id": "L-x", "stage": "sal", "fit": 140}]}"#)
            Issue.record("a broken workspace loaded")
        } catch {
            let text = error.description
            #expect(text.hasPrefix("t.json: 14 leads are wrong (the first 10 here):\n  lead #2 (L-1): stage 'mqll' is not a stage — did you mean 'mql'?"))
            #expect(text.hasSuffix("  … and 4 more"))
            #expect(text.split(separator: "\n").count == 12)
        }
    }

    @Test("a truncated file at every length fails with an error, never a crash")
    func truncatedNeverCrashes() throws {
        let bytes = Array(try String(contentsOfFile: Fixtures.small, encoding: .utf8).utf8)
        for length in stride(from: 0, to: bytes.count - 2, by: 7) {
            #expect(throws: WorkspaceError.self) { _ = try WorkspaceCodec.decode(Array(bytes[0..<length])) }
        }
    }

    @Test("a workspace's custom stages keep their order; side stages stand outside it")
    func customStages() throws {
        let workspace = try Fixtures.decode("""
            {"stages": [{"id": "new", "team": "marketing"}, {"id": "qualified", "team": "sales"},
                        {"id": "parked", "team": "marketing", "side": true}, {"id": "won", "team": "sales"}],
             "leads": [{"id": "a", "stage": "Qualified"}]}
            """)
        #expect(workspace.funnel.rank(of: "won") == 2)
        #expect(workspace.funnel.rank(of: "parked") == nil)
        #expect(workspace.leads[0].stage == "qualified")
    }
}

/// A workspace written by another tool (compact JSON, no spaces) saves to what smk's own
/// layout saves to, by rewriting each lead's whitespace instead of decoding it.
@Suite("Saving a foreign layout")
struct ForeignLayoutSaveTests {
    /// `text` with every whitespace outside strings removed, as `jq -c` writes it.
    static func squeezed(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var inString = false
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if inString {
                out.append(byte)
                if byte == UInt8(ascii: "\\"), i + 1 < bytes.count { out.append(bytes[i + 1]); i += 1 }
                else if byte == UInt8(ascii: "\"") { inString = false }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
                out.append(byte)
            } else if ![0x20, 0x0A, 0x0D, 0x09].contains(byte) {
                out.append(byte)
            }
            i += 1
        }
        return out
    }

    @Test("the demo squeezed to one line saves to the demo's own bytes, its leads respaced, not decoded")
    func demo() throws {
        let original = try AtomicFile.readAll(Fixtures.demo)
        let compact = Self.squeezed(original)
        #expect(compact.count < original.count - 10_000)
        let workspace = try WorkspaceCodec.decode(compact, path: "compact.json")
        #expect(workspace.leads.table.respaced.filter { $0 }.count > workspace.leads.count / 2, "most leads are respaced")
        #expect(WorkspaceCodec.encode(workspace) == original)
    }

    /// Respacing byte by byte, as it was first written: the reference for the faster one.
    static func respacedByteByByte(_ json: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        while i < json.count {
            let byte = json[i]
            if byte == UInt8(ascii: "\"") {
                let start = i
                i += 1
                while i < json.count, json[i] != UInt8(ascii: "\"") { i += json[i] == UInt8(ascii: "\\") ? 2 : 1 }
                i = min(i + 1, json.count)
                out.append(contentsOf: json[start..<i])
                continue
            }
            if [0x20, 0x09, 0x0A, 0x0D].contains(byte) { i += 1; continue }
            out.append(byte)
            if byte == UInt8(ascii: ",") || byte == UInt8(ascii: ":") { out.append(0x20) }
            i += 1
        }
        return out
    }

    @Test("respacing equals the byte-by-byte respacing on 2,000 random documents full of escapes and spaces")
    func randomDocuments() {
        var generator = SplitMix(seed: 4)
        let pieces = [#"\""#, #"\\"#, #"\\\""#, "a", " ", ",", ":", "ș", #"\u00e9"#, "{", "]", "\t"]
        let spaces = ["", " ", "\n  ", "\t", " \r\n"]
        for _ in 0..<2_000 {
            var text = "{"
            for member in 0..<Int.random(in: 0...6, using: &generator) {
                if member > 0 { text += spaces.randomElement(using: &generator)! + "," + spaces.randomElement(using: &generator)! }
                var string = "\""
                for _ in 0..<Int.random(in: 0...8, using: &generator) { string += pieces.randomElement(using: &generator)! }
                string += "\""
                text += string + spaces.randomElement(using: &generator)! + ":" + spaces.randomElement(using: &generator)!
                text += Bool.random(using: &generator) ? "[1," + spaces.randomElement(using: &generator)! + "null]" : string
            }
            text += "}"
            let bytes = Array(text.utf8)
            var writer = JSONWriter()
            writer.raw("x")
            bytes.withUnsafeBufferPointer { writer.appendRespaced($0) }
            #expect(writer.bytes == Array("x".utf8) + Self.respacedByteByByte(bytes), "\(text)")
        }
    }

    @Test("respacing keeps strings as they are, spaces, colons, commas and escapes included")
    func strings() {
        var writer = JSONWriter()
        let text = Array(#"{"a":"x, y: \"z\" \\","b":[1,2 ,{ "c" :null}],"d":{}}"#.utf8)
        text.withUnsafeBufferPointer { writer.appendRespaced($0) }
        #expect(String(decoding: writer.bytes, as: UTF8.self) == #"{"a": "x, y: \"z\" \\", "b": [1, 2, {"c": null}], "d": {}}"#)
    }
}
