/// Where a stored string's UTF-8 bytes are, packed in one word so a text column of a
/// million leads is 8 MB instead of a million `String`s.
///
/// Unescaped strings point straight into the retained file buffer; strings that had
/// escapes in the file are decoded once into the table's side arena.
struct TextRef: Sendable, Hashable {
    let bits: UInt64

    /// The field was absent or null.
    static let none = TextRef(bits: .max)
    static let maximumLength = 1 << 22
    static let maximumOffset = 1 << 40

    private init(bits: UInt64) { self.bits = bits }

    /// A reference to `length` bytes at `offset`, in the file (`inArena` false) or the arena.
    init?(offset: Int, length: Int, inArena: Bool) {
        guard offset < Self.maximumOffset, length < Self.maximumLength else { return nil }
        bits = UInt64(offset) | UInt64(length) << 40 | (inArena ? 1 << 62 : 0)
    }

    var isNone: Bool { bits == .max }
    var offset: Int { Int(bits & 0xFF_FFFF_FFFF) }
    var length: Int { Int(bits >> 40 & 0x3F_FFFF) }
    var inArena: Bool { bits & (1 << 62) != 0 }
}

/// The six per-lead text fields kept as `TextRef`s, in `Lead.knownKeys` order.
enum TextField: Int, CaseIterable, Sendable {
    case id, name, email, phone, company, title
}

/// The six category fields, interned: few distinct values shared by many leads.
enum CategoryField: Int, CaseIterable, Sendable {
    case industry, country, city, source, campaign, owner
}

/// The numeric fields kept as `Double` columns; NaN means none.
enum NumberField: Int, CaseIterable, Sendable {
    /// `created` and `lastTouched` hold `timeIntervalSinceReferenceDate`, as `Date` does,
    /// so ages computed from them equal `Date` arithmetic exactly.
    case employees, fit, interest, value, created, lastTouched
}
