/// When two names at one company are one person's, written twice.
///
/// Counting edits over the whole name paired different people: Ioana and Irina
/// Georgescu, Solveig Haugen and Solveig Hansen, Olivia and Oliver Taylor are two edits
/// apart, and 王磊 and 王强 one — in the 100,000 generated leads most name groups were such
/// pairs. A typo changes a letter of a word; it does not turn one first or last name into
/// another. So names match word by word: each word the same, or one typo apart in a word
/// long enough that one letter does not make another name (five letters or more), two
/// typos at most in all. Ideographs are whole words each (佐藤 and 伊藤 are two families).
extension Duplicates {
    /// The shortest word a typo is allowed in: `Nils`/`Niels`, `Anna`/`Ana`, `أحمد`/`محمد`
    /// are different names, `Åkesson`/`Åkeson` and `Niccolò`/`Nicolò` a typo.
    public static let typoWordLength = 5

    /// Whether two folded names (accents and case removed) are likely one person's.
    public static func namesMatch(_ x: [Unicode.Scalar], _ y: [Unicode.Scalar]) -> Bool {
        if x == y { return true }
        let limit = max(1, min(2, min(x.count, y.count) / 6))
        // Names whose lengths differ by more than the limit are that many edits apart.
        guard abs(x.count - y.count) <= limit else { return false }
        let wordsX = x.split(separator: " "), wordsY = y.split(separator: " ")
        // `van dijk` and `vandijk`: the same letters, spaced differently.
        guard wordsX.count == wordsY.count else { return Array(wordsX.joined()) == Array(wordsY.joined()) }
        var edits = 0
        for (p, q) in zip(wordsX, wordsY) where p != q {
            guard min(p.count, q.count) >= typoWordLength, !p.contains(where: isIdeograph), !q.contains(where: isIdeograph) else {
                return false
            }
            let distance = Suggestion.editDistance(Array(p), Array(q))
            edits += distance
            guard distance <= 1, edits <= limit else { return false }
        }
        return true
    }

    /// CJK ideographs, kana and hangul: each character is a part of the name, not a letter.
    static func isIdeograph(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0x20000...0x2FA1F: true
        default: false
        }
    }
}
