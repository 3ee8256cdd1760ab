import SmarketingKit

/// A "what if" copy of the workspace: changes made in it stay in it until applied.
public struct Scenario {
    public var name: String
    /// The workspace when the scenario was forked, to show what changed.
    public var base: Workspace
    public var workspace: Workspace
    public var done: [ChangeRecord]
    public var undone: [ChangeRecord]
}
