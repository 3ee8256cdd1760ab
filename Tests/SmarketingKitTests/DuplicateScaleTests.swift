import Foundation
import Testing
@testable import SmarketingKit

/// `dupes` by blocking gives exactly the groups of comparing every pair, keeps its answer
/// per version of the leads, stops when asked, and is the one definition behind the
/// computed field `dupes`.
@Suite("Duplicates at scale")
struct DuplicateScaleTests {
    /// Leads with planted near-duplicates: few companies, names with typos and accents,
    /// shared emails and phones written differently.
    static func leads(_ count: Int) -> [Lead] {
        let firsts = ["Ștefan", "Stefan", "Anna", "Ana", "Jörg", "Jorg", "Somchai", "สมชาย", "李", "Maria", "Marja", "Karin"]
        let lasts = ["Țăranu", "Taranu", "Lindqvist", "Lindkvist", "Åkesson", "Akeson", "Popescu", "Popesku", "王"]
        let companies = ["Nordvik AB", "NORDVIK", "Van Dijk B.V.", "Van Dijk BV", "Brașov Logistică SRL", "บริษัท สยาม จำกัด", nil]
        var state: UInt64 = 42
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        return (0..<count).map { i in
            let name = next(10) == 0 ? nil : firsts[next(firsts.count)] + " " + lasts[next(lasts.count)]
            let email = next(3) == 0 ? nil : (next(2) == 0 ? " U\(next(count / 3 + 1))@X.se" : "u\(next(count / 3 + 1))@x.se")
            let phone = next(2) == 0 ? nil : (next(2) == 0 ? "+46 70 \(100_000 + next(count))" : "070-\(100_000 + next(count))")
            return Lead(id: "L-\(i)", name: name, email: email, phone: phone, company: companies[next(companies.count)], stage: "lead")
        }
    }

    /// Every pair compared, by the rules in their plainest form: the reference.
    static func reference(_ leads: LeadStore, _ criteria: Set<Duplicates.Criterion>) -> [[Int]] {
        let contacts = (0..<leads.count).map { leads.contact(at: $0) }
        var parent = Array(0..<leads.count)
        func root(_ x: Int) -> Int { parent[x] == x ? x : root(parent[x]) }
        func join(_ a: Int, _ b: Int) { let ra = root(a), rb = root(b); parent[max(ra, rb)] = min(ra, rb) }
        func same(_ a: String?, _ b: String?) -> Bool { a != nil && a == b && a?.isEmpty == false }
        for i in contacts.indices {
            for j in (i + 1)..<contacts.count {
                let x = contacts[i], y = contacts[j]
                if criteria.contains(.email), same(Duplicates.emailKey(x), Duplicates.emailKey(y)) { join(i, j) }
                if criteria.contains(.phone), same(Duplicates.phoneKey(x), Duplicates.phoneKey(y)) { join(i, j) }
                if criteria.contains(.company), same(x.company.map(Duplicates.companyKey), y.company.map(Duplicates.companyKey)) { join(i, j) }
                if criteria.contains(.name), let a = x.name, let b = y.name, let c = x.company, let d = y.company,
                   Duplicates.companyKey(c) == Duplicates.companyKey(d) {
                    if Duplicates.namesMatch(Array(TextFold.fold(a).unicodeScalars), Array(TextFold.fold(b).unicodeScalars)) { join(i, j) }
                }
            }
        }
        var members: [Int: [Int]] = [:]
        for row in contacts.indices { members[root(row), default: []].append(row) }
        return members.values.filter { $0.count > 1 }.sorted { $0[0] < $1[0] }
    }

    @Test("names match word by word: a typo in a long word, not another first or last name", arguments: [
        ("Nils Åkesson", "Nils Åkeson", true), ("Nicolò Colombo", "Niccolò Colombo", true), ("Bianca Stănescu", "Bianca Stanescu", true),
        ("Maria Lindqvist", "Marja Lindkvist", true), ("Femke van Dijk", "Femke vanDijk", true),
        ("Ioana Georgescu", "Irina Georgescu", false), ("Solveig Haugen", "Solveig Hansen", false), ("Olivia Taylor", "Oliver Taylor", false),
        ("Mikael Ekström", "Mikael Nyström", false), ("Anna Berg", "Ana Berg", false), ("王磊", "王强", false), ("伊藤翔太", "佐藤翔太", false),
        ("أحمد الشامسي", "محمد الشامسي", false), ("Ștefan Popescu", "Ștefan Ionescu", false),
    ])
    func names(a: String, b: String, same: Bool) {
        #expect(Duplicates.namesMatch(Array(TextFold.fold(a).unicodeScalars), Array(TextFold.fold(b).unicodeScalars)) == same)
    }

