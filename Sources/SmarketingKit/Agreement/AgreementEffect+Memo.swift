import Foundation

/// A proposal's measured effect kept per version of the leads: `proposals` measures every
/// open proposal each time it lists them, which on a million leads is a pass over every
/// row per proposal (about 0.7 s for a scoring rule); listing them again with nothing
/// changed is a lookup.
extension AgreementEffect {
    /// `AgreementEffect(of:in:now:)`, from memory when the leads, the change, the
    /// agreements it is measured against and the clock are as when it was last measured.
    public static func remembered(of change: Change, in workspace: Workspace, now: Date) -> AgreementEffect {
        let key = Key(change: change, funnel: workspace.funnel, scoring: workspace.scoring, personas: workspace.personas,
                      glossary: workspace.glossary, sla: workspace.sla, team: workspace.team, now: now)
        return workspace.leads.remembered("agreement effect", key: key) { AgreementEffect(of: change, in: workspace, now: now) }
    }

    /// Everything a measurement reads besides the leads: the change, every agreement a
    /// change can touch, and the clock (entry rules may read a lead's age).
    struct Key: Equatable, Sendable {
        let change: Change
        let funnel: Funnel
        let scoring: Scoring
        let personas: [Persona]
        let glossary: [GlossaryTerm]
        let sla: ServiceLevel
        let team: [TeamMember]
        let now: Date
    }
}
