/// Results as GitHub-flavoured Markdown, for pasting a review into a wiki or a ticket.
struct MarkdownRenderer {
    func render(_ result: CommandResult) -> String {
        switch result {
        case .none, .quit: return ""
        case .message(let text): return text + "\n"
        case .text(let text): return text.hasSuffix("\n") ? text : text + "\n"
        case .partial(let inner, _): return render(inner)
        case .document(_, let display): return render(display)
        case .table(let table):
            var text = table.title.map { "**\(escape($0))**\n\n" } ?? ""
            text += "| " + table.columns.map(escape).joined(separator: " | ") + " |\n"
            let numeric = table.columns.indices.map { c in !table.rows.isEmpty && table.rows.allSatisfy { c >= $0.count || $0[c] == .null || $0[c].isNumeric } }
            text += "|" + numeric.map { $0 ? " ---: |" : " --- |" }.joined() + "\n"
            for row in table.rows {
                text += "| " + row.map { escape($0.display) }.joined(separator: " | ") + " |\n"
            }
            // A header alone reads like a broken paste: say that nothing matched.
            if table.rows.isEmpty { text += "\n_(none)_\n" }
            if let footer = table.footer { text += "\n" + escape(footer) + "\n" }
            return text
        case .record(let record):
            var text = record.title.map { "**\(escape($0))**\n\n" } ?? ""
            text += "| field | value |\n| --- | --- |\n"
            for field in record.fields { text += "| \(escape(field.name)) | \(escape(field.value.display)) |\n" }
            return text
        case .many(let parts):
            return parts.map(render).filter { !$0.isEmpty }.joined(separator: "\n")
        }
    }

    private func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
