import Foundation
import Testing
@testable import SmarketingKit

/// The streaming decoder's shortcuts (strings scanned a word at a time and jumping to
/// their first special byte; a date on the day of the previous one reusing its day) must
/// read exactly what the tree decoder reads, and refuse exactly what it refuses.
@Suite("Stream decoder shortcuts")
struct StreamDecoderScanTests {
    /// A workspace of one lead per name, each with an activity at each date.
    static func document(names: [String], dates: [String]) -> [UInt8] {
        var leads: [String] = []
        for (k, name) in names.enumerated() {
            let activities = dates.map { "{\"at\": \"\($0)\", \"type\": \"call\", \"by\": \"ana\", \"note\": \(name)}" }
            leads.append("{\"id\": \"L-\(k)\", \"name\": \(name), \"stage\": \"lead\", \"activities\": [\(activities.joined(separator: ", "))]}")
        }
        return Array("{\"format\": \"smk-workspace\", \"version\": 1, \"leads\": [\n\(leads.joined(separator: ",\n"))\n]}".utf8)
    }

    /// Names whose quote, escape or non-ASCII letter falls at every place of a word.
    static var names: [String] {
        var names: [String] = []
        for length in 0..<18 {
            let plain = String(repeating: "a", count: length)
            names.append("\"\(plain)\"")
            names.append("\"\(plain)\\\"q\"")
            names.append("\"\(plain)\\\\x\"")
            names.append("\"\(plain)Löfgren ș ț 東京\"")
            names.append("\"\(plain)\\n\(plain)\"")
        }
        return names
    }

    @Test("strings with special bytes at every offset decode as the tree decoder reads them")
    func specialBytesEverywhere() throws {
        let bytes = Self.document(names: Self.names, dates: ["2026-10-01T09:00:00Z"])
        let streamed = try #require(try WorkspaceCodec.decodeStreaming(bytes, path: nil, defaultName: "w"))
        let tree = try WorkspaceCodec.decodeTree(bytes, path: nil, defaultName: "w")
        #expect(streamed.leads.table.whole.isEmpty, "every lead was read from the bytes")
        #expect(streamed.leads.all == tree.leads.all)
        #expect(streamed.leads.all.map(\.name) == tree.leads.all.map(\.name))
        #expect(WorkspaceCodec.encode(streamed) == WorkspaceCodec.encode(tree))
    }

    @Test("a control byte or broken UTF-8 at any offset is refused as the tree decoder refuses it",
          arguments: [Array("\u{01}".utf8), [0xC3], [0xED, 0xA0, 0x80]])
    func badBytesRefused(bad: [UInt8]) throws {
        for length in 0..<17 {
            var bytes = Self.document(names: ["\"x\""], dates: ["2026-10-01T09:00:00Z"])
            let at = try #require(bytes.firstIndex(of: UInt8(ascii: "x")))
            bytes.replaceSubrange(at...at, with: Array(repeating: UInt8(ascii: "b"), count: length) + bad + Array("yz".utf8))
            #expect(try WorkspaceCodec.decodeStreaming(bytes, path: nil, defaultName: "w") == nil, "offset \(length)")
            #expect(throws: WorkspaceError.self) { try WorkspaceCodec.decode(bytes) }
        }
    }

    @Test("dates on the same day, on other days and at impossible times read as the tree decoder reads them")
    func datesOnOneDay() throws {
        let dates = ["2026-10-01T09:00:00Z", "2026-10-01T23:59:60Z", "2026-10-01T00:00:00Z", "2026-10-02T00:00:01Z",
                     "2026-10-02T13:07:09Z", "2024-02-29T12:00:00Z", "2024-02-29T12:00:00.250Z", "2024-02-29T12:00:00+02:00",
                     "2024-02-29", "2024-02-29T18:30:00Z"]
        let bytes = Self.document(names: ["\"a\"", "\"b\""], dates: dates)
        let streamed = try #require(try WorkspaceCodec.decodeStreaming(bytes, path: nil, defaultName: "w"))
        let tree = try WorkspaceCodec.decodeTree(bytes, path: nil, defaultName: "w")
        #expect(streamed.leads.all == tree.leads.all)
        let columns = streamed.leads.table.columns
        for row in 0..<tree.leads.count {
            let lead = tree.leads[row]
            #expect(columns.activityRange(of: row).map { columns.activityAt[$0] } == lead.activities.map(\.at.timeIntervalSinceReferenceDate))
            #expect(columns.numbers[NumberField.lastTouched.rawValue][row] == lead.lastTouched?.timeIntervalSinceReferenceDate)
        }
        #expect(WorkspaceCodec.encode(streamed) == WorkspaceCodec.encode(tree))
        for impossible in ["2026-10-01T24:00:00Z", "2026-10-01T09:60:00Z", "2026-10-01T09:00:61Z", "2026-10-01T0x:00:00Z"] {
            let bad = Self.document(names: ["\"a\""], dates: ["2026-10-01T09:00:00Z", impossible])
            #expect(try WorkspaceCodec.decodeStreaming(bad, path: nil, defaultName: "w") == nil, "\(impossible)")
            #expect(throws: WorkspaceError.self, "\(impossible)") { try WorkspaceCodec.decode(bad) }
        }
    }
}
