#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finding a byte string in a long buffer: `memchr` to the needle's rarest letter, then
/// a comparison (`memmem` is not visible to Swift on Linux).
enum ByteSearch {
    /// Calls `found` with the offset of each match at or after the offset it returned
    /// last (0 first); matches before that offset are skipped.
    static func each(_ needle: UnsafeBufferPointer<UInt8>, in text: UnsafeBufferPointer<UInt8>, _ found: (Int) -> Int) {
        guard let base = text.baseAddress, let needleBase = needle.baseAddress, !needle.isEmpty else { return }
        // The needle byte least likely in text: its position k within the needle.
        let k = needle.indices.min { rank(needle[$0]) < rank(needle[$1]) } ?? 0
        let probe = Int32(needle[k])
        var from = 0
        while from + needle.count <= text.count {
            let searchStart = from + k
            let searchLength = text.count - needle.count + 1 - from
            guard searchLength > 0, let hit = memchr(base + searchStart, probe, searchLength) else { return }
            let start = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) - k
            if memcmp(base + start, needleBase, needle.count) == 0 {
                from = max(start + 1, found(start))
            } else {
                from = start + 1
            }
        }
    }

    /// How common a byte is in names, addresses and notes: lower is rarer.
    static func rank(_ byte: UInt8) -> Int {
        guard byte < 0x80 else { return 5 }
        let common: [UInt8] = Array(" etaoinsrhldcumpfgwybvk.@".utf8)
        return common.firstIndex(of: byte).map { 30 + (common.count - $0) } ?? 0
    }
}

/// Where `find` looks in a lead, in the order it reports the first match.
public enum SearchPlace: UInt8, Sendable {
    case name, email, company, id, activity, history, feedback
}

/// The folded text of every loaded lead's searchable fields (name, email, company,
/// activity and history notes, feedback reasons), so `find` on a million leads searches
/// a few tens of megabytes of already-folded text instead of folding a gigabyte.
///
/// Each distinct text is stored once, folded with `TextFold.fold` (the folding `~` uses,
/// every script included) and followed by a zero byte, so a search is one `memmem` pass
/// over the distinct texts; each table row lists its texts in the order `find` reports
/// them. A text that is not pure ASCII is confirmed with `String.contains`, as the full
/// scan does, so the answers are exactly the full scan's. Built once per loaded table,
/// on first use; edited and inserted leads are searched directly (`LeadStore.find`).
final class SearchIndex: Sendable {
    /// Distinct texts, folded, each followed by 0.
    let folded: [UInt8]
    /// Where each distinct text starts in `folded`, plus one final end.
    let foldedStart: [UInt32]
    /// The distinct texts as written (for "activity: …" in the answer), likewise.
    let original: [UInt8]
    let originalStart: [UInt32]
    /// Per table row, its texts (distinct text number and place), row after row.
    let entryText: [UInt32]
    let entryPlace: [UInt8]
    /// One past each row's last entry.
    let rowEnd: [UInt32]

    /// Memory held, in bytes.
    var size: Int {
        folded.count + original.count + 4 * (foldedStart.count + originalStart.count + entryText.count + rowEnd.count) + entryPlace.count
    }

    private init(builder: Builder) {
        folded = builder.folded
        foldedStart = builder.foldedStart + [UInt32(builder.folded.count)]
        original = builder.original
        originalStart = builder.originalStart + [UInt32(builder.original.count)]
        entryText = builder.entryText
        entryPlace = builder.entryPlace
        rowEnd = builder.rowEnd
    }

    /// The index of `table`; nil when `isInterrupted` said stop.
    static func build(_ table: LeadTable, isInterrupted: () -> Bool) -> SearchIndex? {
        var builder = Builder()
        builder.rowEnd.reserveCapacity(table.count)
        for row in 0..<table.count {
            if row & 0xFFF == 0, isInterrupted() { return nil }
            builder.addRow(table, row)
        }
        return SearchIndex(builder: builder)
    }

    /// A set of distinct text numbers, a bit each: at a million leads a `Bool` each was
    /// megabytes to clear and walk on every `find`.
    struct TextSet {
        private(set) var words: [UInt64]
        private(set) var isEmpty = true

