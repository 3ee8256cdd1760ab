import SmarketingKit

/// Agreements need both teams: in a workspace whose team has people on both sides, a
/// change to an entry rule, the glossary, the SLA, scoring or a persona is kept as a
/// proposal until someone of the other team approves it. Without a team (or with only
/// one side in it), and inside a scenario (a what-if), it applies at once.
extension Session {
    /// True when agreement changes wait for the other team.
    var agreementsNeedBothTeams: Bool {
        scenario == nil && Set(workspace.team.map(\.role)).count >= 2
    }

    /// Applies an agreement change, or records it as a proposal and returns what to say;
    /// nil when it was applied (the command says what it did).
    func agree(_ change: Change, summary: String) throws(ShellError) -> CommandResult? {
        guard agreementsNeedBothTeams, let described = Proposal.describe(change, in: workspace) else {
            try apply(change, summary: summary)
            return nil
        }
        guard let role = workspace.role(of: actor) else {
            throw .refused("\(actor) is not in this workspace's team (\(workspace.team.map(\.name).joined(separator: ", "))); act as one of them with as NAME")
        }
        var scratch = workspace
        let base: Change
        do { base = try change.apply(to: &scratch) } catch { throw .change(error) }
        let number = (workspace.proposals.map(\.number).max() ?? 0) + 1
        let proposal = Proposal(number: number, at: now, by: actor, team: role, command: currentCommand ?? summary,
                                subject: described.subject, old: described.old, new: described.new, change: change, base: base)
        let effect = AgreementEffect.remembered(of: change, in: workspace, now: now)
        try apply(.setProposals(workspace.proposals + [proposal]), summary: "propose #\(number): \(summary)")
        let others = Set(workspace.team.map(\.role)).subtracting([role]).map(\.rawValue).sorted().joined(separator: " or ")
        return .message("proposed #\(number): \(described.subject): \(described.new) (now: \(described.old)); \(effect.summary)\n"
                        + "it takes effect when someone from \(others) runs approve \(number); decline \(number) \"why\" ends it")
    }

    /// The subject of the first agreement change among a scenario's changes, when main
    /// needs both teams for it: `scenario apply` must not bring it in unapproved.
    func agreementInScenario(_ changes: [Change]) -> String? {
        guard Set(workspace.team.map(\.role)).count >= 2 else { return nil }
        var base = workspace
        for change in changes {
            if let described = Proposal.describe(change, in: base) { return described.subject }
            _ = try? change.apply(to: &base)
        }
        return nil
    }
}
