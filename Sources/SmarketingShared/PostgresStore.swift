import Foundation
import SmarketingKit

/// A shared workspace in PostgreSQL, behind `WorkspaceStore` (its promises are written
/// where the protocol is declared).
///
/// No lost updates: the store remembers the version of every lead as this shell last
/// saw it (`smk_leads.version`, which the database raises on every update, from smk or
/// from psql). `append` locks the rows the change touches, compares, and writes the
/// leads, the change record and its notification in one transaction, or refuses.
public final class PostgresStore: WorkspaceStore {
    public let url: DatabaseURL
    public let name: String
    private let connection: PGConnection
    private var versions: [String: Int64] = [:]
    private var documentVersion: Int64 = 0
    private var lastSeq: Int64 = 0
    /// The audit entries the document holds (the pushed history): a settings change
    /// writes the document with these only, since the change log keeps every later one.
    private var pushedAudit = 0
    /// Notifications arrived since the last follow.
    private var pending = false

    public var location: String { "\(url) workspace \(name)" }
    public var address: String? {
        let text = url.withoutPassword
        let query = name.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=+#"))) ?? name
        return text + (text.contains("?") ? "&" : "?") + "workspace=" + query
    }
    public var identity: String? { connection.user }
    public var isShared: Bool { true }
    public var followDescriptor: Int32? { connection.isOK ? connection.socket : nil }
    private var notices: [String] = []
    private var lostReported = false

    public func takeNotices() -> [String] {
        defer { notices = [] }
        return notices
    }

    /// After the connection was lost: tries once to connect again (LISTEN again, and the
    /// next `follow` reads every change made meanwhile). Throws while it is still gone.
    private func ensureConnected() throws(StoreRefusal) {
        guard !connection.isOK else { return }
        guard connection.reset() else {
            if !lostReported { notices.append("note: the connection to the database is lost; retrying before each command (changes are refused until it is back; queries work on what is loaded)") }
            lostReported = true
            throw StoreRefusal(.unavailable, "the connection to the database is lost; the change was not made (it is retried before each command)")
        }
        try? connection.run("LISTEN smk_changes")
        _ = try? connection.execute("INSERT INTO smk_sessions (workspace, pid) VALUES ($1, pg_backend_pid())", [name])
        pending = true
        lostReported = false
        notices.append("note: connected to the database again")
    }

    /// Connects and LISTENs; `load` reads the workspace.
    public init(url: DatabaseURL, workspace name: String) throws(StoreRefusal) {
        self.url = url
        self.name = name
        do {
            connection = try PGConnection(conninfo: url.conninfo, applicationName: PostgresStore.applicationName(name))
            try connection.run("LISTEN smk_changes")
        } catch {
            throw StoreRefusal(.unavailable, "cannot open \(url): \(error)")
        }
        let needed = Migration.all.last?.version ?? 0
        let found = (try? connection.execute("SELECT max(version) FROM smk_schema").scalar).flatMap { $0.flatMap { Int($0) } } ?? 0
        guard found >= needed else {
            throw StoreRefusal(.unavailable, found == 0
                ? "\(url) holds no smk workspace (smk db push FILE.json URL creates one)"
                : "the database's smk schema is at version \(found), this smk needs \(needed): smk db migrate URL (as its administrator)")
        }
    }

    /// What `who` looks for in pg_stat_activity.
    static func applicationName(_ workspace: String) -> String {
        String(("smk " + workspace).utf8.prefix(63)) ?? "smk"
    }

    public func load() throws(StoreRefusal) -> Workspace {
        do {
            let snapshot = try SharedWorkspace.load(name: name, from: connection)
            versions = snapshot.versions
            documentVersion = snapshot.documentVersion
            lastSeq = snapshot.lastSeq
            pushedAudit = snapshot.pushedAudit
            _ = try? connection.notifications()
            pending = false
            try? connection.run("BEGIN")
            _ = try? connection.execute("""
                DELETE FROM smk_sessions s WHERE workspace = $1
                    AND (pid = pg_backend_pid() OR NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.pid = s.pid))
                """, [name])
            _ = try? connection.execute("INSERT INTO smk_sessions (workspace, pid) VALUES ($1, pg_backend_pid())", [name])
            try? connection.run("COMMIT")
            return snapshot.workspace
        } catch {
            throw StoreRefusal(.unavailable, error.description)
        }
    }

