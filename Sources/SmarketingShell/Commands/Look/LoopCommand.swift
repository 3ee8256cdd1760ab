import SmarketingKit

/// `loop [by FIELD] [over 30d]`: the closed loop, per source (or any field): of the MQLs
/// marketing handed over, how many sales accepted, rejected (and why), rated good or
/// bad, and won. The table both teams read together at the weekly meeting.
public enum LoopCommand: ShellCommand {
    public static let name = "loop"
    public static let group = CommandGroup.look
    public static let summary = "the closed loop per source: MQLs handed over, accepted, rejected (why), good/bad, won"
    public static let usage = "loop [by source|campaign|persona|FIELD] [over DURATION] [where EXPR|@view]"
    public static let details = """
        One row per value of FIELD (source by default) and a total: MQLs handed over (leads
        that entered mql, marketing's last stage, or a later one), how many sales accepted
        (entered sal, the hand-off, or later), rejected (reject: not ready, with the most given reasons),
        the latest verdicts (feedback good or bad; good% is the share of the rated ones),
        and won (reached customer). accepted%, rejected% and won% are shares of the MQLs
        handed over. over 30d counts only leads handed over in the last 30 days. A lead
        created in its stage with no move on record (as an import brings them) is not
        counted: whether it was handed over is unknown; the footer says how many there
        are, per stage. One created in mql and still there is counted: handed over, no
        more.
        The same facts are fields: feedback, feedbacks, reason, rejected
        (count where rejected = true by reason).
        """
    public static let examples = ["loop", "loop by campaign over 90d", "loop by persona where country = 'SE'"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        var fieldName = "source"
        var window: Double?
        var byToken: Token?
        var selector = LeadSelector.all
        while let token = arguments.peek {
            if arguments.take("by") {
                let token = try arguments.text("a field to group by")
                byToken = token
                fieldName = token.text
            } else if arguments.take("over") {
                window = try SlaCommand.duration(&arguments, "a window such as 30d")
            } else if token.isKeyword("where") || token.text.hasPrefix("@") {
                selector = try LeadSelector.parse(&arguments, in: session, stops: LeadSelector.clauseEnds.union(["over"]))
            } else {
                throw arguments.unexpected(token, expected: "by FIELD, over DURATION, where EXPR or the end")
            }
        }
        let field: LeadField
        if let byToken { field = try ListingShape.field(byToken, in: session) } else if let source = LeadField.named(fieldName) {
            field = source
        } else {
            throw .refused("no field \(fieldName)")
        }
        let environment = session.queryEnvironment()
        let loop = ClosedLoop(funnel: session.workspace.funnel, now: session.now, window: window)
        let selected = try selector.rows(in: session, environment: environment)
        // Read from the columns; only edited leads are decoded.
        guard let counted = loop.tallies(of: selected, in: session.workspace.leads, isInterrupted: session.isInterrupted) else {
            throw .interrupted
        }
        let handed = counted.map(\.row)
        var tallies: [Int: ClosedLoop.Tally] = [:]
        tallies.reserveCapacity(counted.count)
        for (row, tally) in counted { tallies[row] = tally }
        let grouping = Grouping(rows: handed, by: field, in: session, environment: environment)
        // The narrow layout is for a table on a terminal (csv, json and a file never show
        // it), and its reasons are laid out for that terminal's width.
        let terminalWidth = session.settings.format == .table && session.redirect == nil
            ? session.terminalWidth?() ?? session.settings.width : nil
        var total = ClosedLoop.Tally()
        var rows: [[TableValue]] = []
        var narrowRows: [[TableValue]] = []
        var narrowReasons: [(group: String, reasons: String)] = []
        for group in grouping.groups {
            var tally = ClosedLoop.Tally()
            for row in group.rows { if let one = tallies[row] { tally.add(one) } }
            let key = group.key == .none ? TableValue.text("(none)") : group.key.cell
            rows.append([key] + cells(tally))
            if terminalWidth != nil {
                narrowRows.append([key] + narrowCells(tally))
                if let reasons = reasons(tally) { narrowReasons.append((key.display, reasons)) }
            }
        }
        for tally in tallies.values { total.add(tally) }
        if !rows.isEmpty {
            rows.append([.text("all")] + cells(total))
            narrowRows.append([.text("all")] + narrowCells(total))
            if let reasons = reasons(total) { narrowReasons.append(("all", reasons)) }
        }
        let stages = loop.stages
        let span = window.map { " in the last \(QueryValue.formatDuration($0))" } ?? ""
        var footer = "\(Thousands.format(total.handed)) MQL\(total.handed == 1 ? "" : "s") handed over (entered \(stages.handOff))\(span); "
            + "accepted: entered \(stages.accepted); won: reached \(stages.won ?? "the last stage")"
        // Leads created in a side stage with no move on record (an import brings leads in
        // as they are now) may have been MQLs or not: counted as neither, and said, so the
        // shares are not read as all leads'.
        let untold = loop.untold(selected, handed: Set(handed), in: session.workspace.leads)
        if !untold.isEmpty {
            let count = untold.reduce(0) { $0 + $1.count }
            let where_ = untold.map { "\(Thousands.format(Double($0.count))) in \($0.stage)" }.joined(separator: ", ")
            footer += "; not counted: \(where_) with no move on record into \(count == 1 ? "its" : "their") stage "
                + "(as imported), so whether \(count == 1 ? "it was" : "they were") handed over is unknown"
        }
        let stageColumns: Set<Int> = field.type == .stage ? [0] : []
        let table = Table(columns: [field.name, "mqls", "accepted", "accepted%", "rejected", "rejected%", "good", "bad", "good%",
                                    "won", "won%", "top reject reasons"],
                          rows: rows, footer: footer, stageColumns: stageColumns)
        guard let terminalWidth else { return .table(table) }
        // The reasons are sentences: in a column beside six counts they were cut to a few
        // letters. Here they follow the counts, a line a group, broken under themselves.
        let narrow = Table(columns: [field.name, "mqls", "accepted", "rejected", "good/bad  good%", "won"],
                           rows: narrowRows, footer: footer + reasonLines(narrowReasons, width: terminalWidth),
                           stageColumns: stageColumns)
        return .table(Table(columns: table.columns, rows: rows, footer: footer, stageColumns: stageColumns, narrower: [narrow]))
    }

