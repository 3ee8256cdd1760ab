import Foundation

/// Finding leads that are likely the same person: same email (case and spaces aside),
/// a near-identical name at the same company (accents, case and a typo or two aside), or
/// the same phone number (its last nine digits, so "+66 88…" meets "088-…").
///
/// One definition serves `dupes` and the computed field `dupes` (how many other leads
/// share the lead's group under the default criteria), and one answer is kept per
/// version of the leads (`TableMemo`), so `count where dupes > 0` after `dupes` costs a
/// lookup.
///
/// It grows like n log n: emails, phones and companies meet through hash keys; names
/// are compared only inside one company, and there only as distinct folded names
/// (identical names join at once), with each pair of names compared once per run
/// whichever companies they meet in. A company with more than `distinctNameCap`
/// distinct names is not compared name by name (identical names still join) and is
/// reported in `Result.oversized`, instead of going quadratic.
public enum Duplicates {
    public enum Criterion: String, Sendable, CaseIterable {
        case email, name, company, phone

        public var bit: UInt8 { 1 << UInt8(Self.allCases.firstIndex(of: self) ?? 0) }
    }

    /// The criteria `dupes` uses without `by`, and the computed field `dupes`.
    public static let defaultCriteria: Set<Criterion> = [.email, .name, .phone]

    /// Distinct folded names one company may have before its names are compared only
    /// for equality.
    public static let distinctNameCap = 3000

    /// A group of rows that look alike, and by what.
    public struct Group: Sendable, Equatable {
        public var rows: [Int]
        public var matchedBy: Set<Criterion>
        /// Per row (in `rows`' order), the criteria by which that lead was joined to
        /// another of the group, as `Criterion.bit`s: see `reasons(at:)`.
        var why: [UInt8] = []

        /// What the lead at `rows[k]` shares with another lead of the group: a group
        /// joined by email and by name holds leads in by their email and others by
        /// their name, and the group's criteria on every row said neither which.
        public func reasons(at k: Int) -> Set<Criterion> {
            Set(Criterion.allCases.filter { reasonBits(at: k) & $0.bit != 0 })
        }

        /// `reasons(at:)` as `Criterion.bit`s, for a listing that looks its words up
        /// once per combination instead of building a set per row.
        public func reasonBits(at k: Int) -> UInt8 {
            k < why.count ? why[k] : Criterion.allCases.filter(matchedBy.contains).reduce(0) { $0 | $1.bit }
        }
    }

    /// Every group, and what was left uncompared.
    public struct Result: Sendable, Equatable {
        /// Groups of two or more leads, each group's rows in file order, groups by first row.
        public var groups: [Group]
        /// Per row, how many other leads are in its group.
        public var others: [Int32]
        /// Companies (as written by their first lead) with too many distinct names to
        /// compare each pair: there only identical names were joined.
        public var oversized: [String]
    }

    /// Groups of two or more leads, each group's rows in file order, groups by first row.
    public static func groups(in leads: LeadStore, by criteria: Set<Criterion>) -> [Group] {
        find(in: leads, by: criteria)?.groups ?? []
    }

    /// The groups of `leads` by `criteria`, from the answer kept for this version of the
    /// leads when there is one; nil when `isInterrupted` said stop.
    public static func find(in leads: LeadStore, by criteria: Set<Criterion>,
                            isInterrupted: () -> Bool = { false }) -> Result? {
        let slot = "dupes:" + Criterion.allCases.filter(criteria.contains).map(\.rawValue).joined(separator: ",")
        return leads.table.memo.value(slot, key: leads.edits) {
            compute(in: leads, by: criteria, isInterrupted: isInterrupted)
        }
    }

