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
        counted, whatever its stage: whether it was handed over is unknown; the footer
        says how many there are, per stage.
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
        var total = ClosedLoop.Tally()
        var rows: [[TableValue]] = []
        var narrowRows: [[TableValue]] = []
        for group in grouping.groups {
            var tally = ClosedLoop.Tally()
            for row in group.rows { if let one = tallies[row] { tally.add(one) } }
            let key = group.key == .none ? TableValue.text("(none)") : group.key.cell
            rows.append([key] + cells(tally))
            narrowRows.append([key] + narrowCells(tally))
        }
        for tally in tallies.values { total.add(tally) }
        if !rows.isEmpty {
            rows.append([.text("all")] + cells(total))
            narrowRows.append([.text("all")] + narrowCells(total))
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
        let narrow = Table(columns: [field.name, "mqls", "accepted", "rejected", "good/bad  good%", "won", "top reject reasons"],
                           rows: narrowRows, footer: footer, stageColumns: stageColumns)
        return .table(Table(columns: [field.name, "mqls", "accepted", "accepted%", "rejected", "rejected%", "good", "bad", "good%",
                                      "won", "won%", "top reject reasons"],
                            rows: rows, footer: footer, stageColumns: stageColumns, narrower: [narrow]))
    }

    /// A group's counts with their shares beside them (`31  64.6%`), for a terminal too
    /// narrow for a column each.
    static func narrowCells(_ t: ClosedLoop.Tally) -> [TableValue] {
        func share(_ part: Int, of whole: Int) -> String {
            let text = TableValue.share(part, of: whole).display
            return String(repeating: " ", count: max(0, 6 - text.count)) + text
        }
        let reasons = t.topReasons(2).map { "\($0.reason) (\($0.count))" }.joined(separator: "; ")
        return [
            .number(Double(t.handed)),
            .figures(Thousands.format(Double(t.accepted)) + share(t.accepted, of: t.handed)),
            .figures(Thousands.format(Double(t.rejected)) + share(t.rejected, of: t.handed)),
            .figures("\(Thousands.format(Double(t.good)))/\(Thousands.format(Double(t.bad)))" + share(t.good, of: t.good + t.bad)),
            .figures(Thousands.format(Double(t.won)) + share(t.won, of: t.handed)),
            reasons.isEmpty ? .null : .text(reasons),
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
