/// Results as RFC 4180 CSV: a header row, CRLF line ends, fields quoted when needed.
struct CSVRenderer {
    func render(_ result: CommandResult) -> String {
        switch result {
        case .none, .quit, .message: return ""
        case .text(let text): return text.isEmpty || text.hasSuffix("\n") ? text : text + "\r\n"
        case .partial(let inner, _): return render(inner)
        case .document(_, let display): return render(display)
        case .table(let table): return Self.render(table)
        case .record(let record):
            return row(["field", "value"]) + record.fields.map { row([$0.name, $0.value.plain]) }.joined()
        case .many(let parts):
            return parts.map(render).filter { !$0.isEmpty }.joined(separator: "\r\n")
        }
    }

    /// A table written as bytes into one buffer and made a string once: a few hundred
    /// thousand rows (`find pricing` on a million leads) cost the copying of their text,
    /// not a string, an array and a join per row.
    static func render(_ table: Table) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64 + table.rows.count * max(1, table.columns.count) * 16)
        func field(_ text: String) {
            var text = text
            text.withUTF8 { utf8 in
                var quoted = false
                for byte in utf8 where byte == 0x2C || byte == 0x22 || byte == 0x0A || byte == 0x0D {
                    quoted = true
                    break
                }
                guard quoted else { bytes.append(contentsOf: utf8); return }
                bytes.append(0x22)
                for byte in utf8 {
                    if byte == 0x22 { bytes.append(0x22) }
                    bytes.append(byte)
                }
                bytes.append(0x22)
            }
        }
        func endRow() { bytes.append(0x0D); bytes.append(0x0A) }
        for (i, name) in table.columns.enumerated() {
            if i > 0 { bytes.append(0x2C) }
            field(name)
        }
        endRow()
        for values in table.rows {
            for (i, value) in values.enumerated() {
                if i > 0 { bytes.append(0x2C) }
                switch value {
                case .null: break
                // Text the terminal would act on is made visible (TerminalText), checked on
                // the bytes first: almost no cell holds any.
                case .text(let text): field(Self.mayNeedVisible(text) ? TerminalText.visible(text) : text)
                default: field(value.plain)
                }
            }
            endRow()
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// False when `text` surely holds nothing `TerminalText.visible` would change: no
    /// control byte, and no lead byte of C1 controls (0xC2) or of the bidirectional
    /// controls (0xE2); true sends it the slow, exact way.
    static func mayNeedVisible(_ text: String) -> Bool {
        text.utf8.contains { ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A) || $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2 }
    }

    private func row(_ fields: [String]) -> String {
        fields.map(quote).joined(separator: ",") + "\r\n"
    }

    private func quote(_ field: String) -> String {
        // Most fields hold none of the bytes that need quoting: checked on the bytes.
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