    /// The work behind `find`, without the memo.
    static func compute(in leads: LeadStore, by criteria: Set<Criterion>, isInterrupted: () -> Bool) -> Result? {
        let count = leads.count
        var sets = DisjointSets(count: count)
        var contacts: [ContactDetails] = []
        contacts.reserveCapacity(count)
        for row in 0..<count {
            if row & 0xFFF == 0, isInterrupted() { return nil }
            contacts.append(leads.contact(at: row))
        }
        func byKey(_ criterion: Criterion, _ key: (ContactDetails) -> String?) -> Bool {
            var first: [String: Int] = [:]
            for row in 0..<count {
                if row & 0xFFF == 0, isInterrupted() { return false }
                guard let k = key(contacts[row]), !k.isEmpty else { continue }
                if let earlier = first[k] { sets.join(earlier, row, criterion.bit) } else { first[k] = row }
            }
            return true
        }
        if criteria.contains(.email), !byKey(.email, emailKey) { return nil }
        if criteria.contains(.phone), !byKey(.phone, phoneKey) { return nil }
        var companyKeys = CompanyKeys()
        if criteria.contains(.company), !byKey(.company, { $0.company.map { companyKeys.key(of: $0) } }) { return nil }
        var oversized: [String] = []
        if criteria.contains(.name) {
            guard let names = NameComparison.run(contacts, &sets, &companyKeys, isInterrupted) else { return nil }
            oversized = names
        }
        return sets.result(oversized: oversized)
    }

