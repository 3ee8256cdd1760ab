import Foundation

/// A `postgres://USER@HOST:PORT/DB?workspace=NAME` address: the libpq connection string
/// (without smk's own `workspace` parameter, which libpq would refuse) and the workspace.
///
/// A password written into the URL is passed to libpq and nowhere else: `description`
/// (used in the prompt, `info` and every error) shows it as `***`.
public struct DatabaseURL: Sendable, Equatable, CustomStringConvertible {
    /// What libpq connects with.
    public var conninfo: String
    /// The shared workspace named by `?workspace=`, if any.
    public var workspace: String?
    /// The address with the password shown as `***`.
    public var description: String
    /// The address with no password at all (libpq then takes PGPASSWORD or ~/.pgpass):
    /// what a recorded script's replay line gives, which `***` would break.
    public var withoutPassword: String

    /// True for text that names a database rather than a file.
    public static func looksLikeURL(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    public init(_ text: String) throws(SharedStoreError) {
        guard DatabaseURL.looksLikeURL(text), var parts = URLComponents(string: text) else {
            throw .badURL("expected postgres://USER@HOST:PORT/DB?workspace=NAME")
        }
        var items = parts.queryItems ?? []
        workspace = items.first { $0.name == "workspace" }?.value.flatMap { $0.isEmpty ? nil : $0 }
        items.removeAll { $0.name == "workspace" }
        parts.queryItems = items.isEmpty ? nil : items
        guard let clean = parts.string else { throw .badURL("cannot read the address") }
        conninfo = clean
        let hadPassword = parts.password != nil
        parts.password = nil
        withoutPassword = parts.string ?? "postgres://…"
        if hadPassword { parts.password = "***" }
        description = parts.string ?? "postgres://…"
    }
}
