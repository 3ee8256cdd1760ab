import SmarketingKit

/// The candidates gathered for one TAB: written as they will be inserted (quoted, with
/// their sigil), then sorted, made unique and cut to a length someone can read.
struct Proposals {
    let typed: TypedLine
    /// Inserted text → the key it sorts by (the plain word, folded).
    private var items: [String: String] = [:]

    init(typed: TypedLine) {
        self.typed = typed
    }

    /// Adds keywords of the language (never quoted) that start with the typed word.
    mutating func add(keywords: some Sequence<String>) {
        guard typed.quote == nil else { return }
        for keyword in keywords where CandidateSource.matches(keyword, typed.word) {
            items[keyword] = keyword.lowercased()
        }
    }

    /// Adds words already matched against the typed word, quoting those that need it.
    /// `sigil` goes before each (`@hot`, `$minFit`); a word ending in `/` is a directory,
    /// whose quote is left open so the path can go on.
    mutating func add(_ words: [String], sigil: String = "", inExpression: Bool = false) {
        for word in words {
            let text = sigil + Quoting.write(word, opened: typed.quote, inExpression: inExpression, closed: !word.hasSuffix("/"))
            items[text] = TextFold.fold(word)
        }
    }

    /// Sorted by the plain words, at most `limit`. A cut list keeps one candidate that
    /// shares no more with the first than all of them do, so the prefix TAB inserts for
    /// them is still right.
    func candidates(limit: Int) -> [String] {
        let sorted = items.sorted { a, b in a.value != b.value ? a.value < b.value : a.key < b.key }.map(\.key)
        guard sorted.count > limit, let first = sorted.first else { return sorted }
        var kept = Array(sorted.prefix(limit - 1))
        let shortest = sorted.min { Self.shared(first, $0) < Self.shared(first, $1) } ?? first
        kept.append(kept.contains(shortest) ? sorted[limit - 1] : shortest)
        return kept
    }

    private static func shared(_ a: String, _ b: String) -> Int {
        zip(a, b).prefix { $0 == $1 }.count
    }
}
