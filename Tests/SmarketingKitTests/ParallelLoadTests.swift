import Foundation
import Synchronization
import Testing
@testable import SmarketingKit

/// Loading on both cores (issue 18, item 7): the leads decoded in two halves joined
/// give exactly the table one pass gives, whatever the cut, and refuse what it refuses.
@Suite("Parallel load")
struct ParallelLoadTests {
    /// `count` leads in smk's layout: the demo's first leads with new ids, some with an
    /// escaped name (arena text), tags, unknown keys and a lead left to the tree decoder,
    /// so every kind of per-decoder numbering is exercised across the cut.
    static func leadsArray(_ count: Int, duplicateAt: Int? = nil, brokenAt: Int? = nil) throws -> [UInt8] {
        let demo = try DemoLines.all()
        let whole = try String(contentsOfFile: Fixtures.demo, encoding: .utf8)
        let open = try #require(whole.range(of: "\"leads\": ["))
        let close = try #require(whole.range(of: "\n  ]", range: open.upperBound..<whole.endIndex))
        var text = String(whole[..<open.upperBound])
        for k in 0..<count {
            var line = demo[k % demo.count]
            let id = k == duplicateAt ? "P-0" : "P-\(k)"
            let old = try #require(line.range(of: #"^\{"id": "[^"]+""#, options: .regularExpression))
            line.replaceSubrange(old, with: #"{"id": "\#(id)""#)
            if k % 7 == 3 { line = line.replacingOccurrences(of: #""name": ""#, with: #""name": "\u00c9 "#) }
            if k % 11 == 5 { line = line.replacingOccurrences(of: #"{"id""#, with: #"{"zz": [1, {"a": 2}], "id""#) }
            if k % 97 == 50, let tags = line.range(of: #""tags": ["#) {
                let empty = line[tags.upperBound...].hasPrefix("]")
                line.replaceSubrange(tags, with: empty ? #""tags": ["x\u00e9""# : #""tags": ["x\u00e9", "#)
            }
            if k == brokenAt { line = line.replacingOccurrences(of: #""stage": ""#, with: #""stage": 12, "x": ""#) }
            text += (k == 0 ? "\n    " : ",\n    ") + line
        }
        text += whole[close.lowerBound...]
        return Array(text.utf8)
    }

    static func decode(_ bytes: [UInt8], split: Int?) throws(StreamRefusal) -> LeadTable {
        let start = try leadsStart(bytes)
        return try bytes.withUnsafeBufferPointer { buffer throws(StreamRefusal) in
            try LeadStreamDecoder.decode(buffer, source: FileBytes(bytes), at: start, funnel: demoFunnel, split: split).table
        }
    }

    static let demoFunnel = (try? Workspace.load(path: Fixtures.demo, snapshot: .off).funnel) ?? .standard

    static func sections(_ table: LeadTable) throws -> [UInt8] {
        try SnapshotTests.sections(table)
    }

    @Test("two halves joined give the one-pass table, cut at a lead or inside one", arguments: [0.5, 0.13, 0.77, 0.5001])
    func sameTable(fraction: Double) throws {
        let bytes = try Self.leadsArray(1_500)
        let serial = try Self.decode(bytes, split: nil)
        // At a lead boundary near the fraction, or (0.5001) wherever that byte is.
        var cut = Int(Double(bytes.count) * fraction)
        if fraction != 0.5001 { cut = try #require(LeadStreamDecoder.splitPoint(bytes, from: cut)) }
        let joined = LeadStreamDecoder.halvesJoined.load(ordering: .relaxed)
        let parallel = try Self.decode(bytes, split: cut)
        if fraction != 0.5001 { #expect(LeadStreamDecoder.halvesJoined.load(ordering: .relaxed) > joined, "the halves were joined") }
        #expect(parallel.count == 1_500)
        #expect(try Self.sections(parallel) == Self.sections(serial))
        #expect(parallel.whole == serial.whole)
        #expect(!serial.whole.isEmpty && serial.columns.arena.count > 0, "the data exercises kept leads and the arena")
        for row in stride(from: 0, to: 1_500, by: 37) {
            #expect(parallel.row(of: serial.id(at: row)) == row)
            #expect(parallel.lead(at: row) == serial.lead(at: row))
        }
    }

    @Test("a repeated id across the cut and an error after it are refused as in one pass")
    func refusals() throws {
        for bytes in [try Self.leadsArray(800, duplicateAt: 700), try Self.leadsArray(800, brokenAt: 650)] {
            let cut = try #require(LeadStreamDecoder.splitPoint(bytes, from: bytes.count / 2))
            #expect(throws: StreamRefusal.self) { try Self.decode(bytes, split: nil) }
            #expect(throws: StreamRefusal.self) { try Self.decode(bytes, split: cut) }
            // And the whole document gets the tree decoder's message, naming the lead.
            #expect(throws: WorkspaceError.self) { try WorkspaceCodec.decode(bytes, path: "p.json") }
        }
    }

    @Test("a 10k workspace is not cut: below the threshold the load is one pass")
    func smallNotCut() throws {
        let bytes = try Self.leadsArray(2_000)
        #expect(bytes.count < LeadStreamDecoder.parallelMinimumBytes)
        #expect(bytes.withUnsafeBufferPointer { LeadStreamDecoder.splitPoint($0, from: 0) } == nil)
    }
}

extension LeadStreamDecoder {
    /// `splitPoint` over an array's bytes, for tests.
    static func splitPoint(_ bytes: [UInt8], from offset: Int) -> Int? {
        bytes.withUnsafeBufferPointer { buffer in
            // The threshold is the program's; tests cut small arrays, so look from `offset` directly.
            let pattern = Array("{\"id\"".utf8)
            var k = offset
            while k + pattern.count < buffer.count {
                if Array(buffer[k..<(k + pattern.count)]) == pattern {
                    var back = k - 1
                    while back > 0, [0x20, 0x0A, 0x0D, 0x09].contains(buffer[back]) { back -= 1 }
                    if buffer[back] == UInt8(ascii: ",") { return k }
                }
                k += 1
            }
            return nil
        }
    }
}

/// Where the `leads` array starts (its `[`).
func leadsStart(_ bytes: [UInt8]) throws(StreamRefusal) -> Int {
    let text = Array("\"leads\": [".utf8)
    for k in 0..<(bytes.count - text.count) where Array(bytes[k..<(k + text.count)]) == text { return k + text.count - 1 }
    throw StreamRefusal()
}

enum DemoLines {
    /// The demo's lead lines as smk saved them.
    static func all() throws -> [String] {
        let text = try String(contentsOfFile: Fixtures.demo, encoding: .utf8)
        return text.split(separator: "\n").filter { $0.hasPrefix("    {\"id\": \"L-") }.map {
            String($0.dropFirst(4).hasSuffix(",") ? $0.dropFirst(4).dropLast() : $0.dropFirst(4))
        }
    }
}