    public func save(_ workspace: Workspace, force: Bool, isInterrupted: () -> Bool) throws(StoreRefusal) -> String {
        "the workspace is shared: every change is already saved in the database (smk db pull writes a file)"
    }

    public func present() throws(StoreRefusal) -> [String] {
        do {
            return try connection.execute("""
                SELECT s.login || ' since ' || to_char(s.since, 'HH24:MI:SS') || CASE WHEN s.pid = pg_backend_pid() THEN ' (you)' ELSE '' END
                FROM smk_sessions s JOIN pg_stat_activity a ON a.pid = s.pid AND a.usename = s.login
                WHERE s.workspace = $1 ORDER BY s.since
                """, [name]).rows.compactMap { $0.first ?? nil }
        } catch {
            throw StoreRefusal(.unavailable, "\(error)")
        }
    }

    // MARK: Appending

    public func append(_ record: ChangeRecord, to workspace: Workspace) throws(StoreRefusal) {
        try ensureConnected()
        do {
            try appendOnce(record, to: workspace)
        } catch where error.kind == .unavailable {
            // The server went away under the transaction (a restart): nothing of it was
            // kept. Connect again and try once more; a change the server did commit
            // before the connection broke shows up as a conflict, never twice.
            try ensureConnected()
            try appendOnce(record, to: workspace)
        }
    }

    private func appendOnce(_ record: ChangeRecord, to workspace: Workspace) throws(StoreRefusal) {
        let ids = record.change.leadIDs
        do {
            try connection.run("BEGIN")
            do {
                // One append at a time per workspace, so change numbers are committed in
                // order and `follow`, which reads past the last number it saw, misses none.
                // `smk.append` tells the trigger that announces plain-SQL edits
                // (migration 3) that this transaction writes its own change record.
                try connection.execute("SELECT pg_advisory_xact_lock(hashtext('smk_changes ' || $1)), set_config('smk.append', 'on', true)", [name])
                try check(ids: ids, settings: record.change.touchesSettings)
                var newVersions: [String: Int64] = [:]
                for id in ids {
                    if let lead = workspace.leads[id: id], versions[id] != nil {
                        let version = try connection.execute("""
                            UPDATE smk_leads SET stage = $3, data = $4 WHERE workspace = $1 AND id = $2 RETURNING version
                            """, [name, id, lead.stage, SharedWorkspace.data(of: lead)]).scalar
                        newVersions[id] = version.flatMap { Int64($0) } ?? 0
                    } else if let lead = workspace.leads[id: id] {
                        let version = try connection.execute("""
                            INSERT INTO smk_leads AS l (workspace, id, stage, position, data)
                            VALUES ($1, $2, $3, (SELECT coalesce(max(position), 0) + 1 FROM smk_leads WHERE workspace = $1), $4)
                            RETURNING version
                            """, [name, id, lead.stage, SharedWorkspace.data(of: lead)]).scalar
                        newVersions[id] = version.flatMap { Int64($0) } ?? 0
                    } else {
                        try connection.execute("DELETE FROM smk_leads WHERE workspace = $1 AND id = $2", [name, id])
                    }
                }
                var newDocument: Int64?
                if record.change.touchesSettings {
                    try writeStages(of: workspace)
                    newDocument = try connection.execute("UPDATE smk_workspaces SET document = $2, version = version + 1 WHERE name = $1 RETURNING version",
                                                         [name, SharedWorkspace.document(of: workspace, audit: pushedAudit)]).scalar.flatMap { Int64($0) }
                }
                var writer = JSONWriter()
                writer.compact(record.change.json)
                let seq = try connection.execute("""
                    INSERT INTO smk_changes (workspace, summary, leads, change) VALUES ($1, $2, $3, $4) RETURNING seq
                    """, [name, record.summary, SharedWorkspace.arrayLiteral(ids), String(decoding: writer.bytes, as: UTF8.self)]).scalar
                try connection.run("COMMIT")
                for id in ids { versions[id] = newVersions[id] }
                if let newDocument { documentVersion = newDocument }
                if let seq = seq.flatMap({ Int64($0) }) { ownSeqs.insert(seq) }
            } catch {
                try? connection.run("ROLLBACK")
                throw error
            }
        } catch let refusal as StoreRefusal {
            throw refusal
        } catch let error as PGError {
            if !connection.isOK { throw StoreRefusal(.unavailable, "the connection to the database is lost (\(error)); the change was not made") }
            if error.sqlState == "42501" || error.sqlState == "P0001" { throw StoreRefusal(.refused, "refused by the database: \(error)") }
            throw StoreRefusal(.refused, "database: \(error)")
        } catch {
            throw StoreRefusal(.refused, "\(error)")
        }
    }

