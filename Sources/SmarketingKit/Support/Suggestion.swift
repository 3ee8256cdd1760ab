/// "Did you mean …?" by edit distance, used by every error that names an unknown word.
public enum Suggestion {
    /// The candidate nearest to `word` (case-insensitive), if it is near enough to be a
    /// plausible typo: at most a third of the word's length in edits, and at least one.
    public static func nearest<S: Sequence>(to word: String, in candidates: S) -> String? where S.Element == String {
        // No one mistypes a 60-character word; and a megabyte of text must not cost
        // a megabyte times every candidate.
        guard word.utf8.count <= 256 else { return nil }
        let target = Array(word.lowercased())
        let limit = max(1, target.count / 3)
        var best: (String, Int)?
        for candidate in candidates {
            // The distance is at least the difference in length.
            guard abs(candidate.count - target.count) <= limit else { continue }
            let distance = editDistance(target, Array(candidate.lowercased()))
            if let current = best, current.1 <= distance { continue }
            best = (candidate, distance)
        }
        guard let (candidate, distance) = best else { return nil }
        return distance <= limit ? candidate : nil
    }

    /// Damerau–Levenshtein distance (adjacent swaps count as one edit: "mvoe" → "move").
    public static func editDistance<Element: Equatable>(_ a: [Element], _ b: [Element]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
