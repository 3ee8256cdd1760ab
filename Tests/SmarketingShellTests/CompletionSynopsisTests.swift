import Testing
@testable import SmarketingKit
@testable import SmarketingShell

@Suite("Synopsis keywords")
struct SynopsisTests {
    @Test("leads: keywords, what each clause takes, and how the command may start")
    func leads() {
        let synopsis = Synopsis(LeadsCommand.self)
        #expect(synopsis.keywords == ["where", "sort", "desc", "limit", "cols"])
        #expect(synopsis.arguments["where"]?.kinds == [.expression])
        #expect(synopsis.arguments["sort"]?.kinds == [.field])
        #expect(synopsis.arguments["cols"]?.kinds == [.field])
        #expect(synopsis.arguments["limit"]?.kinds == [.text])
        #expect(synopsis.arguments["desc"] == nil)
        #expect(synopsis.leading.kinds == [.leadID] && synopsis.leading.keywords == ["where"])
        #expect(synopsis.leadingIsOptional)
        #expect(synopsis.sigils == ["@": .view])
    }

    @Test("alternative forms, choices and quoted parts", arguments: [
        ("quit | quit!", "quit", ["exit", "quit!"], [String]()),
        ("format table|json|csv|markdown", "format", [], ["table", "json", "csv", "markdown"]),
        ("view NAME = \"EXPR [sort F [desc]] [limit N] [cols a,b]\" | view drop NAME", "view", [], ["drop"]),
        ("move ID,…|where EXPR|@view to STAGE [note \"…\"] [force \"why\"]", "move", [], ["where", "to", "note", "force"]),
        ("whatif target 10k deal 1k [rate lead->customer 2%]", "whatif", [], ["target", "deal", "rate"]),
    ])
    func keywords(usage: String, name: String, aliases: [String], expected: [String]) {
        #expect(Synopsis(usage: usage, name: name, aliases: aliases).keywords == expected)
    }

    @Test("move: to takes a stage, note and force free text; the command needs ids first")
    func move() {
        let synopsis = Synopsis(MoveCommand.self)
        #expect(synopsis.arguments["to"]?.kinds == [.stage])
        #expect(synopsis.arguments["note"]?.kinds == [.text])
        #expect(!synopsis.leadingIsOptional)
        #expect(synopsis.nextKeywords(used: ["to"]).starts(with: ["note"]))
    }

    @Test("every registered command's synopsis reads without surprises", arguments: CommandRegistry.all.map { $0.name })
    func registered(name: String) throws {
        let command = try #require(CommandRegistry.command(named: name))
        let synopsis = Synopsis(command)
        // A keyword never repeats a name of the command, and every clause keyword is a keyword.
        #expect(!synopsis.keywords.contains(command.name))
        #expect(Set(synopsis.arguments.keys).isSubset(of: synopsis.keywords))
    }
}