    /// Brings `smk_stages` in line with the workspace's funnel: a stage already there is
    /// updated only when its team, side or allowed teams changed, and only a stage that is
    /// not there yet is inserted. A reviewer's login is granted SELECT and UPDATE on the
    /// table, not INSERT (an upsert needs INSERT even when it only updates), so every
    /// agreement change (a proposal, an approval, the SLA, a rule) must not ask for more.
    private func writeStages(of workspace: Workspace) throws(PGError) {
        let existing = Set(try connection.execute("SELECT id FROM smk_stages WHERE workspace = $1", [name]).rows.compactMap { $0.first ?? nil })
        for stage in workspace.funnel.stages {
            let values: [String?] = [name, stage.id, stage.team.rawValue, stage.isSide ? "true" : "false",
                                     SharedWorkspace.arrayLiteral(stage.allowedTeams.map(\.rawValue))]
            if existing.contains(stage.id) {
                try connection.execute("""
                    UPDATE smk_stages SET team = $3, side = $4, allow = $5
                    WHERE workspace = $1 AND id = $2
                      AND (team, side, allow) IS DISTINCT FROM ($3::text, $4::boolean, $5::text[])
                    """, values)
            } else {
                try connection.execute("INSERT INTO smk_stages (workspace, id, team, side, allow) VALUES ($1, $2, $3, $4, $5)", values)
            }
        }
    }

    /// Leads found changed by a conflict: `follow` reads them again even when no change
    /// record explains it (an edit made with plain SQL).
    private var resync = Set<String>()

    /// This store's own change records, which `follow` skips.
    private var ownSeqs = Set<Int64>()

    /// Locks the touched rows and refuses when any changed since this shell saw it.
    private func check(ids: [String], settings: Bool) throws {
        var stale: [String] = []
        if !ids.isEmpty {
            let rows = try connection.execute("SELECT id, version FROM smk_leads WHERE workspace = $1 AND id = ANY($2::text[]) FOR UPDATE",
                                              [name, SharedWorkspace.arrayLiteral(ids)]).rows
            var now: [String: Int64] = [:]
            for row in rows { if let id = row[0], let version = row[1].flatMap({ Int64($0) }) { now[id] = version } }
            stale = ids.filter { now[$0] != versions[$0] }
        }
        var settingsStale = false
        if settings {
            let current = try connection.execute("SELECT version FROM smk_workspaces WHERE name = $1 FOR UPDATE", [name]).scalar.flatMap { Int64($0) }
            settingsStale = current != documentVersion
        }
        guard !stale.isEmpty || settingsStale else { return }
        resync.formUnion(stale)
        var reasons: [String] = []
        for id in stale.prefix(3) {
            let last = try connection.execute("""
                SELECT by, summary FROM smk_changes WHERE workspace = $1 AND $2 = ANY(leads) AND seq > $3 ORDER BY seq DESC LIMIT 1
                """, [name, id, String(lastSeq)]).rows.first
            if let last, let by = last[0], let summary = last[1] {
                reasons.append("\(by) changed \(id) since you saw it (\(summary))")
            } else {
                reasons.append("\(id) was changed in the database since you saw it")
            }
        }
        if stale.count > 3 { reasons.append("and \(stale.count - 3) more lead(s)") }
        if settingsStale { reasons.append("someone changed the workspace's settings since you saw them") }
        throw StoreRefusal(.conflict, reasons.joined(separator: "; ") + "; your change was not made")
    }

