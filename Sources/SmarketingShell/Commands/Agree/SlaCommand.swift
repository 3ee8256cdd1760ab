import Foundation
import SmarketingKit

/// `sla`: the service-level agreement between the teams, and whether each side kept it.
public enum SlaCommand: ShellCommand {
    public static let name = "sla"
    public static let group = CommandGroup.agree
    public static let summary = "the agreement between the teams, and whether each kept its side (over the last 30 days)"
    public static let usage = "sla [over DURATION] | sla breaches [over DURATION] | sla set mqls N|minfit N|contact DURATION|attempts N [in DURATION]… | sla set contact DURATION|none where EXPR"
    public static let details = """
        Marketing promises MQLs a month (mqls), each with a fit of at least minfit. Sales'
        clock starts when a lead enters the hand-off stage (the first stage sales owns,
        sal): first contact (a call, email or meeting) within the contact time, and the
        agreed attempts within the days given, unless the lead moved further in the
        funnel first. Leads still inside a deadline are pending and count neither way.
        sla breaches prints the number of promises broken, for scripts:
        expect sla breaches = 0 else "the SLA was broken"; with no SLA agreed it is an
        error (nothing to count), and the JSON of sla has breaches null.
        sla set changes the agreement (one undo step): sla set contact 24h attempts 3 in 7d.
        The first-contact promise may differ by condition (ideal leads first): sla set
        contact 1h where quadrant = ideal; a lead is held to the first condition it meets,
        the others to the plain contact time, and sla reports each promise on its own
        line (contact none where … removes one). With both teams in the workspace, sla
        set is a proposal the other team approves (proposals).
        """
    public static let examples = ["sla", "sla over 7d", "sla breaches", "sla set mqls 50 minfit 60; sla; undo",
                                  "as erik; sla set contact 4h where quadrant = ideal; as anna; approve all; sla; undo 2"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        if arguments.take("set") { return try set(&arguments, in: session) }
        let countOnly = arguments.take("breaches")
        var window = 30 * 86_400.0
        if arguments.take("over") { window = try duration(&arguments, "a window such as 30d") }
        try arguments.finish()
        // A count of 0 broken promises when none was made would pass `expect sla breaches
        // = 0` without checking anything: the count is refused instead, saying why.
        if countOnly, !session.workspace.sla.hasPromise {
            throw .refused("sla breaches: no SLA is agreed between the teams, so there are no promises to count "
                           + "(a 0 would pass any check); propose one: sla set mqls 40 minfit 50 contact 24h attempts 3 in 7d")
        }
        // Kept until the leads, the rules or the clock change (a script, `--now`); Ctrl-C
        // stops the first pass (measure throws nothing else).
        let workspace = session.workspace
        guard let check = workspace.leads.remembered("sla", key: AnalysisKey(workspace, now: session.now, parameters: [window]),
                                                     unlessStopped: { try? measure(in: session, window: window) })
        else { throw .interrupted }
        if countOnly { return .document(.number(Double(check.breaches)), display: .message(String(check.breaches))) }
        return report(check)
    }

    /// Checks the leads that can count: those touched within the window that entered
    /// a measured stage in it.
    static func measure(in session: Session, window: Double) throws(ShellError) -> ServiceLevelCheck {
        let environment = session.queryEnvironment()
        let leads = session.workspace.leads
        // Only the leads that entered the MQL or hand-off stage in the window are decoded.
        let (qualified, handOff) = ServiceLevelCheck.measuredStages(session.workspace.funnel)
        guard let rows = leads.serviceLevelCandidates(window: window, entering: [qualified, handOff], in: environment,
                                                      isInterrupted: { session.isInterrupted() }) else { throw .interrupted }
        // Judged from the columns: the leads are not decoded (on a million leads that was
        // most of the first call).
        let subjects = leads.serviceLevelSubjects(of: rows, attemptTypes: session.workspace.attemptTypes)
        // The rows each conditional promise holds for, asked once over the columns. A
        // condition that no longer compiles (a field renamed) holds for nobody.
        var holds: [[Bool]] = []
        for rule in session.workspace.sla.contactRules {
            var bitmap = [Bool](repeating: false, count: leads.count)
            if let query = try? QueryCompiler.compileRows(rule.condition, in: environment) {
                guard let selected = query.rows(in: leads, isInterrupted: { session.isInterrupted() }) else { throw .interrupted }
                for row in selected { bitmap[row] = true }
            }
            holds.append(bitmap)
        }
        let fitField = LeadField.named("fit")
        return ServiceLevelCheck(subjects: subjects, agreement: session.workspace.sla, funnel: session.workspace.funnel,
                                 now: environment.now, window: window,
                                 fit: { position in
                                     guard let fitField, case .number(let fit) = leads.value(of: fitField, at: rows[position], in: environment)
                                     else { return nil }
                                     return fit
                                 },
                                 rule: { position in holds.firstIndex { $0[rows[position]] } })
    }

