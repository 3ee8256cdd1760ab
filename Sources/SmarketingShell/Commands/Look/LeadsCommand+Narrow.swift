import SmarketingKit

/// The default `leads` table on a terminal too narrow for it: a reviewer reads leads by
/// name, so the name and company get the room first. `fit` and `interest` (the parts of
/// `score`) are left out, `country` is headed `cc`, and what is still too wide is cut from
/// the company before the name: a name of up to 20 columns (Thai and CJK measured by
/// display width) shows whole at 80 columns. Built only for a table on a terminal; csv,
/// json, markdown and a file always get the full table.
extension LeadsCommand {
    /// The full table's columns the narrow layout keeps, in order, with their headers.
    static let narrowColumns: [(index: Int, header: String)] = [
        (0, "id"), (1, "name"), (2, "company"), (3, "cc"), (4, "stage"), (5, "owner"), (8, "score"),
    ]

    /// The terminal's width when a table goes to it; nil for csv, json, markdown, a file.
    static func terminalWidth(in session: Session) -> Int? {
        session.settings.format == .table && session.redirect == nil ? session.terminalWidth?() ?? session.settings.width : nil
    }

    /// `table` (the default columns) laid out for `width` terminal columns: the kept
    /// columns as wide as their content, and the rest of the line shared by name and
    /// company, the company giving way first (down to a third of the room, at least 10).
    static func narrow(_ table: Table, width: Int) -> Table {
        guard table.columns == defaultColumns else { return table }
        var rows = table.rows.map { row in narrowColumns.map { $0.index < row.count ? row[$0.index] : .null } }
        let gaps = TableTextRenderer.gap.count * (narrowColumns.count - 1)
        func widest(_ column: Int) -> Int {
            max(DisplayWidth.of(narrowColumns[column].header), rows.map { DisplayWidth.of(TableTextRenderer.oneLine($0[column].display)) }.max() ?? 0)
        }
        let fixed = [0, 3, 4, 5, 6].map(widest).reduce(0, +)
        let room = width - fixed - gaps
        let (name, company) = (widest(1), widest(2))
        if name + company > room, room >= 24 {
            let nameWidth = min(name, room - min(company, max(10, room / 3)))
            let companyWidth = room - nameWidth
            for k in rows.indices {
                rows[k][1] = cut(rows[k][1], to: nameWidth)
                rows[k][2] = cut(rows[k][2], to: companyWidth)
            }
        }
        return Table(title: table.title, columns: narrowColumns.map(\.header), rows: rows, footer: table.footer,
                     stageColumns: [4], moreRows: table.moreRows)
    }

    /// A text cell cut to `width` display columns (`…` marks the cut).
    private static func cut(_ value: TableValue, to width: Int) -> TableValue {
        let text = TableTextRenderer.oneLine(value.display)
        return DisplayWidth.of(text) > width ? .text(DisplayWidth.truncate(text, to: width)) : value
    }
}
