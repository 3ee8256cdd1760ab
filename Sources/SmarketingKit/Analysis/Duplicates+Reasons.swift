/// Why each lead of a group is in it: a group joined by email and by name holds leads
/// that share an email and others whose names match, and labelling every row "email,
/// name" said neither which nor why.
extension Duplicates {
    /// Says, group by group, what each lead shares with another of its group; keeps the
    /// company keys it worked out, since a listing of every group meets each company
    /// many times.
    public struct Reasons {
        /// Groups up to this size compare each pair of names to say "name"; in a larger
        /// group a lead that shares no email, phone or company key with another is there
        /// by its name (the only other way in), so the cost stays linear.
        static let pairwiseNameLimit = 64
        private var companyKeys = CompanyKeys()

        public init() {}

        /// For each of `contacts` (a group's leads, in its order), the criteria out of
        /// `matchedBy` that join it to at least one other lead of the group.
        public mutating func of(_ contacts: [ContactDetails], matchedBy: Set<Criterion>) -> [Set<Criterion>] {
            // Two leads, or one criterion: every lead is in by all the group's criteria
            // (each join of the group is between these two, or of that kind). Most groups
            // are such, and a listing of every group computes nothing for them.
            if contacts.count <= 2 || matchedBy.count <= 1 { return Array(repeating: matchedBy, count: contacts.count) }
            var reasons = [Set<Criterion>](repeating: [], count: contacts.count)
            /// Marks the leads whose key another lead of the group shares.
            func shared(_ criterion: Criterion, _ keys: [String?]) {
                guard matchedBy.contains(criterion) else { return }
                var counts: [String: Int] = [:]
                for case let k? in keys where !k.isEmpty { counts[k, default: 0] += 1 }
                for (i, k) in keys.enumerated() where k.map({ counts[$0, default: 0] > 1 }) == true { reasons[i].insert(criterion) }
            }
            if matchedBy.contains(.email) { shared(.email, contacts.map(emailKey)) }
            if matchedBy.contains(.phone) { shared(.phone, contacts.map(phoneKey)) }
            let companies = contacts.map { $0.company.map { companyKeys.key(of: $0) } }
            shared(.company, companies)
            guard matchedBy.contains(.name) else { return reasons }
            if contacts.count > Self.pairwiseNameLimit {
                for i in contacts.indices where contacts[i].name != nil && companies[i] != nil && reasons[i].isEmpty { reasons[i].insert(.name) }
                return reasons
            }
            // Folded only when the names differ as written: most pairs are identical.
            var folded: [[Unicode.Scalar]?] = Array(repeating: nil, count: contacts.count)
            func fold(_ i: Int) -> [Unicode.Scalar] {
                if let known = folded[i] { return known }
                let scalars = Array(TextFold.fold(contacts[i].name ?? "").unicodeScalars)
                folded[i] = scalars
                return scalars
            }
            for i in contacts.indices {
                guard let name = contacts[i].name, let company = companies[i] else { continue }
                for j in contacts.indices where j != i && companies[j] == company {
                    guard let other = contacts[j].name else { continue }
                    if name == other || namesMatch(fold(i), fold(j)) { reasons[i].insert(.name); break }
                }
            }
            return reasons
        }
    }

    /// For each row of `group` (in its order), the criteria that join it to at least one
    /// other lead of the group.
    public static func reasons(for group: Group, in leads: LeadStore) -> [Set<Criterion>] {
        var reasons = Reasons()
        return reasons.of(group.rows.map { leads.contact(at: $0) }, matchedBy: group.matchedBy)
    }
}
