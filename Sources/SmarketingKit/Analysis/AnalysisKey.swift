import Foundation

/// What an analysis of the leads depends on besides the leads themselves, as a memo key
/// for `LeadStore.remembered`: the workspace's rules (funnel, scoring, personas, SLA),
/// the activity types added as attempts, the rows asked about, the clock when the analysis reads it, and any parameters
/// (a window).
public struct AnalysisKey: Equatable, Sendable {
    let funnel: Funnel
    let scoring: Scoring
    let personas: [Persona]
    let sla: ServiceLevel
    let attemptTypes: Set<String>
    let rows: RowSet?
    let now: Date?
    let parameters: [Double]

    public init(_ workspace: Workspace, rows: [Int]? = nil, now: Date? = nil, parameters: [Double] = []) {
        funnel = workspace.funnel
        scoring = workspace.scoring
        personas = workspace.personas
        sla = workspace.sla
        attemptTypes = workspace.addedAttemptTypes
        self.rows = rows.map { RowSet($0, count: workspace.leads.count) }
        self.now = now
        self.parameters = parameters
    }
}
