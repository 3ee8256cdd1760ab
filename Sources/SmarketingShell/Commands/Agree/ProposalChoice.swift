import SmarketingKit

/// Which proposal a command is about: `N`, or `all` (every open one the actor may approve).
enum ProposalChoice {
    static func parse(_ arguments: inout Arguments, in session: Session, allowingAll: Bool) throws(ShellError) -> [Int] {
        if allowingAll, arguments.take("all") {
            let role = session.workspace.role(of: session.actor)
            return session.workspace.proposals.filter { $0.status == .open && $0.team != role && $0.by != session.actor }.map(\.number)
        }
        return [try arguments.integer(allowingAll ? "a proposal number or all" : "a proposal number", in: 1...Int.max)]
    }

    /// The open proposal numbered `number`, and its position.
    static func open(_ number: Int, in session: Session) throws(ShellError) -> (Int, Proposal) {
        guard let index = session.workspace.proposals.firstIndex(where: { $0.number == number }) else {
            throw .refused("no proposal #\(number) (proposals lists the open ones)")
        }
        let proposal = session.workspace.proposals[index]
        guard proposal.status == .open else {
            throw .refused("#\(number) is already \(proposal.status.rawValue)" + (proposal.decidedBy.map { " by \($0)" } ?? ""))
        }
        return (index, proposal)
    }
}
