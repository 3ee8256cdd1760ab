import Foundation

/// What an import's plan points out about the file's values, so that a raw import (no
/// mapping script) does not read as more right than it is: a placeholder such as
/// X Education's `Select` counted as an answer, a column that became tags, and leads
/// that get no created date.
///
/// The plan only says so and gives the clause that fixes it: the import itself reads
/// the file as it is. A placeholder is not made blank by default because the same word
/// is a real answer to some questions (`None` to "which CRM do you use?"), and because a journalled
/// import is replayed with its clauses: what a file's rows become must not depend on a
/// guess that a later version might guess differently.
public struct ImportNotes: Sendable, Equatable {
    /// A placeholder spelling and the columns it fills a large share of.
    public struct Placeholder: Sendable, Equatable {
        public var value: String
        public var columns: [(name: String, rows: Int)]

        public static func == (a: Self, b: Self) -> Bool {
            a.value == b.value && a.columns.map(\.name) == b.columns.map(\.name) && a.columns.map(\.rows) == b.columns.map(\.rows)
        }
    }

    /// The column that became the leads' tags, and what that made.
    public struct Tags: Sendable, Equatable {
        public var column: String
        /// How the column got there: `preset`, `map` or `by name`.
        public var origin: String
        /// Rows with at least one tag.
        public var rows: Int
        /// Distinct tags (at most `ImportTally.tagsKept`; `more` says there were more).
        public var distinct: Int
        public var more: Bool
        /// The most common tags, most rows first.
        public var common: [(tag: String, rows: Int)]
        /// Whether the tags read like notes (sentences) rather than labels.
        public var sentences: Bool

        public static func == (a: Self, b: Self) -> Bool {
            a.column == b.column && a.rows == b.rows && a.distinct == b.distinct && a.more == b.more
                && a.common.map(\.tag) == b.common.map(\.tag) && a.sentences == b.sentences
        }
    }

    /// Why (some) leads get no created date.
    public enum Created: Sendable, Equatable {
        /// No column fills `created`; `candidates` are the columns whose name says date
        /// and whose first values read as dates, each with the date-format they read in
        /// (nil: ISO, which needs none).
        case noColumn(candidates: [(column: String, format: String?)])
        /// The column fills it, but is blank in `rows` rows.
        case blank(column: String, rows: Int)

        public static func == (a: Self, b: Self) -> Bool {
            switch (a, b) {
            case (.noColumn(let x), .noColumn(let y)):
                x.map(\.column) == y.map(\.column) && x.map(\.format) == y.map(\.format)
            case (.blank(let c1, let r1), .blank(let c2, let r2)): c1 == c2 && r1 == r2
            default: false
            }
        }
    }

    public var placeholders: [Placeholder] = []
    public var tags: Tags?
    public var created: Created?
    /// When no column gives the leads' ids (they are numbered L-nnnnnn): the first kept
    /// column named like an id (`Prospect ID`, `mql_id`) that every row answers.
    public var idColumn: String?

    public init() {}

    /// Values exports write for "not answered" (compared lowercased).
    public static let placeholderWords: Set<String> = [
        "select", "-", "--", "n/a", "na", "#n/a", "none", "null", "nil", "nan", "unknown", "undefined",
        "not specified", "not provided", "not available", "(none)", "(blank)", "?", "please select",
    ]
    /// `placeholderWords` as bytes, by length: `placeholderBytes[3]` holds `n/a`, `nil`, `nan`.
    static let placeholderBytes: [[[UInt8]]] = {
        var byLength = [[[UInt8]]](repeating: [], count: (placeholderWords.map(\.utf8.count).max() ?? 0) + 1)
        for word in placeholderWords.sorted() { byLength[word.utf8.count].append(Array(word.utf8)) }
        return byLength
    }()

    /// The first bytes (folded) a placeholder starts with: most cells are turned away on it.
    static let placeholderFirst: [Bool] = {
        var first = [Bool](repeating: false, count: 256)
        for word in placeholderWords {
            guard let byte = word.utf8.first else { continue }
            first[Int(byte)] = true
            if byte >= 0x61, byte <= 0x7A { first[Int(byte - 0x20)] = true }
        }
        return first
    }()

    /// Whether `value` (trimmed) is one of `placeholderWords`, in any case. Called on every
    /// answered cell of an import, so it compares bytes (ASCII letters folded) with the
    /// few words of the same length rather than lowercase and hash each cell.
    @inline(__always)
    static func isPlaceholder(_ value: String) -> Bool {
        guard let first = value.utf8.first, placeholderFirst[Int(first)] else { return false }
        let count = value.utf8.count
        guard count < placeholderBytes.count else { return false }
        for word in placeholderBytes[count] {
            var i = 0
            var same = true
            for byte in value.utf8 {
                let folded = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                if folded != word[i] { same = false; break }
                i += 1
            }
            if same { return true }
        }
        return false
    }

    /// A placeholder is pointed out when it fills at least this share of the rows read
    /// (one in twenty), and at least two of them.
    static func isLargeShare(_ rows: Int, of read: Int) -> Bool { rows >= 2 && rows * 20 >= read }

    /// Date formats tried on a date-named column's first values when the plan suggests
    /// mapping it to created (ISO first: it needs no date-format).
    static let dateFormats: [String?] = [nil, "dd-MM-yyyy", "MM-dd-yyyy", "dd/MM/yyyy", "MM/dd/yyyy", "dd.MM.yyyy",
                                         "dd-MM-yyyy HH:mm", "MM-dd-yyyy HH:mm", "dd/MM/yyyy HH:mm", "MM/dd/yyyy HH:mm"]

