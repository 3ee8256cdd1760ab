import Foundation
import Testing
@testable import SmarketingKit
@testable import SmarketingShell

/// What a newcomer tripped over in listings and analyses (issue 18's reviewers): a
/// `maxrows` that would not say its value, computed columns `export` refused, a share
/// headed like a count, and case variants counted apart without a word.
@Suite("listings and analyses say what they show")
struct ListingLeftoverTests {
    static func session(sources: [String]) throws -> (Session, StringSink) {
        var leads: [Lead] = []
        for (i, source) in sources.enumerated() {
            var lead = Lead(id: "L-\(i + 1)", name: "Person \(i + 1)", stage: "lead")
            lead.source = source
            leads.append(lead)
        }
        let sink = StringSink()
        let session = Session(workspace: Workspace(name: "cases", leads: try LeadStore(leads)), path: nil, actor: "erik", out: sink, err: sink)
        return (session, sink)
    }

    static func run(_ line: String, _ session: Session, _ sink: StringSink) -> String {
        _ = Interpreter(session: session).run(line, bail: true)
        return sink.take()
    }

    @Test("export writes the computed columns leads shows, as format csv lists them")
    func exportComputed() throws {
        let folder = NSTemporaryDirectory() + "smk-export-computed-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let demo = try Harness(path: Harness.demoPath)
        let cols = "id,name,score,quadrant,persona,age,idle,attempts,dupes,feedback,rejected"
        #expect(demo.run("export where stage = mql to \(folder)/c.csv cols \(cols)").out
                == "exported 70 leads to \(folder)/c.csv (11 columns)\n")
        let written = try String(contentsOfFile: folder + "/c.csv", encoding: .utf8)
        let listed = demo.run("format csv; leads where stage = mql cols \(cols)").out
        #expect(written == listed)
        #expect(written.hasPrefix("id,name,score,quadrant,persona,age,idle,attempts,dupes,feedback,rejected\r\nL-000003,Anouk Smits,38,nurture,Factory Femke,91d,75.2d,0,0,,false\r\n"))
        // A name no field has is refused, saying where the names are and the nearest one.
        let wrong = demo.run("export to \(folder)/w.csv cols id,scor").err
        #expect(wrong.contains("help fields lists them") && wrong.contains("did you mean 'score'"), "\(wrong)")
        // A workspace export keeps everything; cols says where a computed column goes.
        #expect(demo.run("export to \(folder)/w.json cols score").err.contains("export … to FILE.csv cols id,name,score"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/w.csv") && !FileManager.default.fileExists(atPath: folder + "/w.json"))
    }

    @Test("report by names its last column a share, and its cells are shares")
    func reportHeader() throws {
        let demo = try Harness(path: Harness.demoPath)
        let out = demo.run("report by source").out
        let header = try #require(out.split(separator: "\n").first)
        #expect(header.hasSuffix("customers %"), "\(header)")
        let rows = out.split(separator: "\n").dropFirst(2).filter { $0.hasPrefix("webinar ") }
        #expect(rows.count == 1 && rows[0].hasSuffix("9.7%"), "\(out)")
        #expect(demo.run("format csv; report by source").out.hasPrefix("source,leads,share,fit,interest,score,value,customers %\r\n"))
    }

    @Test("count by and report by say, in one line under the table, which values differ only in case")
    func caseVariants() throws {
        let (session, sink) = try Self.session(sources: ["Google", "google", "Google", "bing", "Bing", "BING", "ads"])
        let out = Self.run("count by source", session, sink)
        let notes = out.split(separator: "\n").filter { $0.hasPrefix("note:") }
        #expect(notes == ["note: Google and google; BING, Bing and bing differ only in case; counted apart"], "\(out)")
        #expect(Self.run("report by source", session, sink).contains("\nnote: Google and google; BING"))
        // Not in csv, and not where no pair exists.
        #expect(!Self.run("format csv; count by source", session, sink).contains("note:"))
        let demo = try Harness(path: Harness.demoPath)
        #expect(!demo.run("count by source").out.contains("note:"))
        // Many pairs: one line of at most 80 columns, the rest counted.
        let many = (0..<30).flatMap { ["Source\($0)", "source\($0)"] }
        let (big, bigSink) = try Self.session(sources: many)
        let line = try #require(Self.run("count by source", big, bigSink).split(separator: "\n").last)
        #expect(line.hasPrefix("note: ") && line.contains(" more)") && DisplayWidth.of(String(line)) <= 80, "\(line)")
    }
}
