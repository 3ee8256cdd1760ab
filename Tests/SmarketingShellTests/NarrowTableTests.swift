import Foundation
import Testing
@testable import SmarketingKit
@testable import SmarketingShell

/// Reading answers on a real terminal. Wide tables on an 80-column terminal: a denser layout of the same facts, row names kept
/// whole, and narrow text columns cut on one line instead of wrapped into slivers.
@Suite("tables on narrow terminals")
struct NarrowTableTests {
    @Test("loop on 80 columns: one line per source, every count and share still there, the reasons whole below")
    func loopNarrow() throws {
        let harness = try Harness(path: Harness.demoPath)
        harness.session.terminalWidth = { 80 }
        let text = harness.run("loop").out
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 80 }, "\(lines)")
        #expect(!text.contains("…"), "nothing cut: \(text)")
        #expect(lines.first?.hasPrefix("source") == true && lines.first?.contains("good/bad") == true)
        // 8 sources, the total, the header, the rule and the footer: no wrapped lines.
        #expect(Array(lines.prefix(12)).last?.hasPrefix("280 MQLs") == true, "\(text)")
        // Then each source with reasons, and all, the reasons whole, a long one continued
        // under its own start.
        let reasons = Array(lines.dropFirst(12))
        #expect(reasons.first == "top reject reasons:", "\(text)")
        #expect(reasons.contains("  webinar           sales rejected: no project yet, keep warm (1)"), "\(reasons)")
        let download = try #require(reasons.firstIndex { $0.hasPrefix("  content-download  ") })
        #expect(download + 1 < reasons.count && reasons[download + 1].hasPrefix(String(repeating: " ", count: 20) + "rejected: no project"),
                "\(reasons)")
        #expect(reasons.joined(separator: " ").split(separator: " ").joined(separator: " ")
            .contains("all sales rejected: no project yet, keep warm (4); not sales-ready: reads the blog, no project (3)"), "\(reasons)")
        let all = try #require(lines.first { $0.hasPrefix("all ") })
        #expect(all.contains("280") && all.contains("192 68.6%") && all.contains("7  2.5%") && all.contains("64/37 63.4%") && all.contains("25  8.9%"), "\(all)")
        #expect(lines.contains { $0.hasPrefix("content-download ") }, "the row name is not cut")

        harness.session.terminalWidth = { 220 }
        let wide = harness.run("loop").out
        #expect(wide.split(separator: "\n").first?.contains("accepted%") == true, "a wide terminal gets a column each")
        harness.session.terminalWidth = { 80 }
        let csv = harness.run("format csv; loop").out
        #expect(csv.hasPrefix("source,mqls,accepted,accepted%,rejected"), "csv always gets the full table")
        #expect(!csv.contains("top reject reasons:"))
    }

    @Test("dupes and proposals on 80 columns: no cell cut, every email and rule readable whole")
    func dupesAndProposalsNarrow() throws {
        let harness = try Harness(path: Harness.demoPath)
        harness.session.terminalWidth = { 80 }
        let dupes = harness.run("dupes").out
        let dupeLines = dupes.split(separator: "\n").map(String.init)
        #expect(dupeLines.allSatisfy { DisplayWidth.of($0) <= 80 } && !dupes.contains("…"), "\(dupes)")
        #expect(dupeLines.contains { $0.contains("sophie.vandermeer@hofstedeonline.nl") }, "an email on one line: \(dupes)")
        #expect(dupeLines.contains { $0.hasPrefix("1 L-000006") && $0.contains("email+name+phone") }, "\(dupes)")
        let proposals = harness.run("proposals all").out
        let proposalLines = proposals.split(separator: "\n").map(String.init)
        #expect(proposalLines.allSatisfy { DisplayWidth.of($0) <= 80 } && !proposals.contains("…"), "\(proposals)")
        #expect(proposals.replacingOccurrences(of: "\n", with: " ").split(separator: " ").joined(separator: " ")
            .contains("proposed fit >= 55 and interest >= 40; mql entry: 14 in mql would no longer pass; open"), "\(proposals)")
        harness.session.terminalWidth = { 200 }
        #expect(harness.run("dupes").out.hasPrefix("group  id        name"), "a wide terminal gets a column each")
        #expect(harness.run("format csv; dupes").out.hasPrefix("group,id,name,email,company,stage,same"))
    }

    @Test("a text column squeezed under 20 is cut on one line, not wrapped")
    func narrowColumnsCut() {
        let table = Table(columns: ["id", "name", "company", "email", "owner", "score", "fit", "interest", "country", "source"],
                          rows: [[.text("L-000281"), .text("รัตนา ใจดี"), .text("บริษัท รักษ์โลก จำกัด"), .text("rattana@example.th"),
                                  .text("somchai"), .number(62.6), .number(60), .number(65.2), .text("TH"), .text("website")]])
        let text = TableTextRenderer(width: 80, stageColor: nil).render(table)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == 3, "header, rule and one line for the one row: \(lines)")
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 80 })
        #expect(lines[2].hasPrefix("L-000281") && lines[2].contains("…"))
    }

    @Test("a table's long title and footer break at spaces on a terminal, stay whole in a file")
    func titleBreaksAtSpaces() {
        let title = "import olist_marketing_qualified_leads_dataset.csv: 8,000 rows, 4 columns · separator ',' · UTF-8 · CRLF"
        let table = Table(title: title, columns: ["k"], rows: [], footer: "nothing to show for this import plan; every row was read and none is left")
        let lines = TableTextRenderer(width: 80, stageColor: nil).render(table).split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 80 }, "\(lines)")
        #expect(lines[0].hasSuffix("·") && lines[1].hasPrefix("separator"), "broken between words: \(lines)")
        #expect(TableTextRenderer(width: nil, stageColor: nil).render(table).hasPrefix(title + "\n"), "a file gets the title on one line")
    }

    @Test("the narrower layout is used only when the full table does not fit")
    func choosesLayout() {
        let narrow = Table(columns: ["k", "both"], rows: [[.text("a"), .figures("1  50%")]])
        let full = Table(columns: ["k", "count", "share"], rows: [[.text("a"), .number(1), .percent(0.5)]], narrower: [narrow])
        #expect(TableTextRenderer(width: 80, stageColor: nil).render(full).hasPrefix("k  count  share"))
        #expect(TableTextRenderer(width: 12, stageColor: nil).render(full).hasPrefix("k  both"))
        #expect(TableTextRenderer(width: nil, stageColor: nil).render(full).hasPrefix("k  count  share"), "a file gets the full table")
    }

    @Test("find: several words each match, in any order and any field; a quoted phrase as written")
    func findWords() throws {
        let harness = try Harness(path: Harness.demoPath)
        let reversed = harness.run("format csv; find nilsson henrik").out
        #expect(reversed.split(whereSeparator: \.isNewline).count == 2 && reversed.contains("L-000221,Henrik Nilsson"), "\(reversed)")
        let across = harness.run("find henrik söderström").out
        #expect(across.contains("L-000221") && across.contains("name; email"), "\(across)")
        #expect(harness.run("find henrik zzqx").out.split(whereSeparator: \.isNewline) == ["id,name,company,stage,matched"])
        let phrase = harness.run("find \"nilsson henrik\"").out
        #expect(!phrase.contains("L-000221"), "a quoted phrase keeps its order")
        // Every lead the two-word search finds holds both words.
        let both = harness.run("format csv; find henrik ab").out.split(whereSeparator: \.isNewline).dropFirst().map { $0.split(separator: ",")[0] }
        #expect(both.count > 1)
        for id in both {
            let shown = TextFold.fold(harness.run("format json; show \(id)").out)
            #expect(shown.contains("henrik") && shown.contains("ab"), "\(id)")
        }
    }

    @Test("a footer or message is broken at spaces to the terminal's width, never inside a word")
    func proseWraps() throws {
        let harness = try Harness(path: Harness.demoPath)
        harness.session.terminalWidth = { 80 }
        let text = harness.run("whatif target 1m").out
        let footer = text.split(separator: "\n").drop { !$0.hasPrefix("target ") }.map(String.init)
        #expect(footer.count >= 3 && footer.allSatisfy { DisplayWidth.of($0) <= 80 }, "\(footer)")
        #expect(footer.joined(separator: " ").contains("no period given: compared with the leads in each stage now"))
    }

    @Test("a line break or tab inside a cell keeps the row on one line; show keeps a value's lines under it")
    func breaksInCells() {
        let table = Table(columns: ["id", "company", "stage"], rows: [[.text("L-1"), .text("Line one\nline\ttwo"), .text("mql")]])
        let lines = TableTextRenderer(width: 80, stageColor: nil).render(table).split(separator: "\n")
        #expect(lines.count == 3 && lines[2] == "L-1  Line one ↵ line two  mql", "\(lines)")
        let record = Record(title: nil, fields: [.init("company", .text("Line one\nline two")), .init("stage", .text("mql"))])
        let shown = TableTextRenderer(width: 80, stageColor: nil).render(record)
        #expect(shown == "company  Line one\n         line two\nstage    mql\n", "\(shown)")
    }

    @Test("the prompt says read-only while someone else holds the file")
    func readOnlyPrompt() throws {
        let harness = try Harness()
        let repl = Repl(session: harness.session, reader: ScriptedReader([]))
        #expect(repl.prompt == "anna@sales smk small> ")
        harness.session.readOnlyReason = "erik (pid 1 on h) holds this workspace"
        #expect(repl.prompt == "anna@sales smk small (read-only)> ")
    }
}

