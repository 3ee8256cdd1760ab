import Foundation
import SmarketingKit

/// What a command produced, as data. Commands never print: the session renders results
/// in the chosen format (table, json, csv, markdown), so every command gets every format.
public indirect enum CommandResult: Sendable, Equatable {
    case none
    /// A short confirmation ("saved demo.json: 420 leads").
    case message(String)
    /// Preformatted text (help), printed as is in every format but JSON.
    case text(String)
    case table(Table)
    case record(Record)
    /// Several results, shown one after another.
    case many([CommandResult])
    /// A result with its own JSON form (`show` gives the lead's JSON object).
    case document(JSONValue, display: CommandResult)
    /// A change that applied to some leads and was refused for others: the result goes
    /// to stdout, each refusal to stderr, and the command counts as failed.
    case partial(CommandResult, refusals: [String])
    /// Leave the session.
    case quit
}

/// One cell's value, typed so JSON and CSV output keep numbers as numbers.
public enum TableValue: Sendable, Equatable {
    case null
    case text(String)
    case number(Double)
    case date(Date)
    case list([String])
    /// A share (0.423), shown as `42.3%`, right-aligned, and a number in JSON and CSV.
    case percent(Double)
    /// No number, and a word saying why (`no history`): right-aligned among the numbers
    /// of its column, null in JSON.
    case missing(String)
    /// Several figures read together (`31  64.6%`): right-aligned like a number, a string
    /// in JSON and CSV. Only a table's narrower layout uses it; the full table keeps each
    /// figure in its own typed column.
    case figures(String)

    /// `part` of `whole` as a share; none when there is no whole.
    public static func share(_ part: Int, of whole: Int) -> TableValue {
        whole > 0 ? .percent(Double(part) / Double(whole)) : .null
    }

    /// The value as it reads in a table cell: large numbers with thousands separators
    /// (`1,148,903`); control characters and escape sequences in data are shown visibly
    /// (`TerminalText`), never sent to the terminal.
    public var display: String {
        if case .number(let number) = self { return Thousands.format(number) }
        return plain
    }

    /// The value as data (CSV): numbers plain (`1148903`), control characters visible.
    public var plain: String {
        switch self {
        case .null: ""
        case .text(let text): TerminalText.visible(text)
        case .number(let number): NumberText.format(number)
        case .date(let date): Timestamp.formatShort(date)
        case .list(let items): TerminalText.visible(items.joined(separator: ", "))
        case .percent(let fraction): Percent.format(fraction)
        case .missing(let why): why
        case .figures(let text): text
        }
    }

    public var json: JSONValue {
        switch self {
        case .null: .null
        case .text(let text): .string(text)
        case .number(let number): .number(number)
        case .date(let date): .string(Timestamp.format(date))
        case .list(let items): .array(items.map(JSONValue.string))
        case .percent(let fraction): .number((fraction * 10_000).rounded() / 10_000)
        case .missing: .null
        case .figures(let text): .string(text)
        }
    }

    public var isNumeric: Bool {
        switch self {
        case .number, .percent, .missing, .figures: true
        default: false
        }
    }

    public init(_ text: String?) {
        self = text.map(TableValue.text) ?? .null
    }

    public init(_ number: Double?) {
        self = number.map(TableValue.number) ?? .null
    }

    public init(_ number: Int?) {
        self = number.map { TableValue.number(Double($0)) } ?? .null
    }

    public init(_ date: Date?) {
        self = date.map(TableValue.date) ?? .null
    }
}

/// Rows and named columns, with an optional title and a note under it ("… 20 of 420").
public struct Table: Sendable, Equatable {
    public var title: String?
    public var columns: [String]
    public var rows: [[TableValue]]
    public var footer: String?
    /// Columns holding stage ids, coloured by stage on a terminal.
    public var stageColumns: Set<Int>
    /// The same facts in fewer, denser columns, tried in order when a terminal is too
    /// narrow for this table (wrapping a dozen columns into slivers helps nobody); csv,
    /// json and markdown always get the full table.
    public var narrower: [Table]
    /// Rows left out by the `maxrows` cap (a table at the prompt); counted under the
    /// table with a note saying how to see them. Zero in csv, json and markdown.
    public var moreRows: Int

    public init(title: String? = nil, columns: [String], rows: [[TableValue]] = [], footer: String? = nil, stageColumns: Set<Int> = [],
                narrower: [Table] = [], moreRows: Int = 0) {
        self.title = title
        self.columns = columns
        self.rows = rows
        self.footer = footer
        self.stageColumns = stageColumns
        self.narrower = narrower
        self.moreRows = moreRows
    }
}

/// Named values about one thing (a lead, the workspace), shown as `key  value` lines.
public struct Record: Sendable, Equatable {
    public var title: String?
    public var fields: [Field]

    public struct Field: Sendable, Equatable {
        public var name: String
        public var value: TableValue
        public init(_ name: String, _ value: TableValue) {
            self.name = name
            self.value = value
        }
    }

    public init(title: String? = nil, fields: [Field]) {
        self.title = title
        self.fields = fields
    }
}
