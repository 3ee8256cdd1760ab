import Foundation

/// A change as the session remembers it: what, who, when, and how to take it back.
public struct ChangeRecord: Sendable, Equatable {
    public var change: Change
    public var inverse: Change
    public var at: Date
    public var by: String
    /// The command that made it, as typed (`move L-000042 to sal`).
    public var summary: String

    public init(change: Change, inverse: Change, at: Date, by: String, summary: String) {
        self.change = change
        self.inverse = inverse
        self.at = at
        self.by = by
        self.summary = summary
    }
}
