import Foundation
import Testing
@testable import SmarketingKit
@testable import SmarketingShell

/// `sort` by a text column over many rows compares ranks of the folded text kept per
/// version of the leads; the order must be exactly the one folding every row gives.
@Suite("text sorts by kept ranks")
struct TextSortTests {
    /// Names in every script the demo uses, with case and accent variants (equal once
    /// folded, so ties fall to the row order) and leads without a name.
    static let names: [String?] = [
        "Ștefan Popescu", "stefan popescu", "Ştefan Popescu", "Țăranu Ioana", "taranu ioana", "Zoë Löfgren", "zoe lofgren",
        "Åsa Nilsson", "asa nilsson", "Øystein Berg", "Łukasz Nowak", "สมชาย ใจดี", "สมหญิง รักไทย", "東京 太郎", "李 明", "王 芳",
        "van der Berg", "Van Der Berg", "Émile Zola", "emile zola", "Ïda", "ıda", "Straße", "strasse", nil, "", "Ａ wide", "a",
    ]

    static func session(count: Int) throws -> Session {
        var leads: [Lead] = []
        for i in 0..<count {
            var lead = Lead(id: "L-\(i)", name: names[(i * 7919) % names.count], stage: "lead")
            lead.company = i % 5 == 0 ? nil : ["Nordvik", "Țesătoria", "東京 Co", "nordvik", "Acme"][(i * 31) % 5]
            leads.append(lead)
        }
        let sink = StringSink()
        return Session(workspace: Workspace(name: "sorts", leads: try LeadStore(leads)), path: nil, actor: "erik", out: sink, err: sink)
    }

    /// The order sorting by folded text gives (the comparison the listing makes per row:
    /// none after the texts both ways, ties by row).
    static func reference(_ rows: [Int], _ keys: [(field: String, descending: Bool)], _ leads: LeadStore) -> [Int] {
        func key(_ row: Int, _ field: String) -> QueryValue {
            let lead = leads[row]
            return (field == "name" ? lead.name : lead.company).map { .text(TextFold.fold($0)) } ?? .none
        }
        return rows.sorted { a, b in
            for (field, descending) in keys {
                let order = QueryValue.sortOrder(key(a, field), key(b, field), stages: nil)
                guard order != 0 else { continue }
                if case .none = key(a, field) { return false }
                if case .none = key(b, field) { return true }
                return descending ? order > 0 : order < 0
            }
            return a < b
        }
    }

    @Test("sorting by ranks gives the folded order, with and without a limit, both ways, on two keys",
          arguments: [[("name", false)], [("name", true)], [("company", false), ("name", true)], [("company", true), ("name", false)]])
    func exact(keys: [(String, Bool)]) throws {
        let session = try Self.session(count: 6000)
        let leads = session.workspace.leads
        let environment = QueryEnvironment(workspace: session.workspace, now: Date())
        var shape = ListingShape()
        shape.sort = keys.map { (LeadField.named($0.0)!, $0.1) }
        let rows = Array(0..<leads.count)
        #expect(rows.count >= LeadStore.sortRanksMinimumRows, "enough rows for the ranks to be used")
        let expected = Self.reference(rows, keys, leads)
        #expect(shape.apply(to: rows, in: session, environment: environment) == expected)
        for limit in [0, 1, 40, 500] {
            shape.limit = limit
            #expect(shape.apply(to: rows, in: session, environment: environment) == Array(expected.prefix(limit)), "limit \(limit)")
        }
        #expect(leads.sortRanks(of: LeadField.named("name")!, in: environment) != nil, "name has kept ranks")
        #expect(leads.sortRanks(of: LeadField.named("quadrant")!, in: environment) == nil, "computed text is folded per row")
    }

    @Test("the ranks follow the leads as they change")
    func edited() throws {
        let session = try Self.session(count: 5000)
        let environment0 = QueryEnvironment(workspace: session.workspace, now: Date())
        var shape = ListingShape()
        shape.sort = [(LeadField.named("name")!, false)]
        shape.limit = 400
        let before = shape.apply(to: Array(0..<session.workspace.leads.count), in: session, environment: environment0)
        var lead = session.workspace.leads[4321]
        lead.name = "AAA first now"
        try session.workspace.leads.replace(lead)
        let environment = QueryEnvironment(workspace: session.workspace, now: Date())
        let rows = Array(0..<session.workspace.leads.count)
        let sorted = shape.apply(to: rows, in: session, environment: environment)
        #expect(sorted.contains(4321) && !before.contains(4321), "the renamed lead moves up")
        #expect(sorted == Array(Self.reference(rows, [("name", false)], session.workspace.leads).prefix(400)))
    }
}
