import SmarketingKit

/// `decline N "why"`: the other team says no to a proposal (or its proposer withdraws it).
public enum DeclineCommand: ShellCommand {
    public static let name = "decline"
    public static let group = CommandGroup.agree
    public static let summary = "say no to a proposal, with the reason (its proposer may withdraw it)"
    public static let usage = "decline N \"why\""
    public static let examples = ["as anna; decline 2 \"not before the Q1 campaigns start\"; proposals all; undo"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        let numbers = try ProposalChoice.parse(&arguments, in: session, allowingAll: false)
        let why = try arguments.text("the reason in quotes").text
        try arguments.finish()
        guard let number = numbers.first else { return .message("nothing to decline") }
        let (index, proposal) = try ProposalChoice.open(number, in: session)
        let actor = session.actor
        guard let role = session.workspace.role(of: actor) else {
            throw .refused("\(actor) is not in this workspace's team; act as one of them with as NAME")
        }
        guard role != proposal.team || actor == proposal.by else {
            throw .refused("#\(number) was proposed by \(proposal.by) of \(proposal.team); the other team declines it (or \(proposal.by) withdraws it)")
        }
        var proposals = session.workspace.proposals
        proposals[index].status = .declined
        proposals[index].decidedBy = actor
        proposals[index].decidedAt = session.now
        proposals[index].why = why
        // Named as approve names it: the subject alone (`team`, `SLA`) does not say which
        // of several proposals about it was turned down.
        let what = "#\(number): \(proposal.subject): \(proposal.wording.new)"
        try session.apply(.setProposals(proposals), summary: "decline " + what)
        return .message("declined " + what)
    }
}