/// `leads` on an 80-column terminal: a reviewer reads leads by name, so names of up to 20
/// display columns (Latin with diacritics, Thai, CJK) show whole and the company gives way.
@Suite("leads on narrow terminals")
struct NarrowLeadsTests {
    static let people: [(name: String, company: String, country: String)] = [
        ("Åsa Larsson-Lindgren", "Mälarviken Partihandel Aktiebolag", "SE"),
        ("Beatrice Vandermeer", "Machinefabriek Zeeland Holding B.V.", "NL"),
        ("สุรเชษฐ์ สิทธิชัยวงศ์", "บริษัท พัฒนาฟู้ดส์อินเตอร์เนชั่นแนล จำกัด", "TH"),
        ("欧阳文华 Ouyang", "上海长江国际物流有限公司", "CN"),
        ("Ștefan Dumitrescu", "Transilvania Cargo Logistică SRL", "RO"),
    ]

    static func session() throws -> (Session, StringSink) {
        var leads: [Lead] = []
        for (k, person) in people.enumerated() {
            var lead = Lead(id: "L-00000\(k + 1)", name: person.name, stage: k % 2 == 0 ? "subscriber" : "customer")
            lead.company = person.company
            lead.country = person.country
            lead.owner = "somchai"
            leads.append(lead)
        }
        let sink = StringSink()
        let session = Session(workspace: Workspace(name: "narrow", leads: try LeadStore(leads)), path: nil, actor: "erik", out: sink, err: sink)
        return (session, sink)
    }

