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
        interest, value, tags, created) or those given with cols, where fields.NAME is a
        custom field and fields.* every custom field the leads have. import reads such a
        file back to the same leads. FILE.json: a workspace with the selected leads and
        this workspace's funnel, team and agreements, which smk opens.
        """
    public static let examples = [
        "export where stage = mql to /tmp/smk-example-mqls.csv cols id,name,email,company,stage,fields.*",
        "export @hot to /tmp/smk-example-hot.json",
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
            guard columns == nil else { throw .refused("cols only shapes a CSV export; a workspace keeps every field") }
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
        for column in columns ?? CSVWriter.leadColumns {
            if column == "fields.*" { header += customFields(); continue }
            guard column.hasPrefix("fields.") || CSVWriter.leadColumns.contains(column.lowercased()) else {
                throw .refused("'\(column)' is no column of an export (lead fields, fields.NAME or fields.*)"
                               + (Suggestion.nearest(to: column, in: CSVWriter.leadColumns).map { " — did you mean '\($0)'?" } ?? ""))
            }
            header.append(column.hasPrefix("fields.") ? column : column.lowercased())
        }
        var text = CSVWriter.line(header)
        // Custom fields the default columns leave out: said, since a re-import of the file
        // would not bring them back (X Education's 30 were dropped without a word).
        var leftOut: Set<String> = []
        for row in rows {
            if session.isInterrupted() { throw .interrupted }
            let lead = leads[row]
            if columns == nil { leftOut.formUnion(lead.fields.keys) }
            text += CSVWriter.line(CSVWriter.cells(of: lead, columns: header))
        }
        do { try AtomicFile.replace(file.text, with: Array(text.utf8)) } catch { throw .workspace(error) }
        let note = leftOut.isEmpty ? ""
            : "; \(leftOut.count) custom field\(leftOut.count == 1 ? "" : "s") left out: cols \(CSVWriter.leadColumns.joined(separator: ",")),fields.* keeps them"
        return .message("exported \(Thousands.format(rows.count)) lead\(rows.count == 1 ? "" : "s") to \(file.text) (\(header.count) columns\(note))")
    }
}
