import Foundation
import Testing
@testable import SmarketingKit

/// `setExtra` keeps a top-level key smk does not model (saved scenarios, activity types)
/// as a change like any other: undoable, journalled, and saved with the file.
@Suite("Changes to kept keys")
struct ChangeExtraTests {
    @Test("setExtra sets, replaces and removes a key; its inverse restores the file's bytes")
    func inverse() throws {
        let original = try Workspace.load(path: Fixtures.small)
        var workspace = original
        let value = JSONValue.array([.object(JSONObject([JSONMember("type", .string("linkedin-message"))]))])
        let inverse = try Change.setExtra(key: "activityTypes", value: value).apply(to: &workspace)
        #expect(workspace.extra["activityTypes"] == value)
        #expect(String(decoding: WorkspaceCodec.encode(workspace), as: UTF8.self).contains("\"activityTypes\""))
        _ = try inverse.apply(to: &workspace)
        #expect(workspace == original)
        #expect(WorkspaceCodec.encode(workspace) == WorkspaceCodec.encode(original))
    }

    @Test("setExtra reads back from its JSON (the journal's form), also when it removes the key")
    func json() throws {
        let funnel = try Workspace.load(path: Fixtures.small).funnel
        for change in [Change.setExtra(key: "scenarios", value: .array([.string("x")])), Change.setExtra(key: "scenarios", value: nil)] {
            #expect(try Change(json: change.json, funnel: funnel) == change)
        }
    }
}