    @Test("at 80 columns every name of up to 20 columns shows whole, the company is cut first, the score kept")
    func namesWhole() throws {
        let (session, sink) = try Self.session()
        session.terminalWidth = { 80 }
        _ = Interpreter(session: session).run("leads", bail: true)
        let text = sink.take()
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 80 }, "\(text)")
        #expect(lines.first?.contains("score") == true && lines.first?.contains("interest") == false, "\(text)")
        for person in Self.people {
            #expect(DisplayWidth.of(person.name) <= 20)
            #expect(lines.contains { $0.contains(person.name + " ") && $0.contains(person.country) }, "\(person.name) whole: \(text)")
        }
        #expect(text.contains("…"), "the long companies are cut: \(text)")
        #expect(lines.contains { $0.contains("Mälarviken Part") }, "the company keeps a readable start: \(text)")

        session.terminalWidth = { 220 }
        _ = Interpreter(session: session).run("leads", bail: true)
        let wide = sink.take().split(separator: "\n").first ?? ""
        #expect(wide.contains("country") && wide.contains("fit  interest  score"), "a wide terminal gets every column: \(wide)")
        session.terminalWidth = { 80 }
        _ = Interpreter(session: session).run("format csv; leads", bail: true)
        #expect(sink.take().hasPrefix("id,name,company,country,stage,owner,fit,interest,score"), "csv always gets the full table")
        _ = Interpreter(session: session).run("format table; leads cols id,name,fit", bail: true)
        #expect(sink.take().split(separator: "\n").first?.hasSuffix("name                  fit") == true, "columns asked for are kept")
    }
}