    static func report(_ check: ServiceLevelCheck) -> CommandResult {
        let sla = check.agreement
        let days = NumberText.format((check.window / 86_400 * 10).rounded() / 10)
        func number(_ value: Double?) -> String { value.map(NumberText.format) ?? "?" }
        func ids(_ list: [String]) -> TableValue {
            list.isEmpty ? .null : .text(list.prefix(5).joined(separator: ", ") + (list.count > 5 ? " +\(list.count - 5) more" : ""))
        }
        // "0 of 0 in time, kept" read as a verdict on nothing: with no lead to measure the
        // row says so, and the promise is not yet due rather than kept.
        func tally(_ t: ServiceLevelCheck.Tally) -> String {
            if t.measured == 0 {
                return t.pending.isEmpty ? "none: no lead entered \(check.handOffStage)" : "none due yet, \(Thousands.format(t.pending.count)) pending"
            }
            return "\(Thousands.format(t.met.count)) of \(Thousands.format(t.measured)) in time" + (t.pending.isEmpty ? "" : ", \(Thousands.format(t.pending.count)) pending")
        }
        func status(_ status: ServiceLevelCheck.Status, measured: Int) -> TableValue {
            .text(status == .kept && measured == 0 ? "nothing due" : status.rawValue)
        }
        let expected = check.expectedMQLs.map { NumberText.format($0.rounded(.up)) } ?? "?"
        let rows: [[TableValue]] = [
            [.text("marketing"), .text("\(number(sla.mqlsPerMonth)) MQLs a month (\(expected) in \(days) days)"),
             .text(Thousands.count(check.delivered.count, "MQL")), .text(check.volumeStatus.rawValue), .null],
            [.text("marketing"), .text("every MQL with fit ≥ \(number(sla.minFit))"),
             .text(check.delivered.isEmpty ? "none: no MQLs" : "\(Thousands.format(check.delivered.count - check.belowFit.count)) of \(Thousands.format(check.delivered.count))"),
             status(check.qualityStatus, measured: check.delivered.count), ids(check.belowFit)],
        ] + zip(sla.contactRules, check.firstContactByRule).map { rule, t in
            [.text("sales"), .text("first contact within \(number(rule.hours)) h of \(check.handOffStage) where \(rule.condition)"),
             .text(tally(t)), status(t.missed.isEmpty ? .kept : .missed, measured: t.measured), ids(t.missed)]
        } + [
            [.text("sales"), .text("first contact within \(number(sla.firstContactHours)) h of \(check.handOffStage)"
                                   + (sla.contactRules.isEmpty ? "" : " (the others)")),
             .text(tally(check.firstContactOthers)),
             check.firstContactStatuses.last.map { status($0, measured: check.firstContactOthers.measured) } ?? .text(""),
             ids(check.firstContactOthers.missed)],
            [.text("sales"), .text("\(number(sla.attempts)) attempts within \(number(sla.withinDays)) days of \(check.handOffStage)"),
             .text(tally(check.attempts)), status(check.attemptsStatus, measured: check.attempts.measured), ids(check.attempts.missed)],
        ]
        // Without an agreement nothing was promised, so nothing was kept either.
        let footer = !sla.hasPromise ? "no SLA agreed yet, so nothing to keep: sla set mqls 40 minfit 50 contact 24h attempts 3 in 7d"
            : (check.breaches == 0 ? "every promise kept" : "\(check.breaches) of \(check.promises) promises broken")
                + " over the last \(days) days"
        func tallyJSON(_ t: ServiceLevelCheck.Tally) -> JSONValue {
            .object(JSONObject([JSONMember("met", .number(Double(t.met.count))), JSONMember("missed", .array(t.missed.map { .string($0) })),
                                JSONMember("pending", .number(Double(t.pending.count)))]))
        }
        let document = JSONValue.object(JSONObject([
            JSONMember("days", .number(check.window / 86_400)), JSONMember("breaches", sla.hasPromise ? .number(Double(check.breaches)) : .null),
            JSONMember("mqls", .number(Double(check.delivered.count))), JSONMember("belowFit", .array(check.belowFit.map { .string($0) })),
            JSONMember("firstContact", tallyJSON(check.firstContact)), JSONMember("attempts", tallyJSON(check.attempts)),
        ]))
        return .document(document, display: .table(Table(columns: ["team", "promise", "measured", "status", "missed by"],
                                                         rows: rows, footer: footer)))
    }

