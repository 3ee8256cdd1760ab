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
    /// Set (nil: remove) a top-level key smk keeps as it found it (`extra`), such as the
    /// `scenarios` that `scenario save` keeps in the file.
    case setExtra(key: String, value: JSONValue?)
    /// Replace the list of agreement proposals (propose, approve, decline).
    case setProposals([Proposal])
    /// Replace the team: the people and which team each is on (`team add`, `team remove`).
    case setTeam([TeamMember])
    /// Several changes applied in order as one step (a move of 300 leads is one change).
    case group([Change])
    /// Append the leads an import read, held as columns over its file (a million leads
    /// are one value, not a million `insertLead`s).
    case appendLeads(ImportedLeads)
    /// Remove the last `count` leads: the undo of `appendLeads`.
    case removeLastLeads(count: Int)

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
        case .setExtra(let key, let value):
            defer { workspace.extra[key] = value }
            return .setExtra(key: key, value: workspace.extra[key])
        case .setProposals(let proposals):
            defer { workspace.proposals = proposals }
            return .setProposals(workspace.proposals)
        case .setTeam(let team):
            defer { workspace.team = team }
            return .setTeam(workspace.team)
        case .appendLeads(let batch):
            do { try workspace.leads.append(batch) } catch {
                if case .duplicateID(let id, _, _) = error { throw .duplicateLead(id) }
                throw .duplicateLead(batch.count > 0 ? batch.id(at: 0) : "")
            }
            return .removeLastLeads(count: batch.count)
        case .removeLastLeads(let n):
            guard n <= workspace.leads.count else { throw .noSuchLead(workspace.leads.count > 0 ? workspace.leads.id(at: 0) : "") }
            // The store holding exactly an import's rows gives them back as they were.
            if let batch = workspace.leads.takeImported(n) { return .appendLeads(batch) }
            let first = workspace.leads.count - n
            let removed = workspace.leads.removeLast(n)
            return .group(removed.enumerated().map { .insertLead($0.element, row: first + $0.offset) })
        case .group(let changes):
            var scratch = workspace
            var inverses: [Change] = []
            inverses.reserveCapacity(changes.count)
            var index = 0
            while index < changes.count {
                // A run of leads added at the end (an import), or removed from the end
                // (its undo), is applied in one pass; the inverses are the same as one
                // by one would give.
                if let run = try Self.applyRun(changes, from: index, to: &scratch, inverses: &inverses) {
                    index += run
                    continue
                }
                inverses.append(try changes[index].apply(to: &scratch))
                index += 1
            }
            workspace = scratch
            return .group(inverses.reversed())
        }
    }

    /// Applies the run of appends (`insertLead` at the end) or of removals of the last
    /// lead that starts at `start`, when it is longer than a few; returns its length.
    private static func applyRun(_ changes: [Change], from start: Int, to workspace: inout Workspace,
                                 inverses: inout [Change]) throws(ChangeError) -> Int? {
        let minimum = 64
        guard changes.count - start >= minimum else { return nil }
        switch changes[start] {
        case .insertLead(_, let at) where at == nil || at == workspace.leads.count:
            var end = start
            let base = workspace.leads.count
            while end < changes.count, case .insertLead(let lead, let at) = changes[end], at == nil || at == base + end - start {
                guard workspace.funnel.stage(lead.stage) != nil else { throw .noSuchStage(lead.stage) }
                end += 1
            }
            guard end - start >= minimum else { return nil }
            // The leads read out of the changes as they are stored, not copied into an
            // array first (a million leads of an import).
            let leads = changes[start..<end].lazy.map { change -> Lead in
                if case .insertLead(let lead, _) = change { return lead }
                return Lead(id: "", stage: "")
            }
            do { try workspace.leads.append(contentsOf: leads) } catch {
                if case .duplicateID(let id, _, _) = error { throw .duplicateLead(id) }
                throw .duplicateLead(leads.first?.id ?? "")
            }
            inverses.reserveCapacity(inverses.count + end - start)
            for lead in leads { inverses.append(.removeLead(id: lead.id)) }
            return end - start
        case .removeLead:
            // Only removals of the lead in the last row, each in turn.
            var end = start
            var row = workspace.leads.count - 1
            while end < changes.count, row >= 0, case .removeLead(let id) = changes[end], workspace.leads.id(at: row) == id {
                end += 1
                row -= 1
            }
            let n = end - start
            guard n >= minimum else { return nil }
            let first = workspace.leads.count - n
            let removed = workspace.leads.removeLast(n)
            for (offset, lead) in removed.enumerated().reversed() { inverses.append(.insertLead(lead, row: first + offset)) }
            return n
        default:
            return nil
        }
    }

    /// How many leads the change touches.
    public var leadCount: Int {
        switch self {
        case .updateLead, .insertLead, .removeLead: 1
        case .appendLeads(let batch): batch.count
        case .removeLastLeads(let n): n
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
