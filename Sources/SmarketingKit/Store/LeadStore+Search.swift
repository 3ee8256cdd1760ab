/// A quick "surely not" for text search over loaded leads: the lead's JSON text, folded
/// byte by byte the way `TextFold` folds, either cannot contain the needle, or the lead
/// is decoded and searched properly. Only a no is trusted, so the search stays exact.
extension LeadStore {
    /// False only when the lead in `row` surely does not contain `needle` (already folded
    /// with `TextFold.fold`) anywhere in its text; true when it may, or when the quick
    /// look cannot tell (an edited lead, an escape, a letter outside the fold table).
    public func mayContain(folded needle: [UInt8], at row: Int, letters: inout FoldedLetters) -> Bool {
        guard let tableRow = columnRow(of: row), table.whole[tableRow] == nil, tableRow < table.rawStart.count,
              !needle.isEmpty, needle.allSatisfy({ $0 < 0x80 }) else { return true }
        return table.source.withUnsafeBufferPointer { source in
            ByteFold.mayContain(UnsafeBufferPointer(rebasing: source[table.rawStart[tableRow]..<table.rawEnd[tableRow]]), needle,
                                letters: &letters)
        }
    }
}

/// What folding makes of each letter outside ASCII and Latin-1/Extended-A, worked out
/// once per letter and kept for one search: dropped (an accent or a Thai vowel mark),
/// something an ASCII needle can never match (ж, ก, 東), or maybe ASCII (ḍ, K).
public struct FoldedLetters: Sendable {
    enum Fold: UInt8 { case dropped, other, maybeASCII }
    var known: [UInt32: Fold] = [:]

    public init() {}

    mutating func fold(_ value: UInt32) -> Fold {
        if let fold = known[value] { return fold }
        var fold = Fold.maybeASCII
        if let scalar = Unicode.Scalar(value) {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .enclosingMark:
                fold = .dropped
            default:
                let folded = TextFold.fold(String(Character(scalar)))
                fold = folded.isEmpty ? .dropped : folded.utf8.contains(where: { $0 < 0x80 }) ? .maybeASCII : .other
            }
        }
        known[value] = fold
        return fold
    }
}

/// Folding UTF-8 bytes as `TextFold` folds text, for the letters where that is simple:
/// ASCII (lower-cased) and U+00C0–U+024F (Latin-1, Latin Extended-A and -B: ö → o, ș → s,
/// ł → l), with combining accents dropped. Anything else makes the answer "maybe".
enum ByteFold {
    /// The folded ASCII letter of each scalar U+00C0–U+024F (Latin Extended-B too: ș ț),
    /// or 0 when it has none.
    static let latin: [UInt8] = (0xC0...0x24F).map { value in
        guard let scalar = Unicode.Scalar(value) else { return 0 }
        let folded = TextFold.fold(String(Character(scalar))).utf8
        guard folded.count == 1, let letter = folded.first, letter < 0x80 else { return 0 }
        return letter
    }

    /// Whether `text` may contain the ASCII `needle` once folded; nil-free: "maybe" is true.
    static func mayContain(_ text: UnsafeBufferPointer<UInt8>, _ needle: [UInt8], letters: inout FoldedLetters) -> Bool {
        // The folded bytes go round a ring of needle.count; when one equals the needle's
        // last byte, the ring is compared with the needle backwards.
        let n = needle.count
        var ring = [UInt8](repeating: 0, count: n)
        var seen = 0
        var i = 0
        return needle.withUnsafeBufferPointer { needle in
            ring.withUnsafeMutableBufferPointer { ring in
                func push(_ byte: UInt8) -> Bool {
                    ring[seen % n] = byte
                    seen += 1
                    guard seen >= n, byte == needle[n - 1] else { return false }
                    for k in 1..<max(n, 1) where ring[(seen - 1 - k) % n] != needle[n - 1 - k] { return false }
                    return true
                }
                while i < text.count {
                    let byte = text[i]
                    if byte < 0x80 {
                        // An escape (\u00f6, \") hides what the text really says.
                        if byte == UInt8(ascii: "\\") { return true }
                        if push(byte &- 0x41 < 26 ? byte | 0x20 : byte) { return true }
                        i += 1
                        continue
                    }
                    // The scalar and its length in bytes (the decoder checked the UTF-8).
                    let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                    guard i + length <= text.count else { return true }
                    var scalar = UInt32(byte) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
                    for k in 1..<length { scalar = scalar << 6 | UInt32(text[i + k] & 0x3F) }
                    i += length
                    if scalar >= 0xC0 && scalar <= 0x24F, case let folded = latin[Int(scalar) - 0xC0], folded != 0 {
                        if push(folded) { return true }
                        continue
                    }
                    switch letters.fold(scalar) {
                    case .dropped: continue
                    case .maybeASCII: return true
                    // A letter no ASCII needle matches: it breaks any match across it.
                    case .other: if push(0xFF) { return true }
                    }
                }
                return false
            }
        }
    }
}

/// The contact details of a lead: what duplicates are found by.
public struct ContactDetails: Sendable, Equatable {
    public var name: String?
    public var email: String?
    public var phone: String?
    public var company: String?
}

extension LeadStore {
    /// The name, email, phone and company of the lead in `row`, from the text columns when
    /// the lead is as loaded: looking for duplicates among a million leads decodes none.
    public func contact(at row: Int) -> ContactDetails {
        guard let tableRow = columnRow(of: row) else {
            let lead = self[row]
            return ContactDetails(name: lead.name, email: lead.email, phone: lead.phone, company: lead.company)
        }
        return ContactDetails(name: table.text(.name, at: tableRow), email: table.text(.email, at: tableRow),
                              phone: table.text(.phone, at: tableRow), company: table.text(.company, at: tableRow))
    }
}
