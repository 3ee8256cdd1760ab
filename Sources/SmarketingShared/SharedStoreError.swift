/// Why a shared workspace could not be opened, pushed, pulled or changed. Worded here,
/// in one place; a password never appears in any of them.
public enum SharedStoreError: Error, Sendable, CustomStringConvertible {
    case badURL(String)
    case database(PGError)
    case noWorkspace(String)
    case workspaceExists(String)
    case badData(String)
    /// Another shell (or a plain SQL client) changed these leads since this shell saw them.
    case conflict(String)
    case refusedByDatabase(String)
    case disconnected(String)

    public var description: String {
        switch self {
        case .badURL(let why): "not a database address: \(why)"
        case .database(let error): "database: \(error)"
        case .noWorkspace(let name): "no shared workspace '\(name)' in this database (smk db push FILE.json URL --workspace \(name) creates it)"
        case .workspaceExists(let name): "the database already holds a workspace '\(name)' (smk db pull writes it to a file; choose another --workspace)"
        case .badData(let why): "the shared workspace is damaged: \(why)"
        case .conflict(let why): "not changed: \(why)"
        case .refusedByDatabase(let why): "refused by the database: \(why)"
        case .disconnected(let why): "the connection to the database is lost (\(why)); changes wait until it is back"
        }
    }
}

extension SharedStoreError {
    /// Runs `body`, giving any error it throws as a `SharedStoreError`: a database error
    /// as `.database`, anything else (a workspace that does not decode) as `.badData`.
    static func translating<T>(_ body: () throws -> T) throws(SharedStoreError) -> T {
        do { return try body() } catch let error as SharedStoreError {
            throw error
        } catch let error as PGError {
            throw .database(error)
        } catch {
            throw .badData("\(error)")
        }
    }
}
