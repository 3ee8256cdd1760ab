import Foundation
import Testing
@testable import SmarketingKit

/// `find` from the folded-text index answers exactly what decoding and searching every
/// lead answers, in every script, and stays right as leads change.
@Suite("Search index")
struct SearchIndexTests {
    /// Needles: fixed ones in every script the demo uses, and pieces of random leads' text.
    static func needles(_ workspace: Workspace) -> [String] {
        var generator = SplitMix(seed: 11)
        var needles = ["lofgren", "stefan", "ștefan", "Țăranu", "taranu", "nordvik", "popescu", "a", "sap", "chose competitor",
                       "zzqx", "ș", "ț", "göteborg", "van d", "pricing", "สมชาย", "ใจดี", "東京", "李", "@", ".se", "call: ", "e", "ı"]
        for _ in 0..<60 {
            let lead = workspace.leads[Int.random(in: 0..<workspace.leads.count, using: &generator)]
            let texts = SearchPrefilterTests.texts(lead)
            guard let text = texts.randomElement(using: &generator) else { continue }
            let folded = Array(TextFold.fold(text))
            guard folded.count > 2 else { continue }
            let start = Int.random(in: 0..<(folded.count - 2), using: &generator)
            needles.append(String(folded[start..<min(folded.count, start + Int.random(in: 1...9, using: &generator))]))
        }
        return needles
    }

    @Test("the index finds exactly the leads a full scan finds, at the same place, in every script")
    func exact() throws {
        let workspace = try Workspace.load(path: Fixtures.demo)
        var found = 0
        for needle in Self.needles(workspace) {
            let indexed = try #require(workspace.leads.find(needle))
            let scanned = try #require(workspace.leads.scan(TextFold.fold(needle)))
            #expect(indexed == scanned, "find '\(needle)'")
            found += indexed.count
        }
        #expect(found > 500, "the needles do find leads")
        #expect(workspace.leads.find("ștefan")?.isEmpty == false, "ș folds to s")
        #expect(workspace.leads.find("zzqx") == [])
    }

    @Test("edited, inserted and removed leads are found as they are now")
    func changes() throws {
        var workspace = try Workspace.load(path: Fixtures.demo)
        _ = workspace.leads.find("warmup")
        var lead = workspace.leads[5]
        lead.name = "Zoë Quixote-Ștefănescu"
        try workspace.leads.replace(lead)
        try workspace.leads.insert(Lead(id: "L-NEW", name: "Quixote Mărgărit", company: "東京 Quixote", stage: "lead"), at: 2)
        let removed = workspace.leads[9]
        try workspace.leads.remove(id: removed.id)
        for needle in ["quixote", "stefanescu", "margarit", "東京", removed.name.map(TextFold.fold) ?? "x"] {
            #expect(workspace.leads.find(needle) == workspace.leads.scan(TextFold.fold(needle)), "find '\(needle)'")
        }
        #expect(workspace.leads.find("quixote")?.map { workspace.leads.id(at: $0.row) } == ["L-NEW", lead.id])
    }

    @Test("a lead is found by part of its id, hash ids included, as a full scan finds it")
    func ids() throws {
        var workspace = try Workspace.load(path: Fixtures.demo)
        let hashID = "dac32acd5a5e4b07a3c1e0f3b9d2c7aa"
        try workspace.leads.insert(Lead(id: hashID, name: "Olist Seller", stage: "lead"), at: 0)
        var generator = SplitMix(seed: 5)
        var needles = ["dac32acd", "DAC32ACD", "5a5e4b07"]
        for _ in 0..<20 {
            let row = Int.random(in: 0..<workspace.leads.count, using: &generator)
            needles.append(workspace.leads.id(at: row))
        }
        for needle in needles {
            let indexed = try #require(workspace.leads.find(needle))
            #expect(indexed == workspace.leads.scan(TextFold.fold(needle)), "find '\(needle)'")
            #expect(indexed.contains { workspace.leads.id(at: $0.row).lowercased().contains(needle.lowercased()) }, "find '\(needle)' finds its lead")
        }
        let hit = try #require(workspace.leads.find("dac32acd")?.first)
        #expect(workspace.leads.id(at: hit.row) == hashID && hit.place == .id)
        // Loaded leads (from the index, not edited): ids found as well.
        let loaded = try Workspace.load(path: Fixtures.demo)
        let id = loaded.leads.id(at: 17)
        #expect(loaded.leads.find(id)?.map(\.row).contains(17) == true)
        #expect(loaded.leads.find(id) == loaded.leads.scan(TextFold.fold(id)))
    }

    @Test("a find that wants the notes of its first hits only finds the same leads at the same places", arguments: [0, 1, 3, 40])
    func notesOfTheFirstHits(limit: Int) throws {
        var workspace = try Workspace.load(path: Fixtures.demo)
        // An edited lead is searched decoded, not through the index: capped as well.
        var lead = workspace.leads[2]
        lead.activities.append(Activity(at: Date(timeIntervalSince1970: 1_790_000_000), type: "call", by: "ana", note: "pricing question"))
        _ = try workspace.leads.replace(lead)
        for needle in ["pricing", "demo", "nordvik"] {
            let all = try #require(workspace.leads.find(needle))
            let capped = try #require(workspace.leads.find(needle, textsFor: limit))
            #expect(all.count > limit || needle == "nordvik", "'\(needle)' has more hits than the cap")
            #expect(capped.map(\.row) == all.map(\.row) && capped.map(\.place) == all.map(\.place), "find '\(needle)'")
            #expect(Array(capped.prefix(limit)) == Array(all.prefix(limit)), "find '\(needle)': the first hits' notes")
            #expect(capped.dropFirst(limit).allSatisfy { $0.text == nil }, "find '\(needle)': no note past the cap")
            #expect(all.dropFirst(limit).contains { $0.text != nil } || needle == "nordvik", "find '\(needle)': the uncapped hits have notes")
        }
    }

    @Test("an interrupted first find builds nothing and answers nil")
    func interrupted() throws {
        let workspace = try Workspace.load(path: Fixtures.demo)
        #expect(workspace.leads.find("nordvik", isInterrupted: { true }) == nil)
        #expect(workspace.leads.find("nordvik")?.isEmpty == false)
    }

    @Test("the raw note reader agrees with the decoded leads, escapes and odd layouts included")
    func rawNotes() throws {
        let text = #"{"id": "L-1", "history": [{"to": "lead", "note": "a \"quoted\" note"}, {"note": null}], "activities": [ { "note" : "caf\u00e9" , "x": [1, {"note": "no"}] } ], "feedback": [{"reason": "why"}], "fields": {"note": "not searched"}}"#
        let bytes = Array(text.utf8)
        let notes = bytes.withUnsafeBufferPointer { RawNotes.find(in: $0, 0..<bytes.count) }
        #expect(notes == [["café"], ["a \"quoted\" note"], ["why"]])
        let twice = Array(#"{"activities": [{"note": "a", "note": "b"}]}"#.utf8)
        #expect(twice.withUnsafeBufferPointer { RawNotes.find(in: $0, 0..<twice.count) } == nil, "a repeated key: decode the lead instead")
    }
}
