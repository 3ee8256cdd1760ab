/// Everything a review needs, as one value: the team, the funnel, the leads, and the
/// agreements (personas, glossary, scoring, SLA, saved views).
///
/// Mutated only by applying `Change`s, so every edit can be undone, journalled and
/// (later) shared.
public struct Workspace: Sendable, Equatable {
    public var name: String
    public var currency: String?
    public var team: [TeamMember]
    public var funnel: Funnel
    public var leads: LeadStore
    public var personas: [Persona]
    public var glossary: [GlossaryTerm]
    public var scoring: Scoring
    public var sla: ServiceLevel
    /// Saved selections, in the order they were defined.
    public var views: JSONObject
    /// Assumed conversion rates (`lead->mql` → 0.3).
    public var rates: JSONObject
    /// Who changed what, when and with which command: append-only, kept in the file.
    public var audit: [AuditEntry] = []
    /// Agreement changes waiting for the other team, and the ones decided.
    public var proposals: [Proposal] = []
    /// Top-level keys this version does not know, written back unchanged on save.
    public var extra: JSONObject
    /// How the file was laid out, so a save keeps its shape.
    public var shape: FileShape

    /// The top-level sections of the workspace file.
    public enum Section: String, Sendable, Hashable, CaseIterable {
        case format, version, name, currency, team, stages, leads, personas, glossary, scoring, sla, views, rates, proposals, audit
    }

    public init(name: String, currency: String? = nil, team: [TeamMember] = [], funnel: Funnel = .standard,
                leads: LeadStore = LeadStore(), personas: [Persona] = [], glossary: [GlossaryTerm] = GlossaryTerm.standard,
                scoring: Scoring = Scoring(), sla: ServiceLevel = ServiceLevel(), views: JSONObject = JSONObject(),
                rates: JSONObject = JSONObject(), extra: JSONObject = JSONObject(), shape: FileShape = FileShape()) {
        self.name = name
        self.currency = currency
        self.team = team
        self.funnel = funnel
        self.leads = leads
        self.personas = personas
        self.glossary = glossary
        self.scoring = scoring
        self.sla = sla
        self.views = views
        self.rates = rates
        self.extra = extra
        self.shape = shape
    }

    /// Two workspaces are equal when they hold the same things; the file's layout aside.
    public static func == (lhs: Workspace, rhs: Workspace) -> Bool {
        lhs.name == rhs.name && lhs.currency == rhs.currency && lhs.team == rhs.team && lhs.funnel == rhs.funnel
            && lhs.leads == rhs.leads && lhs.personas == rhs.personas && lhs.glossary == rhs.glossary
            && lhs.scoring == rhs.scoring && lhs.sla == rhs.sla && lhs.views == rhs.views && lhs.rates == rhs.rates
            && lhs.proposals == rhs.proposals && lhs.audit == rhs.audit && lhs.extra == rhs.extra
    }

    /// The team a person belongs to, when the workspace has a team list.
    public func role(of person: String) -> Team? {
        team.first { $0.name == person }?.role
    }
}

/// The layout of the file a workspace was read from: the order of its top-level keys and
/// the sections it did not have. A section the file lacked is not written on save while
/// it still holds its default, so saving never bloats a hand-written file, and undoing
/// a change restores the saved text exactly.
public struct FileShape: Sendable, Equatable {
    public var keyOrder: [String] = []
    public var absent: Set<Workspace.Section> = []
    /// The name the workspace got from its file name, when the file had no `name`.
    public var defaultName: String?
    /// How many audit entries the file holds (as loaded or last saved): entries after
    /// these are not saved yet, so undoing their change may take them back.
    public var savedAudit = 0

    public init(keyOrder: [String] = [], absent: Set<Workspace.Section> = [], defaultName: String? = nil) {
        self.keyOrder = keyOrder
        self.absent = absent
        self.defaultName = defaultName
    }
}

extension Workspace {
    /// True when `section` holds what a workspace without it would hold.
    public func holdsDefault(_ section: Section) -> Bool {
        switch section {
        case .format, .version, .leads: false
        case .name: name == shape.defaultName
        case .currency: currency == nil
        case .team: team.isEmpty
        case .stages: funnel == .standard
        case .personas: personas.isEmpty
        case .glossary: glossary == GlossaryTerm.standard
        case .scoring: scoring == Scoring()
        case .sla: sla.isEmpty
        case .views: views.isEmpty
        case .rates: rates.isEmpty
        case .proposals: proposals.isEmpty
        case .audit: audit.isEmpty
        }
    }
}
