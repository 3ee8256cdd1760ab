/// Results as RFC 4180 CSV: a header row, CRLF line ends, fields quoted when needed.
struct CSVRenderer {
    func render(_ result: CommandResult) -> String {
        switch result {
        case .none, .quit, .message: return ""
        case .text(let text): return text.isEmpty || text.hasSuffix("\n") ? text : text + "\r\n"
        case .partial(let inner, _): return render(inner)
        case .document(_, let display): return render(display)
        case .table(let table):
            var text = row(table.columns)
            for values in table.rows { text += row(values.map(\.plain)) }
            return text
        case .record(let record):
            return row(["field", "value"]) + record.fields.map { row([$0.name, $0.value.plain]) }.joined()
        case .many(let parts):
            return parts.map(render).filter { !$0.isEmpty }.joined(separator: "\r\n")
        }
    }

    private func row(_ fields: [String]) -> String {
        fields.map(quote).joined(separator: ",") + "\r\n"
    }

    private func quote(_ field: String) -> String {
        // Most fields hold none of the bytes that need quoting: checked on the bytes, a
        // few hundred thousand rows (find pricing on a million leads) render in a blink.
        guard field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return field }
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
