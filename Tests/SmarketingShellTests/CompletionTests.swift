import Foundation
import Testing
@testable import SmarketingKit
@testable import SmarketingShell

/// One TAB: a line with the cursor at `1️⃣` (or at the end), and the candidates expected.
struct CompletionCase: CustomTestStringConvertible, Sendable {
    let line: String
    let expected: [String]
    /// Where the replaced word starts, when the test says.
    var replaceFrom: Int?

    init(_ line: String, _ expected: [String], replaceFrom: Int? = nil) {
        self.line = line
        self.expected = expected
        self.replaceFrom = replaceFrom
    }

    func check(_ result: CompletionResult, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.candidates == expected, sourceLocation: sourceLocation)
        if let replaceFrom {
            #expect(result.replaceFrom == replaceFrom, sourceLocation: sourceLocation)
        }
    }

    var testDescription: String { "\"\(line)\" → \(expected.count <= 6 ? expected.joined(separator: " ") : "\(expected.count) candidates")" }

    /// Runs the completer on the line, with the cursor where `1️⃣` was.
    func complete(in session: Session, commands: [any ShellCommand.Type] = CommandRegistry.all) -> CompletionResult {
        let marker = "1️⃣"
        let cursor = line.range(of: marker).map { line.distance(from: line.startIndex, to: $0.lowerBound) } ?? line.count
        let text = line.replacingOccurrences(of: marker, with: "")
        return Completer.complete(line: text, cursor: cursor, session: session, commands: commands)
    }
}

/// Commands DESIGN.md §4 names that do not exist yet, with the synopses it gives, so
/// completion is tested on them before they are written: it reads nothing but the synopsis.
enum OpenStub: ShellCommand {
    static let name = "open", group = CommandGroup.session, summary = "", usage = "open FILE"
    static let examples: [String] = []
    static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult { .none }
}
enum ImportStub: ShellCommand {
    static let name = "import", group = CommandGroup.session, summary = "", usage = "import FILE"
    static let examples: [String] = []
    static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult { .none }
}
enum DupesStub: ShellCommand {
    static let name = "dupes", group = CommandGroup.clean, summary = "", usage = "dupes [by email|name|company|phone]"
    static let examples: [String] = []
    static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult { .none }
}
enum MergeStub: ShellCommand {
    static let name = "merge", group = CommandGroup.clean, summary = "", usage = "merge ID into ID"
    static let examples: [String] = []
    static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult { .none }
}

/// The registry and the commands still to come (a stub gives way to a real command of
/// the same name, which comes first).
let commandsToCome: [any ShellCommand.Type] = CommandRegistry.all + [OpenStub.self, ImportStub.self, DupesStub.self, MergeStub.self]

@Suite("TAB completion")
struct CompletionTests {
    static let allStages = ["customer", "lead", "lost", "mql", "nurture", "opportunity", "sal", "sql", "subscriber", "visitor"]
    static let fixtureFields = LeadField.all.map(\.name) + ["fields.erp", "fields.fleetSize"]

    func expect(_ test: CompletionCase, on path: String = Harness.smallPath, commands: [any ShellCommand.Type] = CommandRegistry.all,
                sourceLocation: SourceLocation = #_sourceLocation) throws {
        let harness = try Harness(path: path)
        test.check(test.complete(in: harness.session, commands: commands), sourceLocation: sourceLocation)
    }

    @Test("command names at the start of a command, also after ;", arguments: [
        CompletionCase("he", ["help"], replaceFrom: 0),
        CompletionCase("LE", ["leads", "let"]),
        CompletionCase("   mo", ["move"], replaceFrom: 3),
        CompletionCase("info; sh", ["show"], replaceFrom: 6),
        CompletionCase("info;sa", ["save", "save!"]),
        CompletionCase("qui", ["quit", "quit!"]),
        CompletionCase("1️⃣leads", CommandRegistry.names.sorted { $0.lowercased() < $1.lowercased() }),
        CompletionCase("zzz", []),
    ])
    func commandNames(test: CompletionCase) throws {
        try expect(test)
    }

