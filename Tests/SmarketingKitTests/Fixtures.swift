import Foundation
@testable import SmarketingKit

/// Paths of the shared test fixtures and the demo, found from this file's location.
enum Fixtures {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let small = repository.appendingPathComponent("Tests/Fixtures/small.json").path
    static let demo = repository.appendingPathComponent("Workspace/demo.json").path

    static func decode(_ text: String) throws(WorkspaceError) -> Workspace {
        try WorkspaceCodec.decode(Array(text.utf8), path: "t.json")
    }

    /// A fresh empty folder under the system temporary folder.
    static func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "smk-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
