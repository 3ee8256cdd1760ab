import Foundation
import Testing
@testable import SmarketingKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reopening from a snapshot maps the JSON file instead of reading it (issue 18, item 5),
/// only where smk never writes that file in place, and a table that maps a file keeps
/// its bytes when the file is written in place after all.
@Suite("Workspace snapshot: the mapped JSON")
struct SnapshotMappingTests {
    @Test("a reopen maps a file with one name and reads a file with two (hard links)")
    func mapsOnlySingleNames() throws {
        let file = try SnapshotTests.workspaceFile(SnapshotTests.small.get())
        defer { try? FileManager.default.removeItem(atPath: file.folder) }
        let (first, built) = try SnapshotTests.load(file.path)
        #expect(built == .rebuilt)
        #expect(!first.leads.table.source.isMapped)
        let (mapped, outcome) = try SnapshotTests.load(file.path)
        #expect(outcome == .read)
        #expect(mapped.leads.table.source.isMapped)
        try SnapshotTests.expectSame(mapped, try SnapshotTests.load(file.path, .off).0)

        #expect(link(file.path, file.folder + "/other.json") == 0)
        let (linked, linkedOutcome) = try SnapshotTests.load(file.path)
        #expect(linkedOutcome == .read)
        #expect(!linked.leads.table.source.isMapped)
    }

    @Test("a save in place of a file a table maps leaves the table the bytes it was decoded from")
    func detachBeforeWritingInPlace() throws {
        let file = try SnapshotTests.workspaceFile(SnapshotTests.small.get())
        defer { try? FileManager.default.removeItem(atPath: file.folder) }
        _ = try SnapshotTests.load(file.path)
        let (mapped, outcome) = try SnapshotTests.load(file.path)
        #expect(outcome == .read && mapped.leads.table.source.isMapped)
        let before = mapped.leads.all
        // A second name makes the save write in place, with a much shorter file: without
        // the private copies the table would read the new bytes, or fault past the end.
        #expect(link(file.path, file.folder + "/other.json") == 0)
        var smaller = mapped
        smaller.leads = try LeadStore(Array(before.prefix(2)))
        try AtomicFile.replace(file.path, with: WorkspaceCodec.encode(smaller))
        #expect(FileStamp.of(file.path).map { Int($0.size) < mapped.leads.table.source.count } == true)
        #expect(mapped.leads.all == before)
        #expect(before.indices.allSatisfy { mapped.leads.row(of: before[$0].id) == $0 })
        #expect(try SnapshotTests.load(file.path, .off).0.leads.count == 2)
    }

    @Test("an id index restored from a snapshot must hold each row once")
    func restoredIndexChecked() throws {
        var index = LeadIDIndex(capacity: 4)
        for row in 0..<4 { _ = index.insert(row: row, hash: UInt32(row * 7)) { _ in false } }
        let parts = index.parts
        #expect(LeadIDIndex(slots: parts.slots, hashes: parts.hashes, rows: 4) != nil)
        #expect(LeadIDIndex(slots: parts.slots, hashes: parts.hashes, rows: 5) == nil)
        var twice = parts.slots
        if let a = twice.firstIndex(of: 0), let b = twice.firstIndex(of: 1) { twice[b] = twice[a] }
        #expect(LeadIDIndex(slots: twice, hashes: parts.hashes, rows: 4) == nil)
        #expect(LeadIDIndex(slots: Array(parts.slots.dropLast()), hashes: parts.hashes, rows: 4) == nil)
    }
}