    @Test("keywords read from the command's synopsis", arguments: [
        CompletionCase("leads ", ["cols", "limit", "sort", "where"]),
        CompletionCase("leads wh", ["where"], replaceFrom: 6),
        CompletionCase("leads l", ["limit"]),
        CompletionCase("leads sort score ", ["cols", "desc", "limit"]),
        CompletionCase("leads sort score desc ", ["cols", "limit"]),
        CompletionCase("leads where stage = mql ", ["and", "cols", "limit", "or", "sort"]),
        CompletionCase("leads limit 5 ", ["cols", "sort"]),
        CompletionCase("count ", ["by", "where"]),
        CompletionCase("count where fit > 50 ", ["and", "by", "or"]),
        CompletionCase("report ", ["by"]),
        CompletionCase("report by source ", ["where"]),
        CompletionCase("move L-000001 ", ["assign", "force", "note", "to"]),
        CompletionCase("move L-000001 to sal ", ["assign", "force", "note"]),
        CompletionCase("move L-000001 to sal note 'x' force 'y' ", ["assign"]),
        CompletionCase("format ", ["csv", "json", "markdown", "table"]),
        CompletionCase("format js", ["json"]),
        CompletionCase("format json ", []),
        CompletionCase("view ", ["drop", "hot"]),
        CompletionCase("info ", []),
    ])
    func keywords(test: CompletionCase) throws {
        try expect(test)
    }

    @Test("sub-commands and choices", arguments: [
        CompletionCase("dupes ", ["by"]),
        CompletionCase("dupes by ", ["company", "email", "name", "phone"]),
        CompletionCase("merge L-000001 ", ["into"]),
        CompletionCase("merge L-000001 into L-000002", ["L-000002"]),
        CompletionCase("persona ", ["add", "drop", "edit", "match", "show"]),
        CompletionCase("log L-000001 ", ["call", "demo", "demo-request", "download", "email", "form", "meeting", "visit", "webinar"]),
        CompletionCase("log where stage = mql ", ["and", "call", "demo", "demo-request", "download", "email", "form", "meeting", "or", "visit", "webinar"]),
        CompletionCase("log L-000001 call ", []),
        CompletionCase("record o", ["off"]),
        CompletionCase("timer ", ["off", "on"]),
        CompletionCase("define x 'a word' ", ["alias", "team"]),
        CompletionCase("define x 'a word' team ", ["both", "marketing", "sales"]),
        CompletionCase("whatif ", ["rate", "target"]),
        CompletionCase("rate ", []),
        CompletionCase("feedback L-000001 ", ["bad", "good"]),
        CompletionCase("score ch", ["check"]),
        CompletionCase("score rule ", ["add", "drop"]),
        CompletionCase("score rule add ", ["fit", "interest"]),
        CompletionCase("score rule add interest webinar 10 ", ["halflife"]),
        CompletionCase("score check ", ["against", "where"]),
        CompletionCase("score weights ", ["fit"]),
    ])
    func stubKeywords(test: CompletionCase) throws {
        try expect(test, commands: commandsToCome)
    }

