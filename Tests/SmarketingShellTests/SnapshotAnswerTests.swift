import Foundation
import Testing
@testable import SmarketingKit
@testable import SmarketingShell

/// A session on a workspace reopened from its `FILE.smk-cache` answers every question as
/// a session on the JSON does (issue 18, item 5).
@Suite("Answers from a snapshot")
struct SnapshotAnswerTests {
    static let questions = [
        "count", "count by source", "count by stage", "funnel", "rates", "find pricing", "find zzqx", "show L-000007",
        "show G-9999", "leads where country = 'SE' sort score desc limit 20", "count where dupes > 0", "sla",
    ]

    /// The demo, or the demo's leads repeated to `count` under new ids (saved by smk).
    static func file(_ count: Int?) throws -> (folder: String, path: String) {
        let folder = NSTemporaryDirectory() + "smk-snap-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/ws.json"
        var workspace = try Harness.demo.get()
        if let count {
            let demo = workspace.leads.all
            workspace.leads = try LeadStore((0..<count).map { i in
                var lead = demo[i % demo.count]
                if i >= demo.count { lead.id = "G-\(i)" }
                return lead
            })
        }
        try Data(WorkspaceCodec.encode(workspace)).write(to: URL(fileURLWithPath: path))
        return (folder, path)
    }

    static func answers(_ workspace: Workspace, path: String) -> [String] {
        let out = StringSink(), err = StringSink()
        let session = Session(workspace: workspace, path: path, actor: "anna", out: out, err: err)
        session.fixedNow = Timestamp.parse("2026-11-24T12:00:00Z")
        return questions.map { question in
            _ = Interpreter(session: session).run(question, file: nil, bail: false)
            return question + "\n" + out.take() + err.take()
        }
    }

    @Test("count, count by, funnel, find, show and the rest agree on the demo and on 10,000 leads", arguments: [nil, 10_000])
    func sameAnswers(count: Int?) throws {
        let file = try Self.file(count)
        defer { try? FileManager.default.removeItem(atPath: file.folder) }
        let policy = WorkspaceSnapshot.Policy(enabled: true, minimumBytes: 0, inBackground: false)
        _ = try Workspace.load(path: file.path, snapshot: policy)
        let (cached, outcome) = try WorkspaceSnapshot.load(path: file.path, policy: policy, defaultName: "ws")
        #expect(outcome == .read)
        let json = try Workspace.load(path: file.path, snapshot: .off)
        let fromCache = Self.answers(cached, path: file.path)
        let fromJSON = Self.answers(json, path: file.path)
        #expect(fromCache == fromJSON)
        #expect(fromJSON.contains { $0.hasPrefix("find pricing") && $0.contains("L-0") }, "the questions have answers")
    }
}
