import Foundation
import Testing
@testable import SmarketingKit

/// A save streams the workspace's text into the temporary file a chunk at a time
/// (issue 18, item 4): the bytes must be exactly what `WorkspaceCodec.encode` gives,
/// and the file must stay as it was whenever the save does not finish.
@Suite("Streamed save")
struct StreamedSaveTests {
    /// The demo squeezed to one line, as another tool writes it, with a key smk does not
    /// know at the top: what the foreign-layout save copies respaced.
    static func foreignDemo() throws -> [UInt8] {
        let squeezed = ForeignLayoutSaveTests.squeezed(try AtomicFile.readAll(Fixtures.demo))
        #expect(squeezed.first == UInt8(ascii: "{"))
        return Array(#"{"x-tool":{"exported by":"crm","n":[1,2]},"#.utf8) + squeezed.dropFirst()
    }

    /// What a streaming writer with chunks of `chunkBytes` hands on, and the chunks' sizes.
    static func streamed(_ workspace: Workspace, chunkBytes: Int) -> (bytes: [UInt8], chunks: [Int]) {
        var out: [UInt8] = []
        var chunks: [Int] = []
        var writer = JSONWriter(chunkBytes: chunkBytes) { chunk in
            out.append(contentsOf: chunk)
            chunks.append(chunk.count)
            return true
        }
        #expect(WorkspaceCodec.encode(workspace, into: &writer, isInterrupted: { false }))
        #expect(writer.bytes.isEmpty, "everything was handed on")
        return (out, chunks)
    }

    @Test("the streamed text is encode's, byte for byte, whatever the chunk size", arguments: [1, 7, 4096, 1 << 20])
    func sameBytes(chunkBytes: Int) throws {
        let workspace = try WorkspaceCodec.decode(try Self.foreignDemo(), path: "foreign.json")
        #expect(workspace.leads.table.respaced.contains(true), "the leads are copied respaced")
        let whole = WorkspaceCodec.encode(workspace)
        let (bytes, chunks) = Self.streamed(workspace, chunkBytes: chunkBytes)
        #expect(bytes == whole)
        // Streamed, not gathered: every chunk but the last is full, and none is the file.
        #expect(chunks.dropLast().allSatisfy { $0 >= chunkBytes })
        if chunkBytes < whole.count / 2 { #expect(chunks.count > 1) }
    }

    @Test("a save of a foreign layout writes the demo's own bytes, the unknown key kept")
    func saveWritesDemo() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/foreign.json"
        let foreign = try Self.foreignDemo()
        try Data(foreign).write(to: URL(fileURLWithPath: path))
        let workspace = try Workspace.load(path: path, snapshot: .off)
        // Larger than one chunk, so the save is written in several.
        #expect(foreign.count > 2 * Workspace.saveChunkBytes)
        #expect(try workspace.save(path: path, isInterrupted: { false }))
        let saved = try AtomicFile.readAll(path)
        #expect(saved == WorkspaceCodec.encode(workspace))
        let demo = try AtomicFile.readAll(Fixtures.demo)
        let unknown = Array("  \"x-tool\": {\n    \"exported by\": \"crm\",\n    \"n\": [\n      1,\n      2\n    ]\n  }".utf8)
        #expect(saved.count == demo.count + unknown.count + 2)
        #expect(String(decoding: saved, as: UTF8.self).contains(String(decoding: unknown, as: UTF8.self)))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["foreign.json"])
    }

    @Test("an interrupted save leaves the file as it was and no temporary file")
    func interrupted() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/ws.json"
        let old = Array("{\"leads\": []}\n".utf8)
        try Data(old).write(to: URL(fileURLWithPath: path))
        let workspace = try Workspace.load(path: Fixtures.demo, snapshot: .off)
        #expect(try workspace.save(path: path, isInterrupted: { true }) == false)
        #expect(try AtomicFile.readAll(path) == old)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["ws.json"])
    }

    @Test("a chunk that cannot be written stops the encoding at once")
    func drainFails() throws {
        let workspace = try Workspace.load(path: Fixtures.demo, snapshot: .off)
        var calls = 0
        var writer = JSONWriter(chunkBytes: 4096) { _ in
            calls += 1
            return false
        }
        #expect(WorkspaceCodec.encode(workspace, into: &writer, isInterrupted: { false }) == false)
        #expect(writer.drainFailed)
        #expect(calls == 1)
    }

    @Test("a file with two names is written in place from the streamed text: both names read the new bytes")
    func hardLink() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/ws.json", other = folder + "/other.json"
        try Data(try Self.foreignDemo()).write(to: URL(fileURLWithPath: path))
        #expect(link(path, other) == 0)
        let workspace = try Workspace.load(path: path, snapshot: .off)
        #expect(try workspace.save(path: path, isInterrupted: { false }))
        let expected = WorkspaceCodec.encode(workspace)
        #expect(try AtomicFile.readAll(path) == expected)
        #expect(try AtomicFile.readAll(other) == expected)
        var first = stat(), second = stat()
        #expect(stat(path, &first) == 0 && stat(other, &second) == 0)
        #expect(first.st_ino == second.st_ino, "still one file with two names")
    }
}
