import Foundation
import Testing
@testable import SmarketingKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `FILE.smk-cache` (issue 18, item 5): a workspace reopened from its snapshot is the
/// workspace its JSON holds, and a snapshot that does not match the JSON in every
/// respect (stale, damaged, cut, another version, gone) is never used.
@Suite("Workspace snapshot")
struct SnapshotTests {
    /// Snapshots on, for any size, written before `load` returns.
    static let policy = WorkspaceSnapshot.Policy(enabled: true, minimumBytes: 0, inBackground: false)

    /// 300 generated leads, made once for the tests that damage a snapshot.
    static let small = Result { try generated(300) }

    /// A workspace of `count` leads: the demo's, repeated under new ids, saved by smk.
    static func generated(_ count: Int) throws -> [UInt8] {
        var workspace = try WorkspaceCodec.decode(Array(Data(contentsOf: URL(fileURLWithPath: Fixtures.demo))), defaultName: "gen")
        let demo = workspace.leads.all
        var leads: [Lead] = []
        leads.reserveCapacity(count)
        for i in 0..<count {
            var lead = demo[i % demo.count]
            lead.id = "G-\(i)"
            leads.append(lead)
        }
        workspace.leads = try LeadStore(leads)
        return WorkspaceCodec.encode(workspace)
    }

    /// A file another tool wrote: unknown keys, another key order, escapes, nulls, a
    /// lead the streaming decoder leaves to the tree decoder.
    static let foreign = Array("""
        {"name": "foreign", "extra": {"kept": [1, 2]}, "leads": [
          {"id": "a",  "stage": "MQL", "fit": 70.0, "tags": null, "created": "2026-10-01",
           "activities": [{"type": "call", "at": "2026-10-02T10:00:00+02:00", "by": null}],
           "history": [{"at": "2026-10-01", "to": "mql"}], "x": {"y" : [1, 2]}, "name": "A\\/B"},
          {"id": "b", "stage": "lead", "name": "Ça \\"va\\"", "owner": null, "zz": 1, "fit": 5},
          {"id": "c", "stage": "lead", "fields": {"erp": "SAP"}, "feedback": [{"at": "2026-10-03T00:00:00Z", "verdict": "Good"}]},
          {"id":"d","stage":"lead","tags":["x\\u00e9"],"source":"web"}
        ]}
        """.utf8)

    static let cases: [String] = ["demo", "generated 10k", "foreign"]

    static func bytes(of name: String) throws -> [UInt8] {
        switch name {
        case "demo": Array(try Data(contentsOf: URL(fileURLWithPath: Fixtures.demo)))
        case "generated 10k": try generated(10_000)
        default: foreign
        }
    }

    /// A folder holding `ws.json` with `bytes`.
    static func workspaceFile(_ bytes: [UInt8]) throws -> (folder: String, path: String) {
        let folder = try Fixtures.temporaryFolder()
        let path = folder + "/ws.json"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return (folder, path)
    }

    static func load(_ path: String, _ policy: WorkspaceSnapshot.Policy = policy) throws -> (Workspace, WorkspaceSnapshot.Outcome) {
        try WorkspaceSnapshot.load(path: path, policy: policy, defaultName: "ws")
    }

    /// The table's columns as the snapshot writes them: equal bytes, equal columns
    /// (NaNs and all).
    static func sections(_ table: LeadTable) throws -> [UInt8] {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let fd = open(folder + "/t", O_RDWR | O_CREAT, 0o600)
        var writer = SnapshotWriter(fd: fd)
        SnapshotTable.write(table, into: &writer)
        close(fd)
        return Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/t")))
    }

    /// Everything a session could see of the two workspaces is the same.
    static func expectSame(_ cached: Workspace, _ json: Workspace) throws {
        // The encoded bytes hold every section, unknown keys included.
        #expect(cached.extra == json.extra)
        #expect(WorkspaceCodec.encode(cached) == WorkspaceCodec.encode(json))
        #expect(try sections(cached.leads.table) == sections(json.leads.table))
        #expect(cached.leads.table.whole == json.leads.table.whole)
        // `show` decodes a lead from the file's bytes; `find` and every id go through the index.
        let leads = json.leads.all
        #expect(cached.leads.all == leads)
        #expect(leads.indices.allSatisfy { cached.leads.row(of: leads[$0].id) == $0 })
    }