    /// `sla set mqls 40 minfit 50 contact 24h attempts 3 in 7d`.
    static func set(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        var sla = session.workspace.sla
        var said: [String] = []
        repeat {
            let key = try arguments.text("mqls, minfit, contact or attempts")
            switch key.text.lowercased() {
            case "mqls":
                sla.mqlsPerMonth = try number(&arguments, "MQLs a month", in: 0...1_000_000)
                said.append("\(NumberText.format(sla.mqlsPerMonth ?? 0)) MQLs a month")
            case "minfit":
                sla.minFit = try number(&arguments, "a minimum fit from 0 to 100", in: 0...100)
                said.append("fit ≥ \(NumberText.format(sla.minFit ?? 0))")
            case "contact":
                if arguments.peek?.isKeyword("none") == true {
                    _ = try arguments.next("none")
                    try arguments.expect("where")
                    let (condition, _) = try conditionClause(&arguments, in: session)
                    sla.setContact(hours: nil, where: condition)
                    said.append("no separate first contact where \(condition)")
                    continue
                }
                let hours = try duration(&arguments, "a time such as 24h") / 3600
                if arguments.take("where") {
                    let (condition, _) = try conditionClause(&arguments, in: session)
                    sla.setContact(hours: hours, where: condition)
                    said.append("first contact within \(NumberText.format(hours)) h where \(condition)")
                } else {
                    sla.firstContactHours = hours
                    said.append("first contact within \(NumberText.format(hours)) h")
                }
            case "attempts":
                sla.attempts = try number(&arguments, "a number of attempts", in: 0...100)
                if arguments.take("in") { sla.withinDays = try duration(&arguments, "a time such as 7d") / 86_400 }
                said.append("\(NumberText.format(sla.attempts ?? 0)) attempts within \(NumberText.format(sla.withinDays ?? 0)) days")
            default:
                throw arguments.unexpected(key, expected: "mqls, minfit, contact or attempts"
                                           + (Suggestion.nearest(to: key.text, in: ["mqls", "minfit", "contact", "attempts"]).map { " — did you mean '\($0)'?" } ?? ""))
            }
        } while !arguments.isAtEnd
        if let proposed = try session.agree(.setServiceLevel(sla), summary: "sla set") { return proposed }
        return .message("agreed: " + said.joined(separator: ", "))
    }

    /// The condition after `where`, to the end of the command, checked like a query.
    static func conditionClause(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> (String, Int) {
        let (text, offset) = try arguments.clause(until: [], expected: "a condition such as quadrant = ideal")
        do { _ = try QueryCompiler.compile(text, in: session.queryEnvironment()) } catch { throw .query(error.shifted(by: offset)) }
        return (text, offset)
    }

    static func number(_ arguments: inout Arguments, _ expected: String, in range: ClosedRange<Double>) throws(ShellError) -> Double {
        let token = try arguments.text(expected)
        guard case .number(let value) = try LetCommand.literal(token), range.contains(value) else {
            throw arguments.unexpected(token, expected: expected)
        }
        return value
    }

    static func duration(_ arguments: inout Arguments, _ expected: String) throws(ShellError) -> Double {
        let token = try arguments.text(expected)
        guard case .duration(let seconds) = try LetCommand.literal(token), seconds > 0 else {
            throw arguments.unexpected(token, expected: expected)
        }
        return seconds
    }
}
