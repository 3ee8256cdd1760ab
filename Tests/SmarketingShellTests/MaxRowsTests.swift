import Testing
@testable import SmarketingKit
@testable import SmarketingShell

/// `maxrows`: a listing at the prompt shows its first rows and says how many more there
/// are; csv, json, `output FILE` and sessions without a cap get every row.
@Suite("maxrows caps listings at the prompt")
struct MaxRowsTests {
    /// 1,200 leads, every tenth a pair sharing an email (120 groups of duplicates).
    static func session() throws -> (Session, StringSink) {
        var leads: [Lead] = []
        for i in 1...1200 {
            var lead = Lead(id: "L-\(i)", name: "Person \(i)", stage: i % 2 == 0 ? "lead" : "mql")
            lead.email = i % 10 == 1 || i % 10 == 2 ? "pair\((i - 1) / 10)@example.com" : "p\(i)@example.com"
            lead.company = "Firm \(i % 7)"
            leads.append(lead)
        }
        let sink = StringSink()
        let session = Session(workspace: Workspace(name: "big", leads: try LeadStore(leads)), path: nil, actor: "erik", out: sink, err: sink)
        return (session, sink)
    }

    static func run(_ line: String, _ session: Session, _ sink: StringSink) -> String {
        _ = Interpreter(session: session).run(line, bail: true)
        return sink.take()
    }

    /// The data lines of a table (between the rule and the notes under it).
    static func bodyLines(_ text: String) -> [Substring] {
        let lines = text.split(separator: "\n")
        guard let rule = lines.firstIndex(where: { $0.hasPrefix("─") }) else { return [] }
        return lines[(rule + 1)...].prefix { !$0.hasPrefix("… ") && !$0.hasSuffix(" leads") && !$0.contains("groups of") }.map { $0 }
    }

    @Test("a capped listing shows N rows and a note with how many more and how to see them",
          arguments: [("leads", 1200, "1,200 leads"), ("find person", 1200, "1,200 leads"), ("dupes", 240, "120 groups"),
                      ("count by name", 1200, "1,200 leads")])
    func capped(command: String, total: Int, footer: String) throws {
        let (session, sink) = try Self.session()
        let output = Self.run("maxrows 7; \(command)", session, sink)
        #expect(Self.bodyLines(output).count == 7, "\(output)")
        let note = "… \(Thousands.format(total - 7)) more rows: maxrows all shows them; export … to FILE.csv writes them"
        #expect(output.contains("\n" + note + "\n"), "\(output)")
        #expect(DisplayWidth.of("… 9,999,999 more rows: maxrows all shows them; export … to FILE.csv writes them") <= 80)
        if command != "leads" { #expect(output.contains(footer)) }
    }

    @Test("without a cap, in csv, json and after output FILE every row is written",
          arguments: ["leads", "find person", "dupes"])
    func uncapped(command: String) throws {
        let (session, sink) = try Self.session()
        let all = Self.run(command, session, sink)
        #expect(!all.contains("more rows"))
        let csv = Self.run("maxrows 7; format csv; \(command); format table", session, sink)
        let rows = csv.split(separator: "\r\n").count - 1
        #expect(rows == (command == "dupes" ? 240 : 1200), "csv lists every row under maxrows")
        #expect(!csv.contains("more rows"))
        let json = Self.run("format json; \(command); format table", session, sink)
        #expect(!json.contains("more rows") && json.components(separatedBy: "\"id\"").count - 1 == (command == "dupes" ? 240 : 1200))
        #expect(Self.bodyLines(Self.run("maxrows all; \(command)", session, sink)).count == (command == "dupes" ? 240 : 1200))
    }

    @Test("the prompt's cap never cuts below a smaller limit, and says the limit's count")
    func limitBelowCap() throws {
        let (session, sink) = try Self.session()
        let small = Self.run("maxrows 7; leads limit 3", session, sink)
        #expect(Self.bodyLines(small).count == 3 && !small.contains("more rows") && small.hasSuffix("3 of 1,200 leads\n"))
        let large = Self.run("maxrows 7; leads limit 50", session, sink)
        #expect(Self.bodyLines(large).count == 7 && large.contains("… 43 more rows: maxrows all") && large.hasSuffix("50 of 1,200 leads\n"))
    }

    @Test("a capped sorted listing is the full sort's first N rows, for numeric and text keys",
          arguments: ["sort score desc", "sort name", "sort stage desc, name desc", "sort email", "sort company, id desc"])
    func topN(sort: String) throws {
        let (session, sink) = try Self.session()
        // Cells, not lines: a column is as wide as its widest cell shown.
        func cells(_ text: String) -> [[Substring]] { Self.bodyLines(text).map { $0.split(separator: " ") } }
        let full = cells(Self.run("leads \(sort) cols id,name,stage", session, sink))
        let capped = cells(Self.run("maxrows 9; leads \(sort) cols id,name,stage", session, sink))
        #expect(full.count == 1200)
        #expect(capped == Array(full.prefix(9)))
        #expect(ListingShape.first(5, of: [9, 3, 7, 1, 8, 2, 6], by: <) == [1, 2, 3, 6, 7])
        #expect(ListingShape.first(0, of: [1, 2], by: <) == [])
    }

    @Test("maxrows takes a positive number or all, and says what else it wants")
    func arguments() throws {
        let (session, sink) = try Self.session()
        _ = Self.run("maxrows 12", session, sink)
        #expect(session.settings.maxRows == 12)
        #expect(Self.run("maxrows 0", session, sink).contains("error"))
        #expect(Self.run("maxrows some", session, sink).contains("error"))
        #expect(session.settings.maxRows == 12)
        _ = Self.run("maxrows all", session, sink)
        #expect(session.settings.maxRows == nil)
    }

    @Test("maxrows alone says the cap in force, and where it does not apply")
    func maxrowsState() throws {
        let demo = try Harness()
        #expect(demo.run("maxrows").out == "maxrows: all\n")
        #expect(demo.run("maxrows 3; maxrows").out == "maxrows: 3\n")
        #expect(demo.run("format csv; maxrows 3; maxrows").err.contains("maxrows: 3 (format csv writes every row)"))
        // At a terminal's prompt (a pager is set) with the cap the prompt starts with.
        let prompt = try Harness()
        prompt.session.pager = { _ in false }
        prompt.session.settings.maxRows = SessionSettings.promptMaxRows
        #expect(prompt.run("maxrows").out == "maxrows: 40 (at this terminal; scripts and -c show every row)\n")
        #expect(prompt.run("maxrows all; maxrows").out == "maxrows: all\n")
        #expect(prompt.run("maxrows x").err.contains("a number of rows or all"))
    }
}
