import SmarketingKit

/// Groups whose keys differ only in letter case (`Google` and `google` in X Education's
/// lead sources): the data keeps them apart, as exported, and the note under a
/// `count by` or `report by` says so, so nobody adds one row and forgets the other.
extension Grouping {
    /// The sets of keys that are equal but for case, each in the order the groups are
    /// listed; sets of one left out.
    var caseVariants: [[String]] {
        var byFolded: [String: Int] = [:]
        var sets: [[String]] = []
        for group in groups {
            guard let text = group.key.textValue else { continue }
            let folded = text.lowercased()
            if let index = byFolded[folded] {
                sets[index].append(text)
            } else {
                byFolded[folded] = sets.count
                sets.append([text])
            }
        }
        return sets.filter { $0.count > 1 }
    }

    /// One line naming the keys that differ only in case, at most `width` columns wide
    /// (the pairs that do not fit are counted); nil when there are none.
    func caseVariantNote(width: Int = 80) -> String? {
        let sets = caseVariants
        guard !sets.isEmpty else { return nil }
        func named(_ set: [String]) -> String {
            set.dropLast().map { TerminalText.visible($0) }.joined(separator: ", ") + " and " + TerminalText.visible(set[set.count - 1])
        }
        func line(_ listed: [String], left: Int) -> String {
            "note: " + listed.joined(separator: "; ") + (left > 0 ? " (and \(left) more)" : "")
                + " differ only in case; counted apart"
        }
        var listed: [String] = []
        for (index, set) in sets.enumerated() {
            let candidate = listed + [named(set)]
            if !listed.isEmpty, DisplayWidth.of(line(candidate, left: sets.count - index - 1)) > width { break }
            listed = candidate
        }
        return line(listed, left: sets.count - listed.count)
    }
}
