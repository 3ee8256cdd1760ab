import SmarketingKit

/// `proposals [all]`: agreement changes waiting for the other team, with what each would
/// do to the leads, measured now.
public enum ProposalsCommand: ShellCommand {
    public static let name = "proposals"
    public static let group = CommandGroup.agree
    public static let summary = "agreement changes waiting for the other team: who, when, old and new, the leads they move"
    public static let usage = "proposals [all]"
    public static let details = """
        In a workspace with people of both teams, changing an entry rule (stage), the
        glossary (define, undefine), the SLA (sla set), scoring (score rule, score
        weights, score high), a persona or the team (team add, team remove) makes a
        proposal. Each shows who made it and when, the text in force and the text
        proposed, and the leads it would move into or out of a stage or a persona (for a
        scoring change also how many leads' scores and quadrants change; for a team
        change, the leads the person leaving owns), measured on the leads now. An SLA
        proposal names its terms as sla does (marketing's MQLs a month: 40). A member of the other team
        runs approve N (the proposer cannot); decline N "why" ends it. proposals all also
        lists the decided ones.
        """
    public static let examples = ["proposals", "as anna; stage mql entry \"fit >= 60 and interest >= 40\"; proposals; undo",
                                  "proposals all"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        let all = arguments.take("all")
        try arguments.finish()
        let workspace = session.workspace
        let shown = workspace.proposals.filter { all || $0.status == .open }
        var rows: [[TableValue]] = []
        var narrowRows: [[TableValue]] = []
        for p in shown {
            let effect = p.status == .open ? AgreementEffect.remembered(of: p.change, in: workspace, now: session.now).summary : nil
            let status = all ? p.status.rawValue + (p.decidedBy.map { " by \($0)" } ?? "") + (p.why.map { ": \($0)" } ?? "") : nil
            rows.append([.number(Double(p.number)), .date(p.at), .text("\(p.by) (\(p.team))"), .text(p.subject),
                         .text(p.wording.old), .text(p.wording.new), TableValue(effect)] + (status.map { [.text($0)] } ?? []))
            narrowRows.append([.number(Double(p.number)), .text("\(p.by) (\(p.team)) \(Timestamp.formatShort(p.at))"),
                               .text(narrowProposal(p, effect: effect, status: status))])
        }
        let open = workspace.proposals.filter { $0.status == .open }.count
        let footer = open == 0 ? "no open proposals" : "\(open) open: approve N (someone of the other team) or decline N \"why\""
        // Nothing to list: the sentence alone, not an empty table's `(none)` above it.
        if shown.isEmpty { return .document(.array([]), display: .message(all ? "no proposals" : footer)) }
        let narrow = Table(columns: ["#", "by, at", "proposal"], rows: narrowRows, footer: footer)
        return .document(.array(shown.map(\.json)), display: .table(Table(
            columns: ["#", "at", "by", "changes", "now", "proposed", "measured"] + (all ? ["status"] : []), rows: rows, footer: footer,
            narrower: [narrow])))
    }

    /// One proposal's text in one cell, for a terminal too narrow for a column each: the
    /// cell wraps at word boundaries, where seven columns of 80 cut every rule to a word.
    static func narrowProposal(_ p: Proposal, effect: String?, status: String?) -> String {
        var parts = ["\(p.subject): now \(p.wording.old); proposed \(p.wording.new)"]
        if let effect { parts.append(effect) }
        if let status { parts.append(status) }
        return parts.joined(separator: "; ")
    }
}
