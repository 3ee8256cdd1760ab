/// Writes CSV as RFC 4180 says and every spreadsheet and CRM reads it back: a header
/// line, CRLF line ends, and a field quoted (its quotes doubled) only when it holds a
/// comma, a quote, a line break or a leading or trailing space.
public enum CSVWriter {
    public static func field(_ text: String) -> String {
        let needsQuotes = text.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || text.first == " " || text.last == " "
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    public static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    /// The columns of a lead export, in order: `id`, `name`, … and `fields.NAME`.
    public static func cells(of lead: Lead, columns: [String]) -> [String] {
        columns.map { column in
            if column.hasPrefix("fields.") {
                switch lead.fields[String(column.dropFirst(7))] {
                case .string(let text)?: return text
                case .number(let text)?: return text
                case .bool(let flag)?: return flag ? "true" : "false"
                case nil, .null?: return ""
                case let other?:
                    var writer = JSONWriter()
                    writer.compact(other)
                    return String(decoding: writer.bytes, as: UTF8.self)
                }
            }
            switch column {
            case "id": return lead.id
            case "name": return lead.name ?? ""
            case "email": return lead.email ?? ""
            case "phone": return lead.phone ?? ""
            case "company": return lead.company ?? ""
            case "title": return lead.title ?? ""
            case "industry": return lead.industry ?? ""
            case "employees": return lead.employees.map(String.init) ?? ""
            case "country": return lead.country ?? ""
            case "city": return lead.city ?? ""
            case "source": return lead.source ?? ""
            case "campaign": return lead.campaign ?? ""
            case "stage": return lead.stage
            case "owner": return lead.owner ?? ""
            case "fit": return lead.fit.map(NumberText.format) ?? ""
            case "interest": return lead.interest.map(NumberText.format) ?? ""
            case "value": return lead.value.map(NumberText.format) ?? ""
            case "tags": return lead.tags.joined(separator: ";")
            case "created": return lead.created.map(Timestamp.format) ?? ""
            default: return ""
            }
        }
    }

    /// The lead columns an export writes when no `cols` are given.
    public static let leadColumns = ["id", "name", "email", "phone", "company", "title", "industry", "employees", "country", "city",
                                     "source", "campaign", "stage", "owner", "fit", "interest", "value", "tags", "created"]
}
