/// What a command's synopsis (its `usage`) says about the words the command takes: its
/// keywords, what follows each clause keyword, and what may come first.
///
/// The synopsis is the grammar `help` shows, so reading completion from it means the two
/// cannot drift. It is read the way a person reads it: `[…]` is optional, `a|b` are
/// alternatives, `ID,…` is a list, UPPERCASE words are placeholders (see `ArgumentKind`),
/// lowercase words are keywords, and quoted text is free text. From
/// `leads [ID,…|where EXPR|@view] [sort F [desc],…] [limit N] [cols a,b,c]` it learns the
/// keywords where, sort, desc, limit and cols; that `where` takes an expression, `sort` and
/// `cols` fields and `limit` a number; and that the command may start with an id.
struct Synopsis {
    /// The alternatives at one place of the synopsis: `ID,…|where` holds a lead id and the
    /// keyword `where`; `OWNER|none` an owner and `none`.
    struct Slot: Equatable {
        var kinds: [ArgumentKind] = []
        var keywords: [String] = []
        /// Placeholders written with a leading sigil: `@view`, `+TAG`.
        var sigils: [Character: ArgumentKind] = [:]

        var isEmpty: Bool { kinds.isEmpty && keywords.isEmpty && sigils.isEmpty }

        mutating func merge(_ other: Slot) {
            for kind in other.kinds where !kinds.contains(kind) { kinds.append(kind) }
            for keyword in other.keywords where !keywords.contains(keyword) { keywords.append(keyword) }
            sigils.merge(other.sigils) { first, _ in first }
        }
    }

    /// Every keyword, in the order written.
    private(set) var keywords: [String] = []
    /// What follows each clause keyword: `where` → an expression, `to` → a stage.
    private(set) var arguments: [String: Slot] = [:]
    /// What may follow the command's name.
    private(set) var leading = Slot()
    /// True when the command may have nothing after its name, or starts with an optional part.
    private(set) var leadingIsOptional = false
    /// Every sigil placeholder of the command: `@` → view, `+` and `-` → tag.
    private(set) var sigils: [Character: ArgumentKind] = [:]
    /// The keywords written as alternatives of each one (`table|json|csv|markdown`).
    private(set) var alternatives: [String: Set<String>] = [:]
    /// Each form's places in order, from the one after the command's name, for commands
    /// whose words go by position (`set ID FIELD = VALUE`, `log ID call|email|…`).
    private(set) var forms: [[Slot]] = []
    /// The keywords of each form, so that once a form's own keyword is typed (`score
    /// check`), another form's keywords (`halflife`) are not offered.
    private(set) var formKeywords: [Set<String>] = []
    /// The keywords inside a clause's brackets, which only make sense in that clause:
    /// `desc` in `[sort F [desc],…]`, `email` in `[by email|name|company]`.
    private(set) var clauseOnly: [String: Set<String>] = [:]

    init(_ command: any ShellCommand.Type) {
        self.init(usage: command.usage, name: command.name, aliases: command.aliases)
    }

    init(usage: String, name: String, aliases: [String] = []) {
        let names = Set([name] + aliases)
        for form in Self.forms(of: usage, names: names) {
            read(form, names: names, command: name)
        }
    }

    /// The keywords that may come next once `used` have been typed, in the clause that
    /// `clause` opened (nil before any): every keyword not yet used (nor an alternative of
    /// one used), but those that only come first, only follow another keyword, stand for a
    /// value (`none` in `VALUE|none`), or belong to another clause.
    func nextKeywords(used: Set<String>, in clause: String? = nil) -> [String] {
        let following = Set(arguments.values.flatMap(\.keywords))
        let belonging = Set(clauseOnly.values.joined())
        let ours = clause.flatMap { clauseOnly[$0] } ?? []
        // The forms that hold every keyword typed so far; with several forms, only their
        // keywords may follow.
        let typedKeywords = used.intersection(keywords)
        let possible = formKeywords.filter { typedKeywords.isSubset(of: $0) }
        let allowed = formKeywords.count > 1 && !possible.isEmpty ? possible.reduce(Set<String>()) { $0.union($1) } : nil
        return unused(keywords, used: used).filter { keyword in
            !leading.keywords.contains(keyword) && !following.contains(keyword) && !valueKeywords.contains(keyword)
                && (!belonging.contains(keyword) || ours.contains(keyword)) && (allowed?.contains(keyword) ?? true)
        }
    }

    /// `candidates` but the keywords `used` and their alternatives (after `call`, none of
    /// `call|email|meeting`).
    func unused(_ candidates: [String], used: Set<String>) -> [String] {
        let excluded = used.union(used.flatMap { alternatives[$0] ?? [] })
        return candidates.filter { !excluded.contains($0) }
    }

    /// Keywords written as an alternative to a placeholder (`OWNER|none`, `VALUE|none`):
    /// they stand where the value would, not as a clause of their own.
    private var valueKeywords: Set<String> {
        Set(forms.joined().filter { $0.kinds.contains { $0 != .text } }.flatMap(\.keywords))
    }

    /// What may stand at `position` (0 is the first place after the name), in the forms
    /// that agree with the words typed at the places before: a form whose place holds only
    /// keywords (`view drop NAME`) is out when something else was typed there.
    func slot(at position: Int, typed: [String]) -> Slot {
        var slot = Slot()
        for form in forms where position < form.count {
            let agrees = zip(form, typed).allSatisfy { place, word in
                !place.kinds.isEmpty || !place.sigils.isEmpty || place.keywords.isEmpty || place.keywords.contains(word)
            }
            if agrees { slot.merge(form[position]) }
        }
        return slot
    }

