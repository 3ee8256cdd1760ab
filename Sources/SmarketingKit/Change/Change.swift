/// One edit of the workspace, as a value.
///
/// Every mutation goes through `apply`, which returns the change that undoes it; undo,
/// the journal and (later) sharing between machines are all built on this one shape.
/// Changes name leads by id, never by row, so a change means the same thing whatever
/// else happened to the store.
public indirect enum Change: Sendable, Equatable {
    /// Replace the lead that has this lead's id.
    case updateLead(Lead)
    /// Add a new lead at a row (the end when nil).
    case insertLead(Lead, row: Int?)
    /// Remove a lead.
    case removeLead(id: String)
    /// Replace a stage definition (same id).
    case updateStage(Stage)
    case setName(String)
    case setPersonas([Persona])
    case setGlossary([GlossaryTerm])
    case setScoring(Scoring)
    case setServiceLevel(ServiceLevel)
    case setViews(JSONObject)
    case setRates(JSONObject)
    /// Replace the list of agreement proposals (propose, approve, decline).
    case setProposals([Proposal])
    /// Several changes applied in order as one step (a move of 300 leads is one change).
    case group([Change])

    /// Applies the change and returns its inverse. On failure the workspace is unchanged,
    /// also for a group whose later member fails.
    public func apply(to workspace: inout Workspace) throws(ChangeError) -> Change {
        switch self {
        case .updateLead(let lead):
            do {
                return .updateLead(try workspace.leads.replace(lead))
            } catch {
                throw .noSuchLead(lead.id)
            }
        case .insertLead(let lead, let row):
            guard workspace.funnel.stage(lead.stage) != nil else { throw .noSuchStage(lead.stage) }
            do { try workspace.leads.insert(lead, at: row) } catch { throw .duplicateLead(lead.id) }
            return .removeLead(id: lead.id)
        case .removeLead(let id):
            do {
                let (lead, row) = try workspace.leads.remove(id: id)
                return .insertLead(lead, row: row)
            } catch {
                throw .noSuchLead(id)
            }
        case .updateStage(let stage):
            guard let old = workspace.funnel.stage(stage.id) else { throw .noSuchStage(stage.id) }
            workspace.funnel.replace(stage)
            return .updateStage(old)
        case .setName(let name):
            defer { workspace.name = name }
            return .setName(workspace.name)
        case .setPersonas(let personas):
            defer { workspace.personas = personas }
            return .setPersonas(workspace.personas)
        case .setGlossary(let glossary):
            defer { workspace.glossary = glossary }
            return .setGlossary(workspace.glossary)
        case .setScoring(let scoring):
            defer { workspace.scoring = scoring }
            return .setScoring(workspace.scoring)
        case .setServiceLevel(let sla):
            defer { workspace.sla = sla }
            return .setServiceLevel(workspace.sla)
        case .setViews(let views):
            defer { workspace.views = views }
            return .setViews(workspace.views)
        case .setRates(let rates):
            defer { workspace.rates = rates }
            return .setRates(workspace.rates)
        case .setProposals(let proposals):
            defer { workspace.proposals = proposals }
            return .setProposals(workspace.proposals)
        case .group(let changes):
            var scratch = workspace
            var inverses: [Change] = []
            inverses.reserveCapacity(changes.count)
            for change in changes {
                inverses.append(try change.apply(to: &scratch))
            }
            workspace = scratch
            return .group(inverses.reversed())
        }
    }

    /// How many leads the change touches.
    public var leadCount: Int {
        switch self {
        case .updateLead, .insertLead, .removeLead: 1
        case .group(let changes): changes.reduce(0) { $0 + $1.leadCount }
        default: 0
        }
    }
}

/// Why a change could not be applied.
public enum ChangeError: Error, Sendable, Equatable, CustomStringConvertible {
    case noSuchLead(String)
    case duplicateLead(String)
    case noSuchStage(String)

    public var description: String {
        switch self {
        case .noSuchLead(let id): "no lead '\(id)'"
        case .duplicateLead(let id): "a lead with id '\(id)' already exists"
        case .noSuchStage(let id): "no stage '\(id)'"
        }
    }
}
