/// One word of the shared vocabulary, so both teams mean the same thing by "MQL".
public struct GlossaryTerm: Sendable, Hashable {
    public var term: String
    public var definition: String
    public var aliases: [String]
    public var team: Team?
    public var extra: JSONObject

    public init(term: String, definition: String, aliases: [String] = [], team: Team? = nil, extra: JSONObject = JSONObject()) {
        self.term = term
        self.definition = definition
        self.aliases = aliases
        self.team = team
        self.extra = extra
    }
}

extension GlossaryTerm {
    /// The vocabulary of DESIGN.md §2, used when a workspace has no glossary.
    public static let standard: [GlossaryTerm] = [
        GlossaryTerm(term: "visitor", definition: "Someone seen on the website or another channel, known or anonymous.", team: .marketing),
        GlossaryTerm(term: "subscriber", definition: "Signed up for blog or newsletter, nothing more.", team: .marketing),
        GlossaryTerm(term: "lead", definition: "Left contact details (form, content download, trade-show card, prospecting).", team: .marketing),
        GlossaryTerm(term: "MQL", definition: "Marketing qualified lead: raised a hand, fits enough for marketing to pass on.",
                     aliases: ["marketing qualified lead"], team: .marketing),
        GlossaryTerm(term: "SAL", definition: "Sales accepted lead: sales has agreed to work it (the hand-off point).",
                     aliases: ["sales accepted lead"], team: .sales),
        GlossaryTerm(term: "SQL", definition: "Sales qualified lead: sales judges it ready for the next step.",
                     aliases: ["sales qualified lead"], team: .sales),
        GlossaryTerm(term: "opportunity", definition: "An open deal being worked.", aliases: ["deal"], team: .sales),
        GlossaryTerm(term: "customer", definition: "Bought.", team: .sales),
        GlossaryTerm(term: "nurture", definition: "Recycled: sales handed it back to marketing, not ready yet (with a reason).", team: .marketing),
        GlossaryTerm(term: "lost", definition: "Disqualified or closed-lost (with a reason).", team: .sales),
        GlossaryTerm(term: "fit", definition: "0–100: how close the lead is to the ideal customer profile / a persona.", team: .both),
        GlossaryTerm(term: "interest", definition: "0–100: how much engagement the lead has shown.", aliases: ["engagement"], team: .both),
        GlossaryTerm(term: "score", definition: "One number from fit and interest, by the workspace's scoring rules.", aliases: ["lead score"], team: .both),
        GlossaryTerm(term: "quadrant", definition: "Fit × interest: ideal (both high), nurture (fit, not yet engaged), curious (engaged, poor fit), cold.", team: .both),
        GlossaryTerm(term: "persona", definition: "A buyer persona: name, story, needs, pains, channels, and criteria in the query language.",
                     aliases: ["buyer persona"], team: .both),
        GlossaryTerm(term: "SLA", definition: "What marketing delivers (MQLs a month, minimum quality) and what sales does with them (first contact within N hours, K attempts in D days).",
                     aliases: ["service level agreement"], team: .both),
        GlossaryTerm(term: "closed loop", definition: "Sales rates every lead it received (good / bad + reason); marketing sees quality by source.",
                     aliases: ["feedback loop"], team: .both),
    ]
}
