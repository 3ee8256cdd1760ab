import Foundation
import SmarketingKit

/// `export [SEL] to FILE.csv|FILE.json [cols a,b,c]`: the selected leads out again, as a
/// CSV a spreadsheet or CRM takes back, or as a workspace file smk opens.
public enum ExportCommand: ShellCommand {
    public static let name = "export"
    public static let group = CommandGroup.look
    public static let summary = "write leads to a CSV file (RFC 4180) or a workspace JSON file"
    public static let usage = "export [ID,…|where EXPR|@view] to FILE [cols a,b,c]"
    public static let details = """
        FILE.csv: a header and one line per lead, CRLF line ends, fields quoted only when
        they must be; the columns are the lead fields (id, name, email, … stage, owner, fit,
        interest, value, tags, created) or those given with cols: any of those, a computed
        field a listing shows (score, quadrant, persona, age, idle, attempts, dupes, …),
        fields.NAME for a custom field and fields.* for every custom field the leads have.
        import reads such a file back to the same leads (computed columns come in as
        custom fields; fit and interest are written as stored, which import reads back,
        where fit or interest rules make a listing show the rules' values). FILE.json:
        a workspace with the selected leads and this workspace's funnel, team and
        agreements, which smk opens and computes score and the rest from again.
        """
    public static let examples = [
        "export where stage = mql to /tmp/smk-example-mqls.csv cols id,name,email,company,stage,fields.*",
        "export @hot to /tmp/smk-example-hot.json",
        "export where stage = mql to /tmp/smk-example-scores.csv cols id,name,score,quadrant,age",
    ]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        let selector = try LeadSelector.parse(&arguments, in: session)
        try arguments.expect("to")
        let file = try arguments.text("a file ending in .csv or .json")
        var columns: [String]?
        if arguments.take("cols") { columns = try arguments.list("a column").map(\.text) }
        try arguments.finish()
        try SafeMode.check(file.text, for: "export", in: session)
        let rows = try selector.rows(in: session, environment: session.queryEnvironment())
        let leads = session.workspace.leads
        let lower = file.text.lowercased()
        if lower.hasSuffix(".json") {
            guard columns == nil else {
                throw .refused("cols shapes only a CSV export (export … to FILE.csv cols id,name,score); a .json export "
                               + "is a workspace: it keeps every field, and the rules that score, quadrant and the other "
                               + "computed fields come from")
            }
            var copy = session.workspace
            do { copy.leads = try LeadStore(rows.map { leads[$0] }) } catch { throw .refused("repeated lead id \(error.id)") }
            do { try copy.save(path: file.text) } catch { throw .workspace(error) }
            return .message("exported \(Thousands.format(rows.count)) lead\(rows.count == 1 ? "" : "s") to \(file.text)")
        }
        guard lower.hasSuffix(".csv") else {
            throw arguments.unexpected(file, expected: "a file ending in .csv or .json")
        }
        var custom: [String] = []
        var seen: Set<String> = []
        func customFields() -> [String] {
            if custom.isEmpty {
                for row in rows {
                    for key in leads[row].fields.keys where seen.insert(key).inserted { custom.append("fields." + key) }
                }
            }
            return custom
        }
        var header: [String] = []
        // Columns a listing computes (score, quadrant, age, …), by their place in the
        // header: the stored ones are written straight from the lead, as before.
        var computed: [(index: Int, field: LeadField)] = []
        for column in columns ?? CSVWriter.leadColumns {
            if column == "fields.*" { header += customFields(); continue }
            if column.hasPrefix("fields.") || CSVWriter.leadColumns.contains(column.lowercased()) {
                header.append(column.hasPrefix("fields.") ? column : column.lowercased())
                continue
            }
            guard let field = LeadField.named(column) else {
                let names = LeadField.all.map(\.name)
                throw .refused("'\(column)' is no column of an export (any field leads shows, computed ones too: help fields "
                               + "lists them; fields.NAME or fields.*)"
                               + (Suggestion.nearest(to: column, in: names).map { " — did you mean '\($0)'?" } ?? ""))
            }
            computed.append((header.count, field))
            header.append(field.name)
        }
        let environment = session.queryEnvironment()
        var text = CSVWriter.line(header)
        // Custom fields the default columns leave out: said, since a re-import of the file
        // would not bring them back (X Education's 30 were dropped without a word).
        var leftOut: Set<String> = []
        for row in rows {
            if session.isInterrupted() { throw .interrupted }
            let lead = leads[row]
            if columns == nil { leftOut.formUnion(lead.fields.keys) }
            var cells = CSVWriter.cells(of: lead, columns: header)
            for (index, field) in computed { cells[index] = leads.value(of: field, at: row, in: environment).cell.exported }
            text += CSVWriter.line(cells)
        }
        do { try AtomicFile.replace(file.text, with: Array(text.utf8)) } catch { throw .workspace(error) }
        let note = leftOut.isEmpty ? ""
            : "; \(leftOut.count) custom field\(leftOut.count == 1 ? "" : "s") left out: cols \(CSVWriter.leadColumns.joined(separator: ",")),fields.* keeps them"
        return .message("exported \(Thousands.format(rows.count)) lead\(rows.count == 1 ? "" : "s") to \(file.text) (\(header.count) columns\(note))")
    }
}

extension TableValue {
    /// The cell as an export writes it: numbers and shares as numbers (0.423, not
    /// 42.3%), dates in full, text as it is, so a spreadsheet computes with them.
    var exported: String {
        switch self {
        case .null, .missing: ""
        case .text(let text), .figures(let text): text
        case .number(let number): NumberText.format(number)
        case .date(let date): Timestamp.format(date)
        case .list(let items): items.joined(separator: ";")
        case .percent(let fraction): NumberText.format((fraction * 10_000).rounded() / 10_000)
        }
    }
}