    @Test("blocking finds exactly the groups that comparing every pair finds", arguments: [
        Set<Duplicates.Criterion>([.email, .name, .phone]), [.name], [.email], [.phone], [.company],
    ])
    func exact(criteria: Set<Duplicates.Criterion>) throws {
        let leads = try LeadStore(Self.leads(400))
        let groups = try #require(Duplicates.compute(in: leads, by: criteria, isInterrupted: { false })).groups
        let expected = Self.reference(leads, criteria)
        #expect(groups.map(\.rows) == expected)
        #expect(!expected.isEmpty, "the fixture plants duplicates")
    }

    @Test("the answer is kept per version of the leads, and a change is seen")
    func kept() throws {
        var leads = try LeadStore(Self.leads(300))
        var computed = 0
        let first = Duplicates.find(in: leads, by: Duplicates.defaultCriteria) { computed += 1; return false }
        let again = Duplicates.find(in: leads, by: Duplicates.defaultCriteria) { computed += 1; return false }
        #expect(first == again)
        let polls = computed
        _ = Duplicates.find(in: leads, by: Duplicates.defaultCriteria) { computed += 1; return false }
        #expect(computed == polls, "the second and third calls compute nothing")
        // Give a lead with no duplicates the email of a lead in a group.
        let kept = try #require(first)
        let inGroup = kept.groups[0].rows[0]
        let alone = try #require((0..<leads.count).first { kept.others[$0] == 0 })
        var lead = leads[alone]
        lead.email = leads[inGroup].email ?? "u1@x.se"
        lead.name = nil
        lead.phone = nil
        if leads[inGroup].email == nil {
            var other = leads[inGroup]
            other.email = "u1@x.se"
            try leads.replace(other)
        }
        try leads.replace(lead)
        let after = try #require(Duplicates.find(in: leads, by: Duplicates.defaultCriteria))
        #expect(after.others[alone] > 0)
        #expect(after.groups.map(\.rows) == Self.reference(leads, Duplicates.defaultCriteria))
    }

    @Test("an interruption stops it and keeps nothing")
    func interrupted() throws {
        let leads = try LeadStore(Self.leads(5000))
        #expect(Duplicates.find(in: leads, by: Duplicates.defaultCriteria, isInterrupted: { true }) == nil)
        #expect(Duplicates.find(in: leads, by: Duplicates.defaultCriteria) != nil)
    }

    @Test("the computed field dupes counts the others in the lead's dupes group, by columns and by lead alike")
    func field() throws {
        let leads = try LeadStore(Self.leads(400))
        let workspace = Workspace(name: "t", leads: leads)
        let environment = QueryEnvironment(workspace: workspace, now: Date())
        let result = try #require(Duplicates.find(in: leads, by: Duplicates.defaultCriteria))
        let inGroups = Set(result.groups.flatMap(\.rows))
        let rows = try QueryCompiler.compileRows("dupes > 0", in: environment).rows(in: leads)
        #expect(Set(rows) == inGroups)
        let predicate = try QueryCompiler.compile("dupes > 0", in: environment)
        #expect(Set((0..<leads.count).filter { predicate(leads[$0]) }) == inGroups)
        for group in result.groups.prefix(5) {
            let twos = try QueryCompiler.compileRows("dupes = \(group.rows.count - 1)", in: environment).rows(in: leads)
            #expect(Set(group.rows).isSubset(of: Set(twos)))
        }
    }

    @Test("grows like n log n: 12,000 leads in one company take well under a second's worth of pairs")
    func grows() throws {
        // 12,000 leads at one company with 40 distinct names: pairwise would be 72M pairs.
        let leads = try LeadStore((0..<12_000).map { Lead(id: "L-\($0)", name: "Name \($0 % 40)", company: "Acme", stage: "lead") })
        let start = Date()
        let result = try #require(Duplicates.compute(in: leads, by: [.name], isInterrupted: { false }))
        #expect(Date().timeIntervalSince(start) < 20, "debug builds are slow; quadratic would take minutes")
        // Name 1 and Name 11 differ in a word too short for a typo: two people, so each
        // name's 300 leads are one group (identical names), and the 40 stay apart.
        #expect(result.groups.map(\.rows.count) == Array(repeating: 300, count: 40))
    }
}
