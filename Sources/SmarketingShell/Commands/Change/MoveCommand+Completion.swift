import SmarketingKit

/// TAB after `move ID,… to`: the stages the move would accept for those leads, by the
/// same rule the move runs (`MoveCommand.refusal`), so TAB never proposes a refusal.
extension MoveCommand: CompletionNarrowing {
    static func narrow(_ candidates: [String], for kind: ArgumentKind, after arguments: ArraySlice<Token>,
                       in session: Session) -> [String] {
        guard kind == .stage else { return candidates }
        let workspace = session.workspace
        // The leads named before `to`; a selection (where, @view) is judged by what holds
        // for any lead (team, side stages), not run at every TAB.
        let selection = arguments.prefix { !($0.kind == .word && $0.text.lowercased() == "to") }
        let named = selection.filter { !$0.isSymbol(",") }
        var leads: [Lead] = []
        if !named.isEmpty, named.allSatisfy({ $0.kind != .symbol && !$0.text.hasPrefix("@") && $0.text.lowercased() != "where" }) {
            leads = named.compactMap { workspace.leads[id: $0.text] }
            // An id that is no lead: the move will say so; propose as for any lead.
            if leads.count != named.count { leads = [] }
        }
        return candidates.filter { candidate in
            guard let id = workspace.funnel.resolve(candidate), let stage = workspace.funnel.stage(id) else { return true }
            let rule = entryRule(of: stage, in: session)
            guard !leads.isEmpty else {
                return refusal(of: nil, into: stage, via: .move, rule: nil, actor: session.actor, in: workspace) == nil
            }
            return leads.contains { lead in
                lead.stage != id && refusal(of: lead, into: stage, via: .move, rule: rule, actor: session.actor, in: workspace) == nil
            }
        }
    }
}
