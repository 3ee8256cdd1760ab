import Foundation
import Testing
@testable import SmarketingKit
@testable import SmarketingShell

@Suite("Lead id search for completion")
struct LeadIDSearchTests {
    /// 100 000 leads, ids in order or shuffled (deterministically).
    static func store(shuffled: Bool) throws -> LeadStore {
        var ids = (1...100_000).map { String(format: "L-%06d", $0) }
        if shuffled {
            var state: UInt64 = 42
            for i in stride(from: ids.count - 1, to: 0, by: -1) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                ids.swapAt(i, Int(state >> 33) % (i + 1))
            }
        }
        return try LeadStore(ids.map { Lead(id: $0, stage: "lead") })
    }

    @Test("the matches are the same whether the ids are in order or not; a cut list keeps the shared prefix",
          arguments: [false, true])
    func matches(shuffled: Bool) throws {
        let leads = try Self.store(shuffled: shuffled)
        let few = LeadIDSearch.ids(startingWith: "l-0999", in: leads, limit: 200)
        #expect(few.sorted() == (99_900...99_999).map { String(format: "L-%06d", $0) })
        #expect(LeadIDSearch.ids(startingWith: "L-2", in: leads, limit: 200).isEmpty)
        let many = LeadIDSearch.ids(startingWith: "L-0", in: leads, limit: 200)
        #expect((200...201).contains(many.count))
        #expect(many.allSatisfy { $0.hasPrefix("L-0") })
        // What TAB would insert: the prefix all 100 000 share, not the "L-0000" of the first 200.
        #expect(LineEditorPrefix.longestCommon(many) == "L-0")
    }
}

/// The longest common prefix, as the line editor computes it before inserting.
enum LineEditorPrefix {
    static func longestCommon(_ strings: [String]) -> String {
        guard var prefix = strings.first.map(Array.init) else { return "" }
        for string in strings.dropFirst() {
            prefix = Array(zip(prefix, string).prefix { $0 == $1 }.map(\.0))
        }
        return String(prefix)
    }
}
