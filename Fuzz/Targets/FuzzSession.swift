import Foundation
import SmarketingKit
import SmarketingShell

/// A fresh session per input on the fixture workspace, writing only inside a private
/// temporary folder (`--safe`), with output captured and thrown away.
enum FuzzSession {
    nonisolated(unsafe) static let fixture: Workspace = {
        let path = ProcessInfo.processInfo.environment["SMK_FUZZ_FIXTURE"] ?? "Tests/Fixtures/small.json"
        guard let workspace = try? Workspace.load(path: path) else { fatalError("fixture \(path) does not load") }
        return workspace
    }()

    nonisolated(unsafe) static let folder: String = {
        let path = NSTemporaryDirectory() + "smk-fuzz-\(getpid())"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    static func make() -> Session {
        let session = Session(workspace: fixture, path: folder + "/ws.json", actor: "anna", out: StringSink(), err: StringSink())
        session.fixedNow = Timestamp.parse("2026-11-24T12:00:00Z")
        session.settings.safeFolder = SafeMode.resolve(folder)
        let started = Date()
        // No command may run long: a fuzz input that takes seconds is reported as a timeout.
        session.isInterrupted = { Date().timeIntervalSince(started) > 5 }
        return session
    }
}
