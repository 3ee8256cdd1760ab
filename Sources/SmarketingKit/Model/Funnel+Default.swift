extension Funnel {
    /// The funnel of DESIGN.md §2, used when a workspace has no `stages` section.
    public static let standard = Funnel(stages: [
        Stage(id: "visitor", name: "Visitor", team: .marketing,
              definition: "Someone seen on the website or another channel, known or anonymous."),
        Stage(id: "subscriber", name: "Subscriber", team: .marketing,
              definition: "Signed up for blog or newsletter, nothing more."),
        Stage(id: "lead", name: "Lead", team: .marketing,
              definition: "Left contact details (form, content download, trade-show card, prospecting)."),
        Stage(id: "mql", name: "MQL", team: .marketing,
              definition: "Marketing qualified lead: raised a hand, fits enough for marketing to pass on."),
        Stage(id: "sal", name: "SAL", team: .sales,
              definition: "Sales accepted lead: sales has agreed to work it (the hand-off point)."),
        Stage(id: "sql", name: "SQL", team: .sales,
              definition: "Sales qualified lead: sales judges it ready for the next step."),
        Stage(id: "opportunity", name: "Opportunity", team: .sales,
              definition: "An open deal being worked."),
        Stage(id: "customer", name: "Customer", team: .sales, definition: "Bought."),
        Stage(id: "nurture", name: "Nurture", team: .marketing,
              definition: "Recycled: sales handed it back to marketing, not ready yet (with a reason).",
              isSide: true),
        Stage(id: "lost", name: "Lost", team: .sales,
              definition: "Disqualified or closed-lost (with a reason).", isSide: true),
    ])

    /// Stage ids that stand outside the order unless a workspace says otherwise.
    public static let sideStageIDs: Set<String> = ["nurture", "lost"]
}
