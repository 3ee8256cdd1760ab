import Foundation
@testable import SmarketingKit
@testable import SmarketingShell

/// A session on a fixture, with its output captured.
struct Harness {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let smallPath = repository.appendingPathComponent("Tests/Fixtures/small.json").path
    static let demoPath = repository.appendingPathComponent("Workspace/demo.json").path

    let session: Session
    let out = StringSink()
    let err = StringSink()

    /// A copy of the small fixture as `ws.json` in a fresh folder, for tests that save or
    /// change the file on disk.
    static func smallCopy(_ label: String) throws -> String {
        let folder = NSTemporaryDirectory() + "smk-\(label)-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/ws.json"
        try FileManager.default.copyItem(atPath: smallPath, toPath: path)
        return path
    }

    /// The demo, loaded once for all tests (workspaces are values: each session edits its own copy).
    static let demo: Result<Workspace, WorkspaceError> = Result { () throws(WorkspaceError) in try Workspace.load(path: demoPath) }

    init(path: String = Harness.smallPath, actor: String = "anna") throws {
        let workspace = path == Harness.demoPath ? try Harness.demo.get() : try Workspace.load(path: path)
        session = Session(workspace: workspace, path: path, actor: actor, out: out, err: err)
        session.fixedNow = Timestamp.parse("2026-11-24T12:00:00Z")
    }

    /// Runs `text` as a script (stopping at the first failure) and returns stdout, stderr.
    @discardableResult
    func run(_ text: String, file: String? = nil, bail: Bool = true) -> (out: String, err: String, outcome: Interpreter.Outcome) {
        let outcome = Interpreter(session: session).run(text, file: file, bail: bail)
        return (out.take(), err.take(), outcome)
    }
}

/// A line reader that plays back a script of answers, for driving the REPL in tests.
final class ScriptedReader: LineReader {
    var inputs: [LineReadResult]
    private(set) var prompts: [String] = []
    private(set) var history: [String] = []

    init(_ inputs: [LineReadResult]) {
        self.inputs = inputs
    }

    func readLine(prompt: String) -> LineReadResult {
        prompts.append(prompt)
        return inputs.isEmpty ? .endOfInput : inputs.removeFirst()
    }

    func addToHistory(_ line: String) {
        history.append(line)
    }
}

/// The value on the line of a `key  value` record that starts with `key`.
func recordValue(_ text: String, _ key: String) -> String? {
    for line in text.split(separator: "\n") where line.hasPrefix(key + " ") {
        return String(line.dropFirst(key.count)).trimmingWhitespace().description
    }
    return nil
}