        init(count: Int) {
            words = [UInt64](repeating: 0, count: (count + 63) >> 6)
        }

        mutating func insert(_ number: Int) {
            words[number >> 6] |= 1 << UInt64(number & 63)
            isEmpty = false
        }

        @inline(__always)
        func contains(_ number: Int) -> Bool {
            words[number >> 6] & (1 << UInt64(number & 63)) != 0
        }
    }

    /// The distinct texts that contain `needle` (folded, non-empty, no zero byte).
    func matchingTexts(_ needle: [UInt8]) -> TextSet {
        var matches = TextSet(count: foldedStart.count - 1)
        folded.withUnsafeBufferPointer { text in
            needle.withUnsafeBufferPointer { needle in
                ByteSearch.each(needle, in: text) { at in
                    let number = textNumber(containing: at)
                    if confirm(number, needle) { matches.insert(number) }
                    return Int(foldedStart[number + 1])
                }
            }
        }
        return matches
    }

    /// The distinct text that holds byte `offset` of `folded`.
    private func textNumber(containing offset: Int) -> Int {
        var low = 0, high = foldedStart.count - 1
        while high - low > 1 {
            let middle = (low + high) / 2
            if Int(foldedStart[middle]) <= offset { low = middle } else { high = middle }
        }
        return low
    }

    /// A byte match counts as the full scan counts it: in ASCII text they are the same;
    /// elsewhere `String.contains` (characters, not bytes) decides.
    private func confirm(_ number: Int, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        let range = Int(foldedStart[number])..<(Int(foldedStart[number + 1]) - 1)
        if folded[range].allSatisfy({ $0 < 0x80 }) && needle.allSatisfy({ $0 < 0x80 }) { return true }
        return String(decoding: folded[range], as: UTF8.self).contains(String(decoding: needle, as: UTF8.self))
    }

    /// The text as written of distinct text `number`.
    func originalText(_ number: Int) -> String {
        String(decoding: original[Int(originalStart[number])..<Int(originalStart[number + 1])], as: UTF8.self)
    }

    /// The row's entries.
    func entries(of row: Int) -> Range<Int> {
        (row == 0 ? 0 : Int(rowEnd[row - 1]))..<Int(rowEnd[row])
    }

    /// Collects the index while walking the table. Texts are read and compared as bytes
    /// where the file holds them (no `String` per name or note, no `String` hashing):
    /// building the index of a million leads must cost less than loading them.
    private struct Builder {
        var folded: [UInt8] = []
        var foldedStart: [UInt32] = []
        var original: [UInt8] = []
        var originalStart: [UInt32] = []
        var entryText: [UInt32] = []
        var entryPlace: [UInt8] = []
        var rowEnd: [UInt32] = []
        /// Distinct texts by their bytes as written; the keys are in `original`.
        var numbers = ByteHashTable(capacity: 1 << 12)
        /// The row's notes before they are added in `find`'s order (reused row to row).
        var notes: [RawNotes.Note] = []

        /// Adds a text as written (UTF-8), at `place`.
        mutating func add(_ text: UnsafeBufferPointer<UInt8>, _ place: SearchPlace) {
            let hash = ByteHashTable.hash(text)
            let known = original.withUnsafeBufferPointer { original in
                numbers.find(hash: hash) { number in
                    let start = Int(originalStart[Int(number)])
                    let end = Int(number) + 1 < originalStart.count ? Int(originalStart[Int(number) + 1]) : original.count
                    return UnsafeBufferPointer(rebasing: original[start..<end]).equals(text)
                }
            }
            let number: UInt32
            if let known { number = UInt32(known) } else {
                number = UInt32(foldedStart.count)
                numbers.insert(hash: hash, value: Int32(number))
                foldedStart.append(UInt32(folded.count))
                if text.allSatisfy({ $0 < 0x80 }) {
                    // What `TextFold.fold` makes of ASCII: lower case.
                    for byte in text { folded.append(byte &- 0x41 < 26 ? byte | 0x20 : byte) }
                } else {
                    folded.append(contentsOf: TextFold.fold(String(decoding: text, as: UTF8.self)).utf8)
                }
                folded.append(0)
                originalStart.append(UInt32(original.count))
                original.append(contentsOf: text)
            }
            entryText.append(number)
            entryPlace.append(place.rawValue)
        }

