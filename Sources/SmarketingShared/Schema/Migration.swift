/// One step of the database schema, numbered. The steps live in the source (one file
/// each, `Migration+NNN.swift`) rather than as .sql files read at run time, so the `smk`
/// binary carries the schema it expects and needs no file beside it; docs/SHARED.md
/// prints the schema they build.
///
/// A step, once released, is never edited: a change to the schema is a new step.
public struct Migration: Sendable {
    public var version: Int
    public var name: String
    public var sql: String

    /// Every step, oldest first.
    public static let all: [Migration] = [.initial, .presence, .sqlEdits, .rejectByNextTeam]
}