    /// An email without case or surrounding spaces.
    static func emailKey(_ lead: ContactDetails) -> String? {
        lead.email?.trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// A phone number's last nine digits, when it has at least eight.
    static func phoneKey(_ lead: ContactDetails) -> String? {
        let digits = (lead.phone ?? "").filter(\.isNumber)
        return digits.count >= 8 ? String(digits.suffix(9)) : nil
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

/// Company keys worked out once per distinct company text: a million leads name a few
/// thousand companies.
struct CompanyKeys {
    private var known: [String: String] = [:]

    mutating func key(of company: String) -> String {
        if let key = known[company] { return key }
        let key = Duplicates.companyKey(company)
        known[company] = key
        return key
    }
}

/// Names a couple of edits apart within one company.
enum NameComparison {
    /// Joins the rows whose names match; returns the oversized companies, or nil when
    /// interrupted.
    static func run(_ contacts: [ContactDetails], _ sets: inout DisjointSets, _ companyKeys: inout CompanyKeys,
                    _ isInterrupted: () -> Bool) -> [String]? {
        // Names as Unicode scalars: folding has removed the accents, so a scalar is a
        // letter, and comparing scalars is many times faster than comparing Characters.
        var nameIDs: [String: Int32] = [:]
        var names: [[Unicode.Scalar]] = []
        var companyIDs: [String: Int32] = [:]
        var companyShown: [String] = []
        var entries: [(company: Int32, name: Int32, row: Int32)] = []
        for (row, lead) in contacts.enumerated() {
            if row & 0xFFF == 0, isInterrupted() { return nil }
            guard let name = lead.name, let company = lead.company else { continue }
            let nameID: Int32
            if let known = nameIDs[name] { nameID = known } else {
                nameID = Int32(names.count)
                names.append(Array(TextFold.fold(name).unicodeScalars))
                nameIDs[name] = nameID
            }
            let key = companyKeys.key(of: company)
            let companyID: Int32
            if let known = companyIDs[key] { companyID = known } else {
                companyID = Int32(companyShown.count)
                companyShown.append(company)
                companyIDs[key] = companyID
            }
            entries.append((companyID, nameID, Int32(row)))
        }
        // Names that differ only in what folding removes are one name.
        var foldedIDs: [[Unicode.Scalar]: Int32] = [:]
        var canonical = [Int32](repeating: 0, count: names.count)
        for (id, folded) in names.enumerated() {
            if let known = foldedIDs[folded] { canonical[id] = known } else {
                foldedIDs[folded] = Int32(id)
                canonical[id] = Int32(id)
            }
        }
        for i in entries.indices { entries[i].name = canonical[Int(entries[i].name)] }
        entries.sort { ($0.company, $0.name, $0.row) < ($1.company, $1.name, $1.row) }

        var verdicts: [UInt64: Bool] = [:]
        func close(_ a: Int32, _ b: Int32) -> Bool {
            let pair = UInt64(UInt32(min(a, b))) << 32 | UInt64(UInt32(max(a, b)))
            if let known = verdicts[pair] { return known }
            let verdict = Duplicates.namesMatch(names[Int(a)], names[Int(b)])
            verdicts[pair] = verdict
            return verdict
        }
        var oversized: [String] = []
        var start = 0
        var compared = 0
        while start < entries.count {
            let company = entries[start].company
            var end = start
            // Distinct names in this company, each with its first row.
            var distinct: [(name: Int32, row: Int)] = []
            while end < entries.count, entries[end].company == company {
                let entry = entries[end]
                if let last = distinct.last, last.name == entry.name {
                    sets.join(last.row, Int(entry.row), Duplicates.Criterion.name.bit)
                } else {
                    distinct.append((entry.name, Int(entry.row)))
                }
                end += 1
            }
            if distinct.count > Duplicates.distinctNameCap {
                oversized.append(companyShown[Int(company)])
            } else {
                for i in distinct.indices {
                    for j in (i + 1)..<max(distinct.count, i + 1) {
                        compared += 1
                        if compared & 0xFFFF == 0, isInterrupted() { return nil }
                        if close(distinct[i].name, distinct[j].name) {
                            sets.join(distinct[i].row, distinct[j].row, Duplicates.Criterion.name.bit)
                        }
                    }
                }
            }
            start = end
        }
        return oversized
    }
}

/// Union-find over rows, remembering by which criteria each set was joined.
struct DisjointSets {
    private var parent: [Int32]
    private var how: [UInt8]
    /// Per row, the criteria of the joins it took part in: why it is in its set.
    private var rowHow: [UInt8]

    init(count: Int) {
        parent = (0..<Int32(count)).map { $0 }
        how = Array(repeating: 0, count: count)
        rowHow = Array(repeating: 0, count: count)
    }

    mutating func root(_ x: Int) -> Int {
        var x = x
        while Int(parent[x]) != x {
            parent[x] = parent[Int(parent[x])]
            x = Int(parent[x])
        }
        return x
    }

    /// Puts `a` and `b` in one set (rooted at its first row), recording `criterion`.
    mutating func join(_ a: Int, _ b: Int, _ criterion: UInt8) {
        rowHow[a] |= criterion
        rowHow[b] |= criterion
        let ra = root(a), rb = root(b)
        let low = min(ra, rb), high = max(ra, rb)
        how[low] |= how[high] | criterion
        if low != high { parent[high] = Int32(low) }
    }

    /// The sets of two or more, in order of first row.
    mutating func result(oversized: [String]) -> Duplicates.Result {
        let count = parent.count
        var size = [Int32](repeating: 0, count: count)
        var roots = [Int32](repeating: 0, count: count)
        for row in 0..<count {
            let r = root(row)
            roots[row] = Int32(r)
            size[r] += 1
        }
        var groupOf: [Int32: Int] = [:]
        var groups: [Duplicates.Group] = []
        var others = [Int32](repeating: 0, count: count)
        for row in 0..<count {
            let r = Int(roots[row])
            others[row] = size[r] - 1
            guard size[r] > 1 else { continue }
            if let g = groupOf[Int32(r)] {
                groups[g].rows.append(row)
                groups[g].why.append(rowHow[row])
            } else {
                groupOf[Int32(r)] = groups.count
                let criteria = Set(Duplicates.Criterion.allCases.filter { how[r] & $0.bit != 0 })
                groups.append(Duplicates.Group(rows: [row], matchedBy: criteria, why: [rowHow[row]]))
            }
        }
        return Duplicates.Result(groups: groups, others: others, oversized: oversized)
    }
}
