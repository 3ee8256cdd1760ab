/// Brings a database's smk schema up to the newest `Migration`, each step once, in one
/// transaction: a failure leaves the schema as it was. Two migrators at once wait for
/// each other (an advisory lock), so the second finds nothing left to do.
public enum Migrator {
    /// Applies the missing steps; returns the versions it applied (empty: up to date).
    @discardableResult
    public static func migrate(_ connection: PGConnection) throws(SharedStoreError) -> [Int] {
        do throws(any Error) {
            try connection.run("BEGIN")
            do {
                try connection.run("SELECT pg_advisory_xact_lock(7263551)")
                try connection.run("""
                    CREATE TABLE IF NOT EXISTS smk_schema (
                        version int PRIMARY KEY, name text NOT NULL, applied timestamptz NOT NULL DEFAULT now())
                    """)
                let current = Int(try connection.execute("SELECT coalesce(max(version), 0) FROM smk_schema").scalar ?? "0") ?? 0
                var applied: [Int] = []
                for step in Migration.all where step.version > current {
                    try connection.run(step.sql)
                    try connection.execute("INSERT INTO smk_schema (version, name) VALUES ($1, $2)", [String(step.version), step.name])
                    applied.append(step.version)
                }
                try connection.run("COMMIT")
                return applied
            } catch {
                try? connection.run("ROLLBACK")
                throw error
            }
        } catch let error as PGError {
            throw .database(error)
        } catch {
            throw .badData("\(error)")
        }
    }
}