        mutating func add(_ text: String, _ place: SearchPlace) {
            var text = text
            text.withUTF8 { add($0, place) }
        }

        mutating func addRow(_ table: LeadTable, _ row: Int) {
            defer { rowEnd.append(UInt32(entryText.count)) }
            if table.whole[row] == nil, row < table.rawStart.count,
               table.source.withUnsafeBufferPointer({ RawNotes.collect(in: $0, table.rawStart[row]..<table.rawEnd[row], into: &notes) }) {
                for (field, place) in [(TextField.name, SearchPlace.name), (.email, .email), (.company, .company), (.id, .id)] {
                    let ref = table.columns.text[field.rawValue][row]
                    if !ref.isNone { table.withBytes(ref) { add($0, place) } }
                }
                // Activities' notes, then history's, then feedback reasons, as `find` reports them.
                for (list, place) in [SearchPlace.activity, .history, .feedback].enumerated() {
                    for k in notes.indices where notes[k].list == list {
                        if let decoded = notes[k].decoded {
                            add(decoded, place)
                        } else {
                            let range = notes[k].range
                            table.source.withUnsafeBufferPointer { add(UnsafeBufferPointer(rebasing: $0[range]), place) }
                        }
                    }
                }
                return
            }
            let lead = table.lead(at: row)
            for (text, place) in [(lead.name, SearchPlace.name), (lead.email, .email), (lead.company, .company), (lead.id, .id)] {
                if let text { add(text, place) }
            }
            for note in lead.activities.compactMap(\.note) { add(note, .activity) }
            for note in lead.history.compactMap(\.note) { add(note, .history) }
            for reason in lead.feedback.compactMap(\.reason) { add(reason, .feedback) }
        }
    }
}

/// The activity and history notes and feedback reasons of one lead, read from its JSON
/// text without building the lead: a walk over bytes the decoder has already validated.
/// Anything unusual (an escaped key, a key given twice) answers nil, and the lead is
/// then decoded properly instead.
enum RawNotes {
    /// One note found: which list it came from (0 activities, 1 history, 2 feedback),
    /// and where its text is in the source, or the text itself when it had escapes.
    struct Note {
        var list: Int
        var range: Range<Int>
        var decoded: String?
    }

