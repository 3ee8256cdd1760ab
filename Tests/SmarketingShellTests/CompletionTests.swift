import Foundation
import Testing
@testable import SmarketingKit
@testable import SmarketingShell

/// One TAB: a line with the cursor at `1️⃣` (or at the end), and the candidates expected.
struct CompletionCase: CustomTestStringConvertible, Sendable {
    let line: String
    let expected: [String]
    /// True when the candidates must include `expected` (in order) rather than be exactly
    /// it: for commands whose synopsis the main branch is still growing.
    var isSubset = false
    /// Where the replaced word starts, when the test says.
    var replaceFrom: Int?

    init(_ line: String, _ expected: [String], replaceFrom: Int? = nil) {
        self.line = line
        self.expected = expected
        self.replaceFrom = replaceFrom
    }

    init(_ line: String, including expected: [String]) {
        self.init(line, expected)
        isSubset = true
    }

    func check(_ result: CompletionResult, sourceLocation: SourceLocation = #_sourceLocation) {
        if isSubset {
            #expect(result.candidates.filter(expected.contains) == expected, sourceLocation: sourceLocation)
        } else {
            #expect(result.candidates == expected, sourceLocation: sourceLocation)
        }
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

/// Commands the main branch is adding, with the synopses of DESIGN.md §4, so completion
/// is tested on them before they exist here: it reads nothing but their synopsis.
enum ExplainStub: ShellCommand {
    static let name = "explain", group = CommandGroup.agree, summary = "", usage = "explain TERM"
    static let examples: [String] = []
    static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult { .none }
}
enum GlossaryStub: ShellCommand {
    static let name = "glossary", group = CommandGroup.agree, summary = "", usage = "glossary [TERM]"
    static let examples: [String] = []
    static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult { .none }
}
enum PersonaStub: ShellCommand {
    static let name = "persona", group = CommandGroup.agree, summary = ""
    static let usage = "persona add NAME \"criteria\" | persona show|edit|drop|match NAME"
    static let examples: [String] = []
    static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult { .none }
}
enum OpenStub: ShellCommand {
    static let name = "open", group = CommandGroup.session, summary = "", usage = "open FILE"
    static let examples: [String] = []
    static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult { .none }
}
enum RunStub: ShellCommand {
    static let name = "run", group = CommandGroup.script, summary = "", usage = "run FILE"
    static let examples: [String] = []
    static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult { .none }
}
enum ImportStub: ShellCommand {
    static let name = "import", group = CommandGroup.session, summary = "", usage = "import FILE"
    static let examples: [String] = []
    static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult { .none }
}
enum RecordStub: ShellCommand {
    static let name = "record", group = CommandGroup.script, summary = "", usage = "record FILE | record off"
    static let examples: [String] = []
    static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult { .none }
}
enum AssignStub: ShellCommand {
    static let name = "assign", group = CommandGroup.change, summary = "", usage = "assign ID,…|where EXPR|@view to OWNER|none"
    static let examples: [String] = []
    static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult { .none }
}
enum TagStub: ShellCommand {
    static let name = "tag", group = CommandGroup.change, summary = "", usage = "tag ID,…|where EXPR|@view +TAG -TAG …"
    static let examples: [String] = []
    static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult { .none }
}
enum DupesStub: ShellCommand {
    static let name = "dupes", group = CommandGroup.clean, summary = "", usage = "dupes [by email|name|company]"
    static let examples: [String] = []
    static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult { .none }
}
enum LogStub: ShellCommand {
    static let name = "log", group = CommandGroup.change, summary = ""
    static let usage = "log ID call|email|meeting|demo|download|visit|form|webinar [\"note\"]"
    static let examples: [String] = []
    static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult { .none }
}

enum SetStub: ShellCommand {
    static let name = "set", group = CommandGroup.change, summary = "", usage = "set ID,… FIELD = VALUE|none"
    static let examples: [String] = []
    static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult { .none }
}
enum AddStub: ShellCommand {
    static let name = "add", group = CommandGroup.change, summary = "", usage = "add lead FIELD VALUE … [stage STAGE]"
    static let examples: [String] = []
    static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult { .none }
}
enum AsStub: ShellCommand {
    static let name = "as", group = CommandGroup.session, summary = "", usage = "as NAME"
    static let examples: [String] = []
    static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult { .none }
}
enum ScenarioStub: ShellCommand {
    static let name = "scenario", group = CommandGroup.whatIf, summary = ""
    static let usage = "scenario new NAME | scenario switch NAME|main | scenario diff | scenario apply | scenario drop [NAME]"
    static let examples: [String] = []
    static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult { .none }
}
enum StageStub: ShellCommand {
    static let name = "stage", group = CommandGroup.agree, summary = "", usage = "stage STAGE [entry \"EXPR\"|entry none]"
    static let examples: [String] = []
    static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult { .none }
}

let stubCommands: [any ShellCommand.Type] = [ExplainStub.self, GlossaryStub.self, PersonaStub.self, OpenStub.self, RunStub.self,
                                             ImportStub.self, RecordStub.self, AssignStub.self, TagStub.self, DupesStub.self, LogStub.self,
                                             SetStub.self, AddStub.self, AsStub.self, ScenarioStub.self, StageStub.self]

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
        CompletionCase("info;sa", ["save"]),
        CompletionCase("qu", ["quit", "quit!"]),
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
        CompletionCase("move L-000001 ", including: ["note", "to"]),
        CompletionCase("move L-000001 to sal ", including: ["note"]),
        CompletionCase("move L-000001 to sal note 'x' force 'y' ", []),
        CompletionCase("format ", ["csv", "json", "markdown", "table"]),
        CompletionCase("format js", ["json"]),
        CompletionCase("format json ", []),
        CompletionCase("view ", ["drop", "hot"]),
        CompletionCase("info ", []),
    ])
    func keywords(test: CompletionCase) throws {
        try expect(test)
    }

    @Test("keywords of commands still to come: sub-commands and choices", arguments: [
        CompletionCase("dupes ", ["by"]),
        CompletionCase("dupes by ", ["company", "email", "name"]),
        CompletionCase("persona ", ["add", "drop", "edit", "match", "show"]),
        CompletionCase("log L-000001 ", ["call", "demo", "download", "email", "form", "meeting", "visit", "webinar"]),
        CompletionCase("log L-000001 call ", []),
        CompletionCase("record o", ["off"]),
    ])
    func stubKeywords(test: CompletionCase) throws {
        try expect(test, commands: stubCommands)
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
        CompletionCase("move L-000001 to s", ["sal", "sql", "subscriber"], replaceFrom: 17),
        CompletionCase("move L-000001,L-000002 to ", allStages),
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
        CompletionCase("move ", including: ["L-000001", "L-000002", "L-000003", "L-000004", "L-000005"]),
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
        try expect(test, on: Harness.demoPath, commands: stubCommands)
    }

    @Test("persona names after persona show, edit, drop and match", arguments: [
        CompletionCase("persona show ", ["'Factory Femke'", "'Logistics Lena'", "'Retail Roberto'"]),
        CompletionCase("persona edit re", ["'Retail Roberto'"]),
        CompletionCase("persona drop 'F", ["'Factory Femke'"]),
        CompletionCase("persona match l", ["'Logistics Lena'"]),
    ])
    func personas(test: CompletionCase) throws {
        try expect(test, on: Harness.demoPath, commands: stubCommands)
    }

    @Test("owners after assign … to, tags after + and -", arguments: [
        CompletionCase("assign L-000001 to ", ["anna", "erik", "none"]),
        CompletionCase("assign where stage = mql to e", ["erik"]),
        CompletionCase("tag L-000001 +d", ["+dmu"], replaceFrom: 13),
        CompletionCase("tag L-000001 +dmu -", ["-dmu"]),
    ])
    func ownersAndTags(test: CompletionCase) throws {
        try expect(test, commands: stubCommands)
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
        CompletionCase("scenario ", ["apply", "diff", "drop", "new", "switch"]),
        CompletionCase("scenario switch ", ["main"]),
        CompletionCase("stage c", ["customer"]),
        CompletionCase("stage mql ", ["entry"]),
        CompletionCase("stage mql entry ", ["none"]),
        CompletionCase("view hot ", []),
        CompletionCase("let x = ", ["count"]),
    ])
    func positions(test: CompletionCase) throws {
        try expect(test, commands: CommandRegistry.all + stubCommands)
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
struct CompletionFileTests {
    let directory: String

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("smk-completion-\(UUID().uuidString)").path
        let manager = FileManager.default
        try manager.createDirectory(atPath: directory + "/reports", withIntermediateDirectories: true)
        for file in ["review.smk", "my notes.smk", ".hidden.smk", "reports/weekly.smk"] {
            _ = manager.createFile(atPath: directory + "/" + file, contents: Data())
        }
    }

    @Test("file paths after open, save, run, output, record and import; directories end in /",
          arguments: ["open", "save", "run", "output", "record", "import"])
    func paths(command: String) throws {
        let session = try Harness().session
        let commands = CommandRegistry.all + stubCommands
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
