import SmarketingKit

/// `approve N|all`: a member of the other team agrees to a proposal, which takes effect.
public enum ApproveCommand: ShellCommand {
    public static let name = "approve"
    public static let group = CommandGroup.agree
    public static let summary = "agree to a proposal of the other team: it takes effect (all: every open one)"
    public static let usage = "approve N|all"
    public static let details = """
        Made by someone of the other team than the proposer's: the proposer cannot approve
        their own, nor can their team. If what the proposal replaces changed since it was
        made, it is refused (approving would undo that change): propose it again. A scoring
        proposal is applied as what it changes (a rule added or dropped, a weight), so rules
        proposed one after another can all be approved. The change and the approval are one
        step for undo; explain shows who proposed and who approved a stage's rule.
        """
    public static let examples = ["as anna; define MQL \"fit >= 50 and a hand raised\"; as erik; approve all; explain MQL; undo 2"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        let targets = try ProposalChoice.parse(&arguments, in: session, allowingAll: true)
        try arguments.finish()
        var said: [String] = []
        for number in targets {
            said.append(try approve(number, in: session))
        }
        return .message(said.isEmpty ? "no open proposal of the other team" : said.joined(separator: "\n"))
    }

    static func approve(_ number: Int, in session: Session) throws(ShellError) -> String {
        let workspace = session.workspace
        let (index, proposal) = try ProposalChoice.open(number, in: session)
        let actor = session.actor
        guard let role = workspace.role(of: actor) else {
            throw .refused("\(actor) is not in this workspace's team; act as one of them with as NAME")
        }
        guard actor != proposal.by else {
            throw .refused("#\(number) is \(actor)'s own proposal; someone from the other team approves it")
        }
        guard role != proposal.team else {
            throw .refused("#\(number) was proposed by \(proposal.by) of \(proposal.team); someone from the other team approves it (\(actor) is in \(role))")
        }
        var scratch = workspace
        let current: Change
        do { current = try proposal.change.apply(to: &scratch) } catch { throw .change(error) }
        var change = proposal.change
        if current != proposal.base {
            // Scoring proposals carry the whole scoring: one made beside another (two rules
            // proposed in a row) is applied as what it changed, on the scoring in force now.
            guard case .setScoring(let proposed) = proposal.change, case .setScoring(let base) = proposal.base,
                  let rebased = workspace.scoring.rebasing(proposed, madeOn: base) else {
                throw .refused("the \(proposal.subject) changed since #\(number) was proposed; approving would undo that: propose it again")
            }
            change = .setScoring(rebased)
        }
        var proposals = workspace.proposals
        proposals[index].status = .approved
        proposals[index].decidedBy = actor
        proposals[index].decidedAt = session.now
        try session.apply(.group([change, .setProposals(proposals)]), summary: "approve #\(number): \(proposal.subject)")
        return "approved #\(number): \(proposal.subject): \(proposal.wording.new)"
    }
}