    /// Notes of activities, of history, and feedback reasons, in file order.
    static func find(in source: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [[String]]? {
        var notes: [Note] = []
        guard collect(in: source, range, into: &notes) else { return nil }
        var found: [[String]] = [[], [], []]
        for note in notes {
            found[note.list].append(note.decoded ?? String(decoding: UnsafeBufferPointer(rebasing: source[note.range]), as: UTF8.self))
        }
        return found
    }

    private static let activities = Array("activities".utf8), history = Array("history".utf8), feedback = Array("feedback".utf8)
    private static let note = Array("note".utf8), reason = Array("reason".utf8)

    /// The notes of the lead at `range` put in `notes` (emptied first), in file order;
    /// false when the layout is unusual and the lead must be decoded instead.
    static func collect(in source: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, into notes: inout [Note]) -> Bool {
        notes.removeAll(keepingCapacity: true)
        var walker = Walker(bytes: source, at: range.lowerBound, end: range.upperBound)
        var seen = 0
        return walker.object { key, walker in
            let list = walker.keyIs(key, activities) ? 0 : walker.keyIs(key, history) ? 1 : walker.keyIs(key, feedback) ? 2 : -1
            guard list >= 0 else { return walker.skipValue() }
            guard seen & (1 << list) == 0 else { return false }
            seen |= 1 << list
            guard walker.peek == UInt8(ascii: "[") else { return walker.skipValue() }
            let wanted = list == 2 ? reason : note
            return walker.array { walker in
                guard walker.peek == UInt8(ascii: "{") else { return walker.skipValue() }
                var text: Note?
                var count = 0
                let fine = walker.object { key, walker in
                    guard walker.keyIs(key, wanted) else { return walker.skipValue() }
                    count += 1
                    if walker.peek == UInt8(ascii: "\"") {
                        if let raw = walker.rawString() {
                            text = Note(list: list, range: raw, decoded: nil)
                            return true
                        }
                        guard let value = walker.escapedString() else { return false }
                        text = Note(list: list, range: 0..<0, decoded: value)
                        return true
                    }
                    return walker.skipValue()
                }
                guard fine, count <= 1 else { return false }
                if let text { notes.append(text) }
                return true
            }
        }
    }

    /// A cursor over validated JSON.
    struct Walker {
        let bytes: UnsafeBufferPointer<UInt8>
        var at: Int
        let end: Int

        var peek: UInt8 {
            mutating get {
                skipSpace()
                return at < end ? bytes[at] : 0
            }
        }

        mutating func skipSpace() {
            while at < end, bytes[at] == 0x20 || bytes[at] == 0x0A || bytes[at] == 0x0D || bytes[at] == 0x09 { at += 1 }
        }

        /// An object's members, each handed to `member` (with where its key's bytes are)
        /// with the cursor on its value.
        mutating func object(_ member: (Range<Int>, inout Walker) -> Bool) -> Bool {
            guard peek == UInt8(ascii: "{") else { return false }
            at += 1
            if peek == UInt8(ascii: "}") { at += 1; return true }
            while true {
                guard peek == UInt8(ascii: "\""), let key = rawString() else { return false }
                guard peek == UInt8(ascii: ":") else { return false }
                at += 1
                guard member(key, &self) else { return false }
                let next = peek
                at += 1
                if next == UInt8(ascii: "}") { return true }
                guard next == UInt8(ascii: ",") else { return false }
            }
        }

        mutating func array(_ element: (inout Walker) -> Bool) -> Bool {
            guard peek == UInt8(ascii: "[") else { return false }
            at += 1
            if peek == UInt8(ascii: "]") { at += 1; return true }
            while true {
                guard element(&self) else { return false }
                let next = peek
                at += 1
                if next == UInt8(ascii: "]") { return true }
                guard next == UInt8(ascii: ",") else { return false }
            }
        }

        /// Where the bytes of a string without escapes are (the cursor on its opening
        /// quote); nil, the cursor unmoved, when it has an escape.
        mutating func rawString() -> Range<Int>? {
            let start = at + 1
            var i = start
            while i < end, bytes[i] != UInt8(ascii: "\"") {
                if bytes[i] == UInt8(ascii: "\\") { return nil }
                i += 1
            }
            guard i < end else { return nil }
            at = i + 1
            return start..<i
        }

        /// Whether the key at `range` is `literal`.
        func keyIs(_ range: Range<Int>, _ literal: [UInt8]) -> Bool {
            range.count == literal.count && UnsafeBufferPointer(rebasing: bytes[range]).elementsEqual(literal)
        }

        /// A string value with escapes, decoded by the JSON parser.
        mutating func escapedString() -> String? {
            guard let parsed = try? JSONParser.parseValue(in: bytes, at: at), case .string(let text) = parsed.value else { return nil }
            at = parsed.end
            return text
        }

        /// Steps over any value.
        mutating func skipValue() -> Bool {
            var depth = 0
            skipSpace()
            while at < end {
                let byte = bytes[at]
                switch byte {
                case UInt8(ascii: "\""):
                    at += 1
                    while at < end, bytes[at] != UInt8(ascii: "\"") { at += bytes[at] == UInt8(ascii: "\\") ? 2 : 1 }
                    at += 1
                    if depth == 0 { return at <= end }
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                    at += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    if depth == 0 { return true }
                    depth -= 1
                    at += 1
                    if depth == 0 { return true }
                case UInt8(ascii: ","):
                    if depth == 0 { return true }
                    at += 1
                default:
                    at += 1
                }
            }
            return depth == 0
        }
    }
}