    @Test("field names after where, and, or, not, (, sort, cols, by and commas", arguments: [
        CompletionCase("leads where sou", ["source"], replaceFrom: 12),
        CompletionCase("leads where SOU", ["source"]),
        CompletionCase("leads where ", (fixtureFields + ["not"]).sorted { $0.lowercased() < $1.lowercased() }),
        CompletionCase("count where stage = mql and fi", ["fields.erp", "fields.fleetSize", "fit"]),
        CompletionCase("count where stage = mql or em", ["email", "employees"]),
        CompletionCase("leads where not sta", ["stage"]),
        CompletionCase("leads where (sta", ["stage"], replaceFrom: 13),
        CompletionCase("leads where fit > 50 and (country = SE or ci", ["city"]),
        CompletionCase("leads sort va", ["value"]),
        CompletionCase("leads sort fit desc, sc", ["score"]),
        CompletionCase("leads sort fit desc,sc", ["score"]),
        CompletionCase("leads cols id,na", ["name"], replaceFrom: 14),
        CompletionCase("leads cols id, name, qu", ["quadrant"]),
        CompletionCase("count by cou", ["country"]),
        CompletionCase("report by ca", ["campaign"]),
        CompletionCase("count where fields.", ["fields.erp", "fields.fleetSize"]),
        CompletionCase("leads where 1️⃣ and fit > 3", (fixtureFields + ["not"]).sorted { $0.lowercased() < $1.lowercased() }),
    ])
    func fields(test: CompletionCase) throws {
        try expect(test)
    }

    @Test("the words of the query language between fields and values", arguments: [
        CompletionCase("leads where owner ", ["between", "in", "is", "not"]),
        CompletionCase("leads where owner is ", ["none", "not"]),
        CompletionCase("leads where owner is not n", ["none"]),
        CompletionCase("leads where owner not ", ["in"]),
        CompletionCase("leads where fit between 10 ", ["and"]),
        CompletionCase("leads where fit between 10 and 20 ", ["and", "cols", "limit", "or", "sort"]),
        CompletionCase("leads where source in (webinar) ", ["and", "cols", "limit", "or", "sort"]),
    ])
    func queryWords(test: CompletionCase) throws {
        try expect(test)
    }

    @Test("stage ids after to and in stage comparisons", arguments: [
        // anna is in sales: the stages sales enters, and never the lead's own.
        CompletionCase("move L-000001 to s", ["sal", "sql"], replaceFrom: 17),
        CompletionCase("move L-000001,L-000002 to ", ["customer", "opportunity", "sal", "sql"]),
        CompletionCase("move where stage = mql to c", ["customer"]),
        CompletionCase("leads where stage >= o", ["opportunity"]),
        CompletionCase("count where stage = ", allStages),
        CompletionCase("count where stage < l", ["lead", "lost"]),
        CompletionCase("leads where stage in (mql, s", ["sal", "sql", "subscriber"]),
        CompletionCase("leads where stage=n", ["nurture"]),
    ])
    func stages(test: CompletionCase) throws {
        try expect(test)
    }

    @Test("after move ID to, only the stages the move would accept: the actor's team, no side stage, the entry rule kept")
    func moveStages() throws {
        let harness = try Harness()
        let session = harness.session
        func stages(_ line: String) -> [String] { Completer.complete(line: line, cursor: line.count, session: session).candidates }
        #expect(stages("move L-000002 to ") == ["customer", "opportunity", "sql"], "anna (sales) from sal")
        harness.run("as erik")
        #expect(stages("move L-000005 to ") == ["lead", "mql", "subscriber"], "erik (marketing) from visitor; nurture only by recycle")
        #expect(stages("move where stage = visitor to ") == ["lead", "mql", "subscriber", "visitor"], "a selection: what holds for any lead")
        // An entry rule the lead fails takes its stage away; one it meets keeps it.
        harness.run("stage sql entry \"fit >= 70\"; as anna; approve all")
        #expect(stages("move L-000002 to ") == ["customer", "opportunity"], "L-000002 has fit 64")
        #expect(stages("move L-000002,L-000004 to ") == ["customer", "opportunity", "sal", "sql"], "L-000004 (fit 90) may enter sql")
        // Whatever TAB proposes, the move accepts.
        for stage in stages("move L-000002 to ") {
            #expect(harness.run("move L-000002 to \(stage); undo").outcome.failures == 0, "\(stage)")
        }
    }

