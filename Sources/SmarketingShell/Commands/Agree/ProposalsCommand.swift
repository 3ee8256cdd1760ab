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
        weights, score high) or a persona makes a proposal. Each shows who made it and
        when, the text in force and the text proposed, and the leads it would move into or
        out of a stage or a persona, measured on the leads now. A member of the other team
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
        let rows: [[TableValue]] = shown.map { p in
            let effect = p.status == .open ? AgreementEffect(of: p.change, in: workspace, now: session.now).summary : nil
            var row: [TableValue] = [.number(Double(p.number)), .date(p.at), .text("\(p.by) (\(p.team))"), .text(p.subject),
                                     .text(p.old), .text(p.new), TableValue(effect)]
            if all {
                row.append(.text(p.status.rawValue + (p.decidedBy.map { " by \($0)" } ?? "") + (p.why.map { ": \($0)" } ?? "")))
            }
            return row
        }
        let open = workspace.proposals.filter { $0.status == .open }.count
        let footer = open == 0 ? "no open proposals" : "\(open) open: approve N (someone of the other team) or decline N \"why\""
        return .document(.array(shown.map(\.json)), display: .table(Table(
            columns: ["#", "at", "by", "changes", "now", "proposed", "measured"] + (all ? ["status"] : []), rows: rows, footer: footer)))
    }
}
