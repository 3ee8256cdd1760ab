import Foundation

/// A change as the session remembers it: what, who, when, and how to take it back.
public struct ChangeRecord: Sendable, Equatable {
    public var change: Change
    public var inverse: Change
    public var at: Date
    public var by: String
    /// The command that made it, as typed (`move L-000042 to sal`).
    public var summary: String
    /// Set when `change` is an import: the journal writes this reference to the file
    /// instead of every added lead (see `ImportReference`).
    public var changeImport: ImportReference?
    /// Set when `inverse` is an import (the undo of one): the journal leaves it out.
    public var inverseImport: ImportReference?

    public init(change: Change, inverse: Change, at: Date, by: String, summary: String,
                changeImport: ImportReference? = nil, inverseImport: ImportReference? = nil) {
        self.change = change
        self.inverse = inverse
        self.at = at
        self.by = by
        self.summary = summary
        self.changeImport = changeImport
        self.inverseImport = inverseImport
    }

    /// The record of taking this one back (`undo`): the change and its inverse swapped.
    public func reversed(at: Date, by: String, summary: String) -> ChangeRecord {
        ChangeRecord(change: inverse, inverse: change, at: at, by: by, summary: summary,
                     changeImport: inverseImport, inverseImport: changeImport)
    }

    /// The same change made again (`redo`) at another time.
    public func again(at: Date, by: String, summary: String) -> ChangeRecord {
        ChangeRecord(change: change, inverse: inverse, at: at, by: by, summary: summary,
                     changeImport: changeImport, inverseImport: inverseImport)
    }
}
