/// Tables and records as aligned text for a terminal or a plain file.
struct TableTextRenderer {
    var width: Int?
    var stageColor: ((String) -> String?)?
    static let gap = "  "

    func render(_ result: CommandResult) -> String {
        switch result {
        case .none, .quit: return ""
        case .message(let text): return wrapped(TerminalText.visible(text)) + "\n"
        case .text(let text): return text.hasSuffix("\n") || text.isEmpty || text == ClearCommand.escape ? text : text + "\n"
        case .table(let table): return render(table)
        case .record(let record): return render(record)
        case .partial(let inner, _): return render(inner)
        case .document(_, let display): return render(display)
        case .many(let parts):
            return parts.map(render).filter { !$0.isEmpty }.joined(separator: "\n")
        }
    }

    /// Prose (a message, a table's title and footer) broken at spaces to the terminal's width, so
    /// the terminal does not break it in the middle of a word (`co` / `mpared`).
    func wrapped(_ text: String) -> String {
        guard let width, width >= 20 else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            DisplayWidth.of(String(line)) <= width ? String(line) : DisplayWidth.wrap(String(line), to: width).joined(separator: "\n")
        }.joined(separator: "\n")
    }

    /// A cell's text on one line: a line break inside a note or a company would start the
    /// rest of the row at the left margin, a tab would shift the columns after it.
    static func oneLine(_ text: String) -> String {
        guard text.contains(where: { $0.isNewline || $0 == "\t" }) else { return text }
        return text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).joined(separator: " ↵ ")
            .replacingOccurrences(of: "\t", with: " ")
    }

    func render(_ record: Record) -> String {
        var text = record.title.map { wrapped($0) + "\n" } ?? ""
        let keyWidth = record.fields.map { DisplayWidth.of($0.name) }.max() ?? 0
        for field in record.fields {
            let indent = keyWidth + Self.gap.count
            // A value of several lines keeps each under the first, not at the margin; each
            // line too wide is cut on its own (cutting them as one string cut the first).
            let value = field.value.display.replacingOccurrences(of: "\t", with: " ")
                .split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
                .map { line in
                    guard let width, DisplayWidth.of(String(line)) > width - indent, width - indent > 10 else { return String(line) }
                    return DisplayWidth.truncate(String(line), to: width - indent)
                }
                .joined(separator: "\n" + String(repeating: " ", count: indent))
            text += DisplayWidth.pad(field.name, to: keyWidth) + Self.gap + value + "\n"
        }
        return text
    }

    func render(_ table: Table) -> String {
        guard let width, !table.narrower.isEmpty, Self.naturalWidth(of: table) > width else { return layOut(table) }
        // The first narrower layout that fits whole; else the narrowest, fitted.
        let choice = table.narrower.first { Self.naturalWidth(of: $0) <= width } ?? table.narrower[table.narrower.count - 1]
        return layOut(choice)
    }

    /// The width a table takes unshrunk: every column as wide as its widest cell.
    static func naturalWidth(of table: Table) -> Int {
        let cells = table.rows.map { $0.map(\.display) }
        let widths = table.columns.indices.map { column in
            max(DisplayWidth.of(table.columns[column]), cells.map { column < $0.count ? DisplayWidth.of($0[column]) : 0 }.max() ?? 0)
        }
        return widths.reduce(0, +) + gap.count * max(0, widths.count - 1)
    }

    private func layOut(_ table: Table) -> String {
        var text = table.title.map { wrapped($0) + "\n" } ?? ""
        if table.rows.isEmpty {
            return text + "(none)\n" + (table.footer.map { wrapped($0) + "\n" } ?? "")
        }
        let cells = table.rows.map { $0.map { Self.oneLine($0.display) } }
        let numeric = table.columns.indices.map { column in
            table.rows.allSatisfy { row in column >= row.count || row[column] == .null || row[column].isNumeric }
        }
        var widths = table.columns.indices.map { column in
            max(DisplayWidth.of(table.columns[column]), cells.map { column < $0.count ? DisplayWidth.of($0[column]) : 0 }.max() ?? 0)
        }
        if let width { fit(&widths, into: width, numeric: numeric, minimums: table.columns.map(DisplayWidth.of)) }
        var beyondEdge = Array(repeating: false, count: widths.count)
        if let width {
            var end = 0
            for column in widths.indices {
                end += (column == 0 ? 0 : Self.gap.count) + widths[column]
                beyondEdge[column] = end > width
            }
        }

        func line(_ values: [String], isHeader: Bool) -> String {
            // A text cell wider than its column wraps at word boundaries onto more lines.
            guard !isHeader else { return physicalLine(values, isHeader: true) }
            // A column that runs past the terminal's edge is cut, not wrapped: its wrapped
            // lines would be cut too, and only add empty-looking lines.
            // Only a column of 20 or more wraps; a narrower one is cut (`…`): words broken
            // into slivers of six letters, stacked row on row, cannot be read.
            let wrapped = widths.enumerated().map { column, cellWidth -> [String] in
                let value = column < values.count ? values[column] : ""
                guard !numeric[column], !beyondEdge[column], cellWidth >= 20 else { return [value] }
                return DisplayWidth.wrap(value, to: cellWidth)
            }
            let height = wrapped.map(\.count).max() ?? 1
            guard height > 1 else { return physicalLine(values, isHeader: false) }
            var text = ""
            for k in 0..<height {
                text += physicalLine(wrapped.map { k < $0.count ? $0[k] : "" }, isHeader: false,
                                     colorOf: values)
            }
            return text
        }

        func physicalLine(_ values: [String], isHeader: Bool, colorOf original: [String]? = nil) -> String {
            var result = ""
            var used = 0
            for (column, cellWidth) in widths.enumerated() {
                let separator = column == 0 ? "" : Self.gap
                let value = DisplayWidth.truncate(column < values.count ? values[column] : "", to: cellWidth)
                var padded = DisplayWidth.pad(value, to: cellWidth, right: numeric[column] && !isHeader)
                var cut = false
                if let width, used + separator.count + cellWidth > width {
                    // The last resort of `fit`: cut the line at the terminal's edge.
                    let room = width - used - separator.count
                    guard room > 0 else { break }
                    padded = DisplayWidth.truncate(padded, to: room)
                    cut = true
                }
                let colorKey = original.map { column < $0.count ? $0[column] : "" } ?? value
                if !isHeader, !value.isEmpty, table.stageColumns.contains(column), let color = stageColor?(colorKey) {
                    padded = color + padded + "\u{1B}[0m"
                }
                result += separator + padded
                used += separator.count + cellWidth
                if cut { break }
            }
            while result.hasSuffix(" ") { result.removeLast() }
            return result + "\n"
        }
        text += line(table.columns, isHeader: true)
        var rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: Self.gap)
        if let width, rule.count > width { rule = String(rule.prefix(width)) }
        text += rule + "\n"
        for row in cells { text += line(row, isHeader: false) }
        if let note = table.moreRowsNote { text += wrapped(note) + "\n" }
        if let footer = table.footer { text += wrapped(footer) + "\n" }
        return text
    }

    /// Shrinks the widest text columns until the row fits `total` columns: first down to
    /// their header's width, then down to four columns (headers cut too). The first column
    /// names the row, so it keeps up to 16 columns: a row whose name is wrapped into
    /// slivers cannot be read. What still does not fit is cut at the right edge.
    private func fit(_ widths: inout [Int], into total: Int, numeric: [Bool], minimums: [Int]) {
        let gaps = Self.gap.count * max(0, widths.count - 1)
        let keep = widths.indices.map { $0 == 0 ? min(widths[0], max(16, minimums[0])) : 4 }
        let headers = minimums.indices.map { max(6, minimums[$0], keep[$0]) }
        for floor in [headers, keep] {
            while widths.reduce(0, +) + gaps > total {
                guard let widest = widths.indices.filter({ !numeric[$0] && widths[$0] > floor[$0] })
                    .max(by: { widths[$0] < widths[$1] }) else { break }
                widths[widest] -= 1
            }
        }
    }
}