    @Test("values present in the workspace after F =, F != and F in (", arguments: [
        CompletionCase("leads where source = ", ["cold-outreach", "content-download", "linkedin", "paid-search", "referral", "trade-show", "webinar", "website"]),
        CompletionCase("leads where source = we", ["webinar", "website"]),
        CompletionCase("leads where source=we", ["webinar", "website"], replaceFrom: 19),
        CompletionCase("count where country != ", ["IT", "NL", "RO", "SE", "TH"]),
        CompletionCase("count where country = se", ["SE"]),
        CompletionCase("leads where owner = ", ["anna", "daan", "erik", "giulia", "ioana", "somchai"]),
        CompletionCase("leads where industry in (food, ", ["ecommerce", "food", "logistics", "manufacturing", "retail", "wholesale"]),
        CompletionCase("leads where campaign = q4", ["q4-pricing-guide", "q4-webinar"]),
        CompletionCase("leads where city = got", ["Göteborg"]),
        CompletionCase("leads where city = 'Gö", ["'Göteborg'"], replaceFrom: 19),
        CompletionCase("leads where city = 's", ["'Stockholm'"]),
        CompletionCase("leads where city = \"'s", [#""'s-Hertogenbosch""#]),
        CompletionCase("leads where city = ", ["\"'s-Hertogenbosch\"", "Amsterdam", "Bologna", "Brașov", "București", "Cluj-Napoca", "Eindhoven",
                                               "Genova", "Göteborg", "Helsingborg", "Iași", "Jönköping", "Malmö", "Milano", "Napoli", "Örebro",
                                               "Rotterdam", "Stockholm", "Tilburg", "Timișoara", "Torino", "Uppsala", "Utrecht", "Venlo", "Verona",
                                               "กรุงเทพมหานคร", "ภูเก็ต", "สมุทรปราการ"]),
        CompletionCase("leads where quadrant = ", ["cold", "curious", "ideal", "nurture"]),
        CompletionCase("leads where persona = ", ["'Factory Femke'", "'Logistics Lena'", "'Retail Roberto'"]),
        CompletionCase("leads where persona = 'Lo", ["'Logistics Lena'"]),
        CompletionCase("leads where fit = ", []),
        CompletionCase("leads where source ~ ", []),
    ])
    func values(test: CompletionCase) throws {
        try expect(test, on: Harness.demoPath)
    }

    @Test("lead ids where a command takes an id", arguments: [
        CompletionCase("show L-00000", ["L-000001", "L-000002", "L-000003", "L-000004", "L-000005"], replaceFrom: 5),
        CompletionCase("show ", ["L-000001", "L-000002", "L-000003", "L-000004", "L-000005"]),
        CompletionCase("show l-000004", ["L-000004"]),
        CompletionCase("move L-0000", ["L-000001", "L-000002", "L-000003", "L-000004", "L-000005"]),
        CompletionCase("move ", ["L-000001", "L-000002", "L-000003", "L-000004", "L-000005", "where"]),
        CompletionCase("move L-000001,L-00000", ["L-000001", "L-000002", "L-000003", "L-000004", "L-000005"], replaceFrom: 14),
        CompletionCase("move L-000001, L-000003", ["L-000003"]),
        CompletionCase("leads L-0000", ["L-000001", "L-000002", "L-000003", "L-000004", "L-000005"]),
        CompletionCase("leads L-000001,L-00000", ["L-000001", "L-000002", "L-000003", "L-000004", "L-000005"]),
        CompletionCase("show X-", []),
    ])
    func leadIDs(test: CompletionCase) throws {
        try expect(test)
    }

    @Test("lead ids on the demo: a range, and a long list cut with its last id kept")
    func leadIDsOnTheDemo() throws {
        let session = try Harness(path: Harness.demoPath).session
        let hundred = Completer.complete(line: "show L-0001", cursor: 11, session: session).candidates
        #expect(hundred == (100...199).map { String(format: "L-%06d", $0) })
        let all = Completer.complete(line: "show ", cursor: 5, session: session).candidates
        #expect(all.count == Completer.idLimit + 1)
        #expect(all.first == "L-000001" && all.last == "L-000420")
    }

    @Test("view names after @, variables after $", arguments: [
        CompletionCase("leads @", ["@hot", "@stale-sal", "@unassigned"], replaceFrom: 6),
        CompletionCase("count @st", ["@stale-sal"]),
        CompletionCase("move @h", ["@hot"]),
        CompletionCase("view drop ", ["hot", "stale-sal", "unassigned"]),
        CompletionCase("count where fit >= $m", ["$minFit", "$minInterest"], replaceFrom: 19),
        CompletionCase("leads where fit > $", ["$minFit", "$minInterest", "$region"]),
        CompletionCase("let x = $re", ["$region"]),
    ])
    func viewsAndVariables(test: CompletionCase) throws {
        let harness = try Harness(path: Harness.demoPath)
        harness.session.variables = ["minFit": .number(60), "minInterest": .number(50), "region": .text("SE")]
        test.check(test.complete(in: harness.session))
    }

    @Test("glossary terms after explain and glossary, quoted when they have spaces", arguments: [
        CompletionCase("explain cl", ["'closed loop'"], replaceFrom: 8),
        CompletionCase("explain 'cl", ["'closed loop'"], replaceFrom: 8),
        CompletionCase("glossary m", ["'marketing qualified lead'", "MQL"]),
        CompletionCase("explain sa", ["SAL", "'sales accepted lead'", "'sales qualified lead'"]),
        CompletionCase("explain opp", ["opportunity"]),
        CompletionCase("explain \"feed", [#""feedback loop""#]),
    ])
    func terms(test: CompletionCase) throws {
        try expect(test, on: Harness.demoPath, commands: commandsToCome)
    }

    @Test("persona names after persona show, edit and drop (match takes a lead)", arguments: [
        CompletionCase("persona show ", ["'Factory Femke'", "'Logistics Lena'", "'Retail Roberto'"]),
        CompletionCase("persona edit re", ["'Retail Roberto'"]),
        CompletionCase("persona drop 'F", ["'Factory Femke'"]),
        CompletionCase("persona edit 'Logistics Lena' ", ["channels", "criteria", "needs", "pains", "story"]),
        CompletionCase("persona match L-00000", (1...9).map { "L-00000\($0)" }),
    ])
    func personas(test: CompletionCase) throws {
        try expect(test, on: Harness.demoPath, commands: commandsToCome)
    }

    @Test("owners after assign … to, tags after + and -", arguments: [
        CompletionCase("assign L-000001 to ", ["anna", "erik", "marketing", "none", "sales"]),
        CompletionCase("assign where stage = mql to e", ["erik"]),
        CompletionCase("tag L-000001 +d", ["+dmu"], replaceFrom: 13),
        CompletionCase("tag L-000001 +dmu -", ["-dmu"]),
    ])
    func ownersAndTags(test: CompletionCase) throws {
        try expect(test, commands: commandsToCome)
    }

    @Test("words by position, and values after FIELD = in set", arguments: [
        CompletionCase("set L-000001 so", ["source"], replaceFrom: 13),
        CompletionCase("set L-000001,L-000002 st", ["stage"]),
        CompletionCase("set L-000001 source = we", ["webinar", "website"]),
        CompletionCase("set L-000001 owner = ", ["anna", "erik", "none"]),
        CompletionCase("add ", ["lead"]),
        CompletionCase("add lead em", ["email", "employees"]),
        CompletionCase("add lead name 'x' ", ["stage"]),
        CompletionCase("add lead name 'x' stage m", ["mql"]),
        CompletionCase("as ", ["anna", "erik"]),
        CompletionCase("assign L-000001 ", ["to"]),
        CompletionCase("scenario ", ["apply", "diff", "drop", "new", "save", "switch"]),
        CompletionCase("scenario switch ", ["main"]),
        CompletionCase("stage ", ["customer", "lead", "lost", "mql", "nurture", "opportunity", "sal", "sql", "subscriber", "visitor"]),
        CompletionCase("stage c", ["customer"]),
        CompletionCase("stage mql ", ["entry"]),
        CompletionCase("stage mql entry ", ["none"]),
        CompletionCase("view hot ", []),
        CompletionCase("let x = ", ["count"]),
    ])
    func positions(test: CompletionCase) throws {
        try expect(test, commands: commandsToCome)
    }

    @Test("scenario names after scenario switch and drop")
    func scenarios() throws {
        let harness = try Harness()
        harness.run("scenario new big; scenario new small")
        func complete(_ line: String) -> [String] {
            Completer.complete(line: line, cursor: line.count, session: harness.session).candidates
        }
        #expect(complete("scenario switch ") == ["big", "main", "small"])
        #expect(complete("scenario drop b") == ["big"])
    }

    @Test("team remove offers the team's people; approve and decline offer the open proposals' numbers")
    func peopleAndProposals() throws {
        let harness = try Harness()
        func complete(_ line: String) -> [String] {
            Completer.complete(line: line, cursor: line.count, session: harness.session).candidates
        }
        #expect(complete("team remove ") == harness.session.workspace.team.map(\.name).sorted())
        #expect(complete("team remove e") == ["erik"])
        #expect(complete("approve ") == ["all"], "no proposal open")
        harness.run("team add lena marketing; define MQL \"a hand raised\"")
        #expect(complete("approve ") == ["1", "2", "all"])
        harness.run("as erik; approve 1")
        #expect(complete("approve ") == ["2", "all"], "an approved one is no longer offered")
        #expect(complete("decline ") == ["2"])
    }

    @Test("help completes command names")
    func helpTopics() throws {
        try expect(CompletionCase("help le", ["leads", "let"]))
        try expect(CompletionCase("? sh", ["show"]))
    }

    @Test("nothing inside a comment, or right after a closing quote", arguments: [
        CompletionCase("leads # wh", []),
        CompletionCase("find \"x\"", []),
        CompletionCase("mvoe L-0000", []),
    ])
    func nothing(test: CompletionCase) throws {
        try expect(test)
    }
}

@Suite("TAB completion of file paths")
final class CompletionFileTests {
    /// A directory of its own per test, removed afterwards.
    let directory: String

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("smk-completion-\(UUID().uuidString)").path
        let manager = FileManager.default
        try manager.createDirectory(atPath: directory + "/reports", withIntermediateDirectories: true)
        for file in ["review.smk", "my notes.smk", ".hidden.smk", "reports/weekly.smk"] {
            _ = manager.createFile(atPath: directory + "/" + file, contents: Data())
        }
    }

    deinit {
        try? FileManager.default.removeItem(atPath: directory)
    }

    @Test("file paths after open, save, run, output, record and import; directories end in /",
          arguments: ["open", "save", "run", "output", "record", "import"])
    func paths(command: String) throws {
        let session = try Harness().session
        let commands = commandsToCome
        func complete(_ typed: String) -> [String] {
            let line = "\(command) \(typed)"
            return Completer.complete(line: line, cursor: line.count, session: session, commands: commands).candidates
        }
        #expect(complete(directory + "/re") == [directory + "/reports/", directory + "/review.smk"])
        #expect(complete(directory + "/reports/") == [directory + "/reports/weekly.smk"])
        #expect(complete(directory + "/my") == ["'\(directory)/my notes.smk'"])
        #expect(complete("'" + directory + "/rep") == ["'\(directory)/reports/"])
        #expect(complete(directory + "/.h") == [directory + "/.hidden.smk"])
        #expect(!complete(directory + "/").contains(directory + "/.hidden.smk"))
    }
}