    @Test("reopening from the snapshot gives exactly the workspace the JSON gives", arguments: cases)
    func sameAnswers(name: String) throws {
        let file = try Self.workspaceFile(Self.bytes(of: name))
        defer { try? FileManager.default.removeItem(atPath: file.folder) }
        let (first, built) = try Self.load(file.path)
        #expect(built == .rebuilt)
        #expect(FileManager.default.fileExists(atPath: file.path + ".smk-cache"))
        let (cached, outcome) = try Self.load(file.path)
        #expect(outcome == .read)
        let (json, plain) = try Self.load(file.path, .off)
        #expect(plain == .unused)
        try Self.expectSame(cached, json)
        try Self.expectSame(first, json)
        #expect(try FileManager.default.contentsOfDirectory(atPath: file.folder).sorted() == ["ws.json", "ws.json.smk-cache"],
                "no temporary file is left")
    }

    @Test("a file edited by another tool with its size and time restored is caught by the end blocks' hash",
          arguments: [true, false])
    func staleSameStamp(head: Bool) throws {
        let original = try Self.small.get()
        let file = try Self.workspaceFile(original)
        defer { try? FileManager.default.removeItem(atPath: file.folder) }
        _ = try Self.load(file.path)
        var info = stat()
        #expect(stat(file.path, &info) == 0)
        let stamp = try #require(FileStamp.of(file.path))
        // Same length: one lead's name changes a letter near the start or the end.
        var edited = original
        let text = String(decoding: original, as: UTF8.self)
        let id = head ? "G-0\"" : "G-299\""
        let at = try #require(text.range(of: id)).upperBound
        let name = try #require(text.range(of: "\"name\": \"", range: at..<text.endIndex)).upperBound
        let offset = text.utf8.distance(from: text.startIndex, to: name)
        edited[offset] = edited[offset] == UInt8(ascii: "Q") ? UInt8(ascii: "R") : UInt8(ascii: "Q")
        let fd = open(file.path, O_WRONLY)
        _ = edited.withUnsafeBytes { pwrite(fd, $0.baseAddress! + offset, 1, off_t(offset)) }
        close(fd)
        #if canImport(Darwin)
        var times = [info.st_atimespec, info.st_mtimespec]
        #else
        var times = [info.st_atim, info.st_mtim]
        #endif
        #expect(utimensat(AT_FDCWD, file.path, &times, 0) == 0)
        #expect(FileStamp.of(file.path) == stamp, "the stamp alone cannot tell")
        let (loaded, outcome) = try Self.load(file.path)
        #expect(outcome == .rebuilt)
        let expected = try WorkspaceCodec.decode(edited, defaultName: "ws")
        try Self.expectSame(loaded, expected)
        #expect(loaded != (try WorkspaceCodec.decode(original, defaultName: "ws")))
    }

    /// Ways a snapshot file goes bad.
    enum Damage: String, CaseIterable, Sendable {
        case randomBytes, truncated, flippedPayloadByte, olderVersion, otherProgram, deleted, empty
    }

    @Test("a damaged, cut, outdated or missing snapshot is ignored and the JSON loaded", arguments: Damage.allCases)
    func damaged(damage: Damage) throws {
        let file = try Self.workspaceFile(Self.small.get())
        defer { try? FileManager.default.removeItem(atPath: file.folder) }
        let cachePath = file.path + ".smk-cache"
        _ = try Self.load(file.path)
        var cache = Array(try Data(contentsOf: URL(fileURLWithPath: cachePath)))
        func word(_ k: Int, _ change: (UInt64) -> UInt64) {
            var value: UInt64 = cache.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: k * 8, as: UInt64.self) }
            value = change(value)
            withUnsafeBytes(of: value) { for b in 0..<8 { cache[k * 8 + b] = $0[b] } }
        }
        switch damage {
        case .randomBytes:
            var generator = SystemRandomNumberGenerator()
            cache = (0..<cache.count).map { _ in UInt8.random(in: 0...255, using: &generator) }
        case .truncated: cache.removeLast(cache.count / 2)
        case .flippedPayloadByte: cache[SnapshotFormat.headerBytes + (cache.count - SnapshotFormat.headerBytes) / 2] ^= 0x10
        case .olderVersion: word(1) { $0 - 1 }
        case .otherProgram: word(3) { $0 &+ 1 }
        case .deleted: break
        case .empty: cache = []
        }
        if damage == .deleted {
            try FileManager.default.removeItem(atPath: cachePath)
        } else {
            try Data(cache).write(to: URL(fileURLWithPath: cachePath))
        }
        let (loaded, outcome) = try Self.load(file.path)
        #expect(outcome == .rebuilt)
        let (json, _) = try Self.load(file.path, .off)
        try Self.expectSame(loaded, json)
        // The snapshot was rebuilt and is used next time.
        let (again, next) = try Self.load(file.path)
        #expect(next == .read)
        try Self.expectSame(again, json)
    }

    @Test("a snapshot whose lead count or offsets were changed, checksum and all, is refused by its bounds checks")
    func boundsChecked() throws {
        let file = try Self.workspaceFile(Self.generated(50))
        defer { try? FileManager.default.removeItem(atPath: file.folder) }
        _ = try Self.load(file.path)
        let (json, _) = try Self.load(file.path, .off)
        // A snapshot of the same file whose leads array is said to end earlier.
        var words = [UInt64](repeating: 0, count: SnapshotFormat.headerWords)
        let fd = open(file.path + ".smk-cache", O_RDWR)
        _ = words.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        words[10] -= 200
        _ = words.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        close(fd)
        let (loaded, outcome) = try Self.load(file.path)
        #expect(outcome == .rebuilt)
        try Self.expectSame(loaded, json)
    }

    @Test("small files, files smk could not stream and a turned-off policy get no snapshot")
    func notWritten() throws {
        let file = try Self.workspaceFile(Self.foreign)
        defer { try? FileManager.default.removeItem(atPath: file.folder) }
        #expect(try Self.load(file.path, WorkspaceSnapshot.Policy(enabled: true, minimumBytes: 1 << 20, inBackground: false)).1 == .unused)
        #expect(try Self.load(file.path, .off).1 == .unused)
        #expect(!FileManager.default.fileExists(atPath: file.path + ".smk-cache"))
        let broken = try Self.workspaceFile(Array(#"{"leads": [{"id": "a", "stage": "lead", "id": "b"}]}"#.utf8))
        defer { try? FileManager.default.removeItem(atPath: broken.folder) }
        #expect(throws: WorkspaceError.self) { try Self.load(broken.path) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: broken.folder) == ["ws.json"])
    }

    @Test("the demo, some 700 KB, gets a snapshot under the program's policy and reopens from it; a small file does not")
    func demoSized() throws {
        let policy = WorkspaceSnapshot.Policy(enabled: true, inBackground: false)
        let demo = try AtomicFile.readAll(Fixtures.demo)
        #expect(demo.count > policy.minimumBytes)
        let file = try Self.workspaceFile(demo)
        defer { try? FileManager.default.removeItem(atPath: file.folder) }
        #expect(try Self.load(file.path, policy).1 == .rebuilt)
        let (reopened, outcome) = try Self.load(file.path, policy)
        #expect(outcome == .read)
        try Self.expectSame(reopened, try Self.load(file.path, .off).0)
        let bytes = try Self.generated(20)
        #expect(bytes.count < policy.minimumBytes)
        let small = try Self.workspaceFile(bytes)
        defer { try? FileManager.default.removeItem(atPath: small.folder) }
        #expect(try Self.load(small.path, policy).1 == .unused)
        #expect(try FileManager.default.contentsOfDirectory(atPath: small.folder) == ["ws.json"])
    }

    @Test("under --safe a snapshot is written only inside the allowed folder")
    func safeFolder() throws {
        let file = try Self.workspaceFile(Self.generated(20))
        defer { try? FileManager.default.removeItem(atPath: file.folder) }
        var policy = Self.policy
        policy.onlyInFolder = try Fixtures.temporaryFolder()
        #expect(try Self.load(file.path, policy).1 == .rebuilt)
        #expect(!FileManager.default.fileExists(atPath: file.path + ".smk-cache"))
        policy.onlyInFolder = WorkspaceLock.realPath(file.folder)
        _ = try Self.load(file.path, policy)
        #expect(FileManager.default.fileExists(atPath: file.path + ".smk-cache"))
    }

    @Test("a save writes the snapshot of the new file, which the next open reads")
    func afterSave() throws {
        let file = try Self.workspaceFile(Self.small.get())
        defer { try? FileManager.default.removeItem(atPath: file.folder) }
        var (workspace, _) = try Self.load(file.path)
        var lead = workspace.leads[5]
        lead.name = "Saved Name"
        try workspace.leads.replace(lead)
        let bytes = WorkspaceCodec.encode(workspace)
        try AtomicFile.replace(file.path, with: bytes)
        WorkspaceSnapshot.didSave(path: file.path, size: bytes.count, policy: Self.policy)
        let (reopened, outcome) = try Self.load(file.path)
        #expect(outcome == .read)
        #expect(reopened.leads[5].name == "Saved Name")
        try Self.expectSame(reopened, try Self.load(file.path, .off).0)
    }

    @Test("every stored column of LeadColumns has a snapshot section")
    func everyColumnCovered() {
        #expect(Mirror(reflecting: LeadColumns()).children.count == SnapshotTable.coveredColumnFields,
                "a column was added to LeadColumns: write and read it in SnapshotTable and bump SnapshotFormat.version")
    }
}
