import Testing
@testable import SmarketingKit
@testable import SmarketingShell

/// Counts in footers read like the table cells above them: `1,200 leads`, not `1200 leads`.
@Suite("thousands separators in footers")
struct FooterCountTests {
    @Test("leads, count, report, find, stage and funnel footers group thousands")
    func footers() throws {
        var leads: [Lead] = []
        for i in 1...1200 { leads.append(Lead(id: "L-\(i)", name: "Person \(i)", stage: i % 2 == 0 ? "lead" : "mql")) }
        let sink = StringSink()
        let session = Session(workspace: Workspace(name: "big", leads: try LeadStore(leads)), path: nil, actor: "erik", out: sink, err: sink)
        func run(_ line: String) -> String {
            _ = Interpreter(session: session).run(line, bail: true)
            return sink.take()
        }
        #expect(run("leads limit 2").hasSuffix("2 of 1,200 leads\n"))
        #expect(run("count by stage").hasSuffix("\n1,200 leads\n"))
        #expect(run("report by stage").hasSuffix("\n1,200 leads\n"))
        #expect(run("find person").hasSuffix("\n1,200 leads\n"))
        #expect(run("stage").contains("\n1,200 leads; stage STAGE shows one"))
        #expect(run("funnel").contains("\n1,200 leads"))
    }
}
