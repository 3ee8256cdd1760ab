import Foundation

/// Finding leads that are likely the same person: same email (case and spaces aside),
/// a near-identical name at the same company (accents, case and a typo or two aside), or
/// the same phone number (its last nine digits, so "+66 88…" meets "088-…").
public enum Duplicates {
    public enum Criterion: String, Sendable, CaseIterable {
        case email, name, company, phone
    }

    /// A group of rows that look alike, and by what.
    public struct Group: Sendable, Equatable {
        public var rows: [Int]
        public var matchedBy: Set<Criterion>
    }

    /// Groups of two or more leads, each group's rows in file order, groups by first row.
    public static func groups(in leads: LeadStore, by criteria: Set<Criterion>) -> [Group] {
        var parent = Array(0..<leads.count)
        var how: [Int: Set<Criterion>] = [:]
        func root(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        func join(_ a: Int, _ b: Int, _ criterion: Criterion) {
            let ra = root(a), rb = root(b)
            let merged = (how[ra] ?? []).union(how[rb] ?? []).union([criterion])
            if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
            how[min(ra, rb)] = merged
        }
        let contacts = (0..<leads.count).map { leads.contact(at: $0) }
        func byKey(_ criterion: Criterion, _ key: (ContactDetails) -> String?) {
            var first: [String: Int] = [:]
            for row in 0..<leads.count {
                guard let k = key(contacts[row]), !k.isEmpty else { continue }
                if let earlier = first[k] { join(earlier, row, criterion) } else { first[k] = row }
            }
        }
        if criteria.contains(.email) { byKey(.email) { $0.email?.trimmingCharacters(in: .whitespaces).lowercased() } }
        if criteria.contains(.phone) {
            byKey(.phone) { lead in
                let digits = (lead.phone ?? "").filter(\.isNumber)
                return digits.count >= 8 ? String(digits.suffix(9)) : nil
            }
        }
        if criteria.contains(.company) { byKey(.company) { $0.company.map(companyKey) } }
        if criteria.contains(.name) {
            // Within one company, names a couple of edits apart.
            // Names as Unicode scalars: folding has removed the accents, so a scalar is a
            // letter, and comparing scalars is many times faster than comparing Characters.
            var byCompany: [String: [(row: Int, name: [Unicode.Scalar])]] = [:]
            for row in 0..<leads.count {
                let lead = contacts[row]
                guard let name = lead.name, let company = lead.company else { continue }
                let folded = Array(TextFold.fold(name).unicodeScalars)
                let key = companyKey(company)
                let limit = max(1, min(2, folded.count / 6))
                // Names whose lengths differ by more than the limit are that many edits apart.
                for other in byCompany[key] ?? [] where abs(other.name.count - folded.count) <= limit
                    && Suggestion.editDistance(other.name, folded) <= limit {
                    join(other.row, row, .name)
                }
                byCompany[key, default: []].append((row, folded))
            }
        }
        var members: [Int: [Int]] = [:]
        for row in 0..<leads.count { members[root(row), default: []].append(row) }
        return members.filter { $0.value.count > 1 }.sorted { $0.key < $1.key }
            .map { Group(rows: $0.value, matchedBy: how[$0.key] ?? []) }
    }

    /// A company name without case, accents, punctuation or legal form: "Nordvik AB" and
    /// "NORDVIK" meet, as do "Van Dijk B.V." and "Van Dijk BV".
    public static func companyKey(_ company: String) -> String {
        let words = TextFold.fold(company).split { !$0.isLetter && !$0.isNumber && $0 != "." }
            .map { $0.replacingOccurrences(of: ".", with: "") }
            .filter { !$0.isEmpty && !legalForms.contains($0) }
        return words.joined(separator: " ")
    }

    static let legalForms: Set<String> = ["ab", "bv", "nv", "srl", "sa", "spa", "srl", "sas", "ltd", "gmbh", "co", "inc", "oy", "as",
                                          "บรษท", "จากด", "บริษัท", "จำกัด"]
}