    // MARK: Following

    public func follow(_ workspace: Workspace, force: Bool) throws(StoreRefusal) -> [ChangeRecord] {
        try ensureConnected()
        do {
            for note in try connection.notifications() where note.channel == "smk_changes" {
                let parts = note.payload.split(separator: " ")
                if parts.count == 2, String(parts[0]) == name, let seq = Int64(parts[1]), !ownSeqs.contains(seq) { pending = true }
            }
        } catch {
            if !connection.isOK, !lostReported {
                lostReported = true
                notices.append("note: the connection to the database is lost; retrying before each command (changes are refused until it is back; queries work on what is loaded)")
            }
            return []
        }
        guard pending || force else { return [] }
        pending = false
        do {
            try connection.run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            defer { try? connection.run("COMMIT") }
            let rows = try connection.execute("""
                SELECT seq, by, extract(epoch FROM at), summary, change, leads FROM smk_changes
                WHERE workspace = $1 AND seq > $2 ORDER BY seq
                """, [name, String(lastSeq)]).rows
            var records: [ChangeRecord] = []
            var touched = Set<String>()
            var funnel = workspace.funnel
            for row in rows {
                guard let seq = row[0].flatMap({ Int64($0) }) else { continue }
                lastSeq = max(lastSeq, seq)
                if ownSeqs.contains(seq) { continue }
                guard let text = row[4], let json = try? JSONParser.parse(text),
                      let change = try? Change(json: json, funnel: funnel) else { continue }
                if case .updateStage(let stage) = change { funnel.replace(stage) }
                touched.formUnion(change.leadIDs)
                let at = Date(timeIntervalSince1970: row[2].flatMap { Double($0) } ?? 0)
                records.append(ChangeRecord(change: change, inverse: .group([]), at: at, by: row[1] ?? "?", summary: row[3] ?? ""))
            }
            let unexplained = resync.subtracting(touched)
            resync = []
            if !unexplained.isEmpty {
                let leadRows = try connection.execute("SELECT id, stage, data, version FROM smk_leads WHERE workspace = $1 AND id = ANY($2::text[])",
                                                      [name, SharedWorkspace.arrayLiteral(Array(unexplained))]).rows
                for row in leadRows {
                    guard let id = row[0], let stage = row[1], let data = row[2] else { continue }
                    var writer = JSONWriter()
                    writer.raw("{\"op\":\"updateLead\",\"lead\":{\"id\":")
                    writer.string(id)
                    writer.raw(",\"stage\":")
                    writer.string(stage)
                    let body = data.utf8.dropFirst()
                    if body.first != UInt8(ascii: "}") { writer.raw(",") }
                    writer.raw(String(decoding: body, as: UTF8.self) + "}")
                    guard let json = try? JSONParser.parse(writer.bytes), let change = try? Change(json: json, funnel: funnel) else { continue }
                    records.append(ChangeRecord(change: change, inverse: .group([]), at: Date(), by: "the database", summary: "edited \(id) with SQL"))
                    touched.insert(id)
                }
            }
            if !touched.isEmpty {
                let versionRows = try connection.execute("SELECT id, version FROM smk_leads WHERE workspace = $1 AND id = ANY($2::text[])",
                                                         [name, SharedWorkspace.arrayLiteral(Array(touched))]).rows
                for id in touched { versions[id] = nil }
                for row in versionRows { if let id = row[0], let version = row[1].flatMap({ Int64($0) }) { versions[id] = version } }
            }
            if let document = try connection.execute("SELECT version FROM smk_workspaces WHERE name = $1", [name]).scalar.flatMap({ Int64($0) }) {
                documentVersion = document
            }
            return records
        } catch {
            throw StoreRefusal(.unavailable, "database: \(error)")
        }
    }
}
