import Testing
@testable import SmarketingKit
@testable import SmarketingShell

/// `dupes` labels each lead with what it shares with another of its group, not the
/// group's reasons on every row.
@Suite("dupes says why each lead is in its group")
struct DupesReasonTests {
    @Test("a chain email–phone–name gives each lead its own reason")
    func chain() throws {
        var a = Lead(id: "L-1", name: "Maria Rossi", stage: "lead")
        a.email = "maria@rossi.it"; a.company = "Rossi SpA"
        var b = Lead(id: "L-2", name: "M. Rossi", stage: "lead")
        b.email = " Maria@Rossi.it"; b.phone = "+39 06 1234 5678"; b.company = "Other"
        var c = Lead(id: "L-3", name: "Giulia Bianchi", stage: "mql")
        c.phone = "06-1234-5678"; c.company = "Bianchi Srl"
        var d = Lead(id: "L-4", name: "Giulia Bianchl", stage: "mql")
        d.company = "Bianchi S.r.l."
        var e = Lead(id: "L-5", name: "Someone Else", stage: "mql")
        e.company = "Nobody"
        let leads = try LeadStore([a, b, c, d, e])
        let groups = Duplicates.groups(in: leads, by: Duplicates.defaultCriteria)
        #expect(groups.count == 1 && groups[0].rows == [0, 1, 2, 3])
        #expect(groups[0].rows.indices.map(groups[0].reasons(at:)) == [[.email], [.email, .phone], [.phone, .name], [.name]])

        let sink = StringSink()
        let session = Session(workspace: Workspace(name: "chain", leads: leads), path: nil, actor: "erik", out: sink, err: sink)
        _ = Interpreter(session: session).run("format csv; dupes", bail: true)
        let lines = sink.take().split(separator: "\r\n").dropFirst().map(String.init)
        #expect(lines.count == 4)
        for (line, reason) in zip(lines, [",email", ",\"email, phone\"", ",\"name, phone\"", ",name"]) { #expect(line.hasSuffix(reason), "\(line)") }
    }
}