    // MARK: Reading

    /// One word of the synopsis, with its brackets noted.
    private struct Word {
        var slot: Slot
        var opens: Bool
        /// How many brackets the word closes.
        var closing: Int
        var closes: Bool { closing > 0 }
    }

    /// The forms of a synopsis: `quit | quit!` and `view NAME = … | view drop NAME` have
    /// two, each starting with the command's name; a `|` inside a form joins alternatives.
    private static func forms(of usage: String, names: Set<String>) -> [[Substring]] {
        var forms: [[Substring]] = [[]]
        let words = Self.words(of: usage)
        for (i, word) in words.enumerated() {
            if word == "|", i + 1 < words.count, names.contains(String(words[i + 1])) {
                forms.append([])
            } else {
                forms[forms.count - 1].append(word)
            }
        }
        return forms
    }

    /// The synopsis split at spaces, each quoted part (`"…"`, `"EXPR [sort F]"`) made one
    /// word `"` so that the words inside it are not read as the command's.
    private static func words(of usage: String) -> [Substring] {
        var text = ""
        var inQuote = false
        var quoted = ""
        for character in usage {
            if character == "\"" {
                // `"COLUMN"`: a quoted column name of the file, which TAB can propose.
                if inQuote, quoted == "COLUMN" { text.append("COLUMN") } else if inQuote { text.append("\"") }
                quoted = ""
                inQuote.toggle()
            } else if inQuote {
                quoted.append(character)
            } else {
                text.append(character)
            }
        }
        return text.split(whereSeparator: \.isWhitespace)
    }

    private mutating func read(_ form: [Substring], names: Set<String>, command: String) {
        let words = form.dropFirst().map { Self.word($0, names: names, command: command) }
        forms.append(words.map(\.slot))
        formKeywords.append(Set(words.flatMap(\.slot.keywords)))
        leadingIsOptional = leadingIsOptional || words.first.map(\.opens) ?? true
        if let first = words.first { leading.merge(first.slot) }
        // The keywords that opened the brackets around the current word, innermost last.
        var groups: [[String]] = []
        for (i, word) in words.enumerated() {
            if let owner = groups.last(where: { !$0.isEmpty })?.first {
                clauseOnly[owner, default: []].formUnion(word.slot.keywords.filter { $0 != owner })
            }
            if word.opens { groups.append(word.slot.keywords) }
            groups.removeLast(min(word.closing, groups.count))
            sigils.merge(word.slot.sigils) { first, _ in first }
            for keyword in word.slot.keywords {
                if !keywords.contains(keyword) { keywords.append(keyword) }
                alternatives[keyword, default: []].formUnion(word.slot.keywords.filter { $0 != keyword })
            }
            // A keyword's argument is the next word, unless a bracket ends or starts
            // between them (`[sort F [desc],…]`: desc takes nothing; limit is no argument).
            guard !word.closes, i + 1 < words.count, !words[i + 1].opens, !words[i + 1].slot.isEmpty else { continue }
            for keyword in word.slot.keywords {
                arguments[keyword, default: Slot()].merge(words[i + 1].slot)
            }
        }
    }

    private static func word(_ text: Substring, names: Set<String>, command: String) -> Word {
        var slot = Slot()
        let core = text.filter { $0 != "[" && $0 != "]" }
        for alternative in core.split(separator: "|") {
            // `ID,…` and `a,b,c` are lists: the first item says what each item is.
            let item = alternative.prefix { $0 != "," && $0 != "…" }
            guard let first = item.first else { continue }
            if item == "\"" {
                slot.kinds.append(.text)
            } else if "@$+-".contains(first), item.count > 1 {
                let rest = String(item.dropFirst())
                let kind = Self.isPlaceholder(rest) ? ArgumentKind(placeholder: rest, command: command) : ArgumentKind(sigil: first) ?? .text
                slot.sigils[first] = kind
            } else if Self.isKeyword(item), !names.contains(String(item)) {
                slot.keywords.append(String(item))
            } else if Self.isPlaceholder(item) {
                slot.kinds.append(ArgumentKind(placeholder: String(item), command: command))
            }
            // Anything else (`=`, `-`, `10k`, `lead->customer`) is written literally.
        }
        return Word(slot: slot, opens: text.hasPrefix("["), closing: text.filter { $0 == "]" }.count)
    }

    /// `where`, `quit!`: lowercase letters (and `-`, `!`), at least two.
    private static func isKeyword(_ text: Substring) -> Bool {
        guard text.count >= 2, let first = text.first, first.isASCII, first.isLowercase else { return false }
        return text.allSatisfy { ($0.isASCII && $0.isLowercase) || $0 == "-" || $0 == "!" }
    }

    /// `ID`, `STAGE`, `F`; and a single lowercase letter, an item of `a,b,c`.
    private static func isPlaceholder<S: StringProtocol>(_ text: S) -> Bool {
        guard let first = text.first, first.isASCII, first.isLetter else { return false }
        if text.count == 1 { return true }
        return first.isUppercase && text.allSatisfy { ($0.isASCII && ($0.isUppercase || $0.isNumber)) || $0 == "_" }
    }
}
