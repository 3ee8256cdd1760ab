import Foundation
import Testing
@testable import SmarketingKit

@Suite("Atomic save")
struct AtomicSaveTests {
    @Test("save writes the file and leaves no temporary file behind")
    func saves() throws {
        let folder = try Fixtures.temporaryFolder()
        let path = folder + "/ws.json"
        let workspace = try Workspace.load(path: Fixtures.small)
        try workspace.save(path: path)
        #expect(try Workspace.load(path: path) == workspace)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["ws.json"])
    }

    @Test("a failed save leaves the old file intact and says why")
    func failedSaveKeepsOldFile() throws {
        let folder = try Fixtures.temporaryFolder()
        let path = folder + "/ws.json"
        let old = Array("{\"leads\": []}\n".utf8)
        try Data(old).write(to: URL(fileURLWithPath: path))
        // Block the temporary file's name with a folder, so writing it fails, as on a full
        // or read-only disk (permissions cannot be used: tests may run as root).
        try FileManager.default.createDirectory(atPath: folder + "/.ws.json.tmp-\(getpid())", withIntermediateDirectories: false)
        let workspace = try Workspace.load(path: Fixtures.small)
        #expect {
            try workspace.save(path: path)
        } throws: { error in
            guard let error = error as? WorkspaceError, case .cannotSave(let where_, let reason) = error else { return false }
            return where_ == path && !reason.isEmpty && error.description.hasSuffix("the file on disk is unchanged")
        }
        #expect(try AtomicFile.readAll(path) == old)
    }

    @Test("saving into a folder that does not exist fails cleanly")
    func missingFolder() throws {
        let workspace = try Fixtures.decode(#"{"leads": []}"#)
        #expect(throws: WorkspaceError.self) { try workspace.save(path: "/nonexistent-smk-folder/ws.json") }
    }

    @Test("reading a missing file or a folder says so")
    func readErrors() throws {
        #expect {
            _ = try Workspace.load(path: "/nonexistent-smk.json")
        } throws: { error in
            (error as? WorkspaceError)?.description == "cannot read /nonexistent-smk.json: No such file or directory"
        }
        #expect {
            _ = try Workspace.load(path: "/tmp")
        } throws: { error in
            (error as? WorkspaceError)?.description == "cannot read /tmp: it is a directory"
        }
    }

    @Test("the demo workspace loads and round-trips")
    func demo() throws {
        let workspace = try Workspace.load(path: Fixtures.demo)
        #expect((300...600).contains(workspace.leads.count))
        #expect(try WorkspaceCodec.decode(WorkspaceCodec.encode(workspace)) == workspace)
        // An unchanged workspace saves to the very same bytes, so a save never makes a diff.
        #expect(WorkspaceCodec.encode(workspace) == (try AtomicFile.readAll(Fixtures.demo)))
        let stages = Set(workspace.leads.all.map(\.stage))
        #expect(stages == Set(workspace.funnel.ids))
    }
}
