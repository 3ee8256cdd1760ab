import Foundation
import Testing
@testable import SmarketingKit
@testable import SmarketingShell

/// The CSV of a table is written as bytes into one buffer; it must read exactly as the
/// field-by-field rendering it replaced (RFC 4180 quoting, control characters visible).
@Suite("csv tables written as bytes")
struct CSVBytesTests {
    /// The rendering before: each field's `plain` text, quoted when it holds , " or a line end.
    static func reference(_ table: Table) -> String {
        func quote(_ field: String) -> String {
            guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return field }
            return "\"" + field.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
        }
        func row(_ fields: [String]) -> String { fields.map(quote).joined(separator: ",") + "\r\n" }
        return row(table.columns) + table.rows.map { row($0.map(\.plain)) }.joined()
    }

    static let awkward: [String] = [
        "plain", "Ștefan Popescu", "สมชาย ปัญญาดี", "王磊", "a, b", "say \"hi\"", "two\nlines", "cr\r\nlf", "\"", ",",
        "esc \u{1B}[31mred", "c1 \u{85} next line", "bidi \u{202E}txt.exe", "isolate \u{2066}x\u{2069}", "dash – ok", "tab\tin",
        "bell\u{07}", "del\u{7F}", "", "  spaced  ", "quote, \u{1B} and \"all\"\n",
    ]

    @Test("every awkward text, number, date, list and null renders as before", arguments: awkward)
    func sameAsBefore(text: String) {
        let table = Table(columns: ["id", "na,me", "n", "when", "tags", "none", "share"],
                          rows: [[.text(text), .text("x" + text), .number(1_234_567.5), .date(Date(timeIntervalSince1970: 1_700_000_000)),
                                  .list([text, "b,c"]), .null, .percent(0.4231)],
                                 [.missing("no history"), .figures("31  64.6%"), .number(-3), .null, .list([]), .text(text), .null]])
        #expect(CSVRenderer().render(.table(table)) == Self.reference(table))
    }

    @Test("a table of many rows renders as before")
    func many() {
        let rows = (0..<5000).map { i -> [TableValue] in
            [.text("L-\(i)"), .text(Self.awkward[i % Self.awkward.count]), .number(Double(i) / 7)]
        }
        let table = Table(columns: ["id", "name", "score"], rows: rows, footer: "5,000 leads")
        #expect(CSVRenderer().render(.table(table)) == Self.reference(table))
    }
}