    /// The top reject reasons of each group that has any, under the narrow table:
    /// `  webinar           sales rejected: no project yet, keep warm (1)`, a long one
    /// continued under its own start.
    static func reasonLines(_ reasons: [(group: String, reasons: String)], width: Int) -> String {
        guard !reasons.isEmpty else { return "" }
        let column = 2 + min(18, reasons.map { DisplayWidth.of($0.group) }.max() ?? 0) + 2
        let lines = reasons.flatMap { group, text -> [String] in
            let name = DisplayWidth.of(group) > column - 4 ? DisplayWidth.truncate(group, to: column - 4) : group
            return HelpText.hanging("  " + name, text, column: column, width: width)
        }
        return "\ntop reject reasons:\n" + lines.joined(separator: "\n")
    }

    /// A group's two most given reject reasons, with how often each was given.
    static func reasons(_ t: ClosedLoop.Tally) -> String? {
        let reasons = t.topReasons(2).map { "\($0.reason) (\($0.count))" }.joined(separator: "; ")
        return reasons.isEmpty ? nil : reasons
    }

    /// A group's counts with their shares beside them (`31  64.6%`), for a terminal too
    /// narrow for a column each; its reasons go below the table.
    static func narrowCells(_ t: ClosedLoop.Tally) -> [TableValue] {
        func share(_ part: Int, of whole: Int) -> String {
            let text = TableValue.share(part, of: whole).display
            return String(repeating: " ", count: max(0, 6 - text.count)) + text
        }
        return [
            .number(Double(t.handed)),
            .figures(Thousands.format(Double(t.accepted)) + share(t.accepted, of: t.handed)),
            .figures(Thousands.format(Double(t.rejected)) + share(t.rejected, of: t.handed)),
            .figures("\(Thousands.format(Double(t.good)))/\(Thousands.format(Double(t.bad)))" + share(t.good, of: t.good + t.bad)),
            .figures(Thousands.format(Double(t.won)) + share(t.won, of: t.handed)),
        ]
    }

    /// A group's counts and shares, as table cells.
    static func cells(_ t: ClosedLoop.Tally) -> [TableValue] {
        let reasons = t.topReasons(2).map { "\($0.reason) (\($0.count))" }.joined(separator: "; ")
        return [
            .number(Double(t.handed)), .number(Double(t.accepted)), .share(t.accepted, of: t.handed),
            .number(Double(t.rejected)), .share(t.rejected, of: t.handed),
            .number(Double(t.good)), .number(Double(t.bad)), .share(t.good, of: t.good + t.bad),
            .number(Double(t.won)), .share(t.won, of: t.handed), reasons.isEmpty ? .null : .text(reasons),
        ]
    }
}