    /// The first format of `dateFormats` every sample reads in (`.some(nil)`: ISO); nil
    /// when none does.
    static func dateFormat(of samples: [String]) -> String?? {
        guard !samples.isEmpty else { return nil }
        for format in dateFormats {
            let dates = ImportDate(format: format)
            if samples.allSatisfy({ dates.parse($0) != nil }) { return .some(format) }
        }
        return nil
    }

    /// Whether a column's name says it holds a date that could be the lead's creation
    /// (`first_contact_date`, `CreatedDate`, `Signup date`); not a date of something
    /// later (Olist's `won_date`, `LastModifiedDate`, `ConvertedDate`).
    static func namesDate(_ column: String) -> Bool {
        // Its words: `LastModifiedDate` → last, modified, date; `Signup date` → signup, date.
        var words: [String] = []
        var current = ""
        for character in column {
            if character.isUppercase, current.last?.isLowercase == true { words.append(current); current = "" }
            if character.isLetter || character.isNumber { current.append(character) } else if !current.isEmpty { words.append(current); current = "" }
        }
        if !current.isEmpty { words.append(current) }
        words = words.map { $0.lowercased() }
        guard words.contains(where: { $0 == "date" || $0 == "created" }) else { return false }
        let later: Set<String> = ["won", "lost", "closed", "close", "converted", "modified", "updated", "last", "end", "due", "birth", "next"]
        return !words.contains { later.contains($0) }
    }
}

/// What planning counts as it reads each row's cells: answered cells per column, and the
/// placeholders and tags `ImportNotes` is made from. Empty (nothing counted) when a lead
/// is made again from its row.
struct ImportTally {
    /// Distinct tags kept (beyond it the plan says "more than").
    static let tagsKept = 10_000
    /// Values kept per date-named column to find its date format.
    static let dateSamples = 20

    var answered: [Int]
    /// Placeholder spelling → rows, per column.
    var placeholders: [Int: [String: Int]] = [:]
    var tagRows = 0
    var tags: [String: Int] = [:]
    var tagsOverflow = false
    /// Columns whose first values are kept (date-named columns not mapped to created).
    var sampled: Set<Int> = []
    var samples: [Int: [String]] = [:]

    init(columns: Int = 0) {
        answered = [Int](repeating: 0, count: columns)
    }

    /// Counts one answered cell of `column` (a column past `answered` counts nothing).
    @inline(__always)
    mutating func count(_ value: String, column: Int) {
        guard column < answered.count else { return }
        answered[column] += 1
        if ImportNotes.isPlaceholder(value) { placeholders[column, default: [:]][value, default: 0] += 1 }
        if !sampled.isEmpty, sampled.contains(column), samples[column, default: []].count < Self.dateSamples {
            samples[column, default: []].append(value)
        }
    }

    /// Counts a row's tags (only while counting).
    mutating func count(tags: [String]) {
        guard !answered.isEmpty, !tags.isEmpty else { return }
        tagRows += 1
        for tag in tags {
            if self.tags.count < Self.tagsKept || self.tags[tag] != nil { self.tags[tag, default: 0] += 1 } else { tagsOverflow = true }
        }
    }

    /// The notes for a plan of `read` rows over `columns`.
    func notes(columns: [ImportPlan.Column], read: Int) -> ImportNotes {
        var notes = ImportNotes()
        var byValue: [String: [(name: String, rows: Int)]] = [:]
        var order: [String] = []
        for (index, column) in columns.enumerated() {
            guard let counts = placeholders[index] else { continue }
            for (value, rows) in counts.sorted(by: { $0.value > $1.value || $0.value == $1.value && $0.key < $1.key })
            where ImportNotes.isLargeShare(rows, of: read) {
                if byValue[value] == nil { order.append(value) }
                byValue[value, default: []].append((name: column.name, rows: rows))
            }
        }
        notes.placeholders = order.map { .init(value: $0, columns: byValue[$0] ?? []) }
        if let column = columns.first(where: { $0.field == .tags }) {
            let common = tags.sorted { $0.value > $1.value || $0.value == $1.value && $0.key < $1.key }.prefix(3)
            // A label is a word or two; a note is a sentence.
            let sentences = !tags.isEmpty && tags.keys.filter { $0.split(separator: " ").count >= 4 }.count * 4 >= tags.count
            notes.tags = .init(column: column.name, origin: column.origin, rows: tagRows, distinct: tags.count, more: tagsOverflow,
                               common: common.map { (tag: $0.key, rows: $0.value) }, sentences: sentences)
        }
        if let index = columns.firstIndex(where: { $0.field == .created }) {
            let blank = read - (index < answered.count ? answered[index] : read)
            if blank > 0 { notes.created = .blank(column: columns[index].name, rows: blank) }
        } else {
            let candidates: [(column: String, format: String?)] = columns.indices.filter { sampled.contains($0) }.compactMap { index in
                guard let format = ImportNotes.dateFormat(of: samples[index] ?? []) else { return nil }
                return (column: columns[index].name, format: format)
            }
            notes.created = .noColumn(candidates: candidates)
        }
        if !columns.contains(where: { $0.field == .id }) {
            notes.idColumn = columns.indices.first { index in
                guard case .custom = columns[index].field, index < answered.count, answered[index] == read, read > 0 else { return false }
                let folded = ImportPreset.fold(columns[index].name)
                return folded.count > 2 && folded.hasSuffix("id")
            }.map { columns[$0].name }
        }
        return notes
    }
}
