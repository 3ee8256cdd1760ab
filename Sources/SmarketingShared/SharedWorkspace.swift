import Foundation
import SmarketingKit

/// Moving a workspace between its file and the database: `smk db push` and `smk db pull`,
/// and the load that opening a shared workspace starts with.
///
/// The database keeps the workspace as the file would: `smk_workspaces.document` is
/// the file's text without its leads, and each lead is one `smk_leads` row whose `data`
/// is the lead's JSON without id and stage (those have columns). Loading puts the file
/// text back together and reads it with the same codec as a file, so a round trip
/// file → database → file writes the same bytes, unknown keys included.
public enum SharedWorkspace {
    /// What a load saw: the workspace and the versions the next change is checked against.
    public struct Snapshot {
        public var workspace: Workspace
        /// Each lead's `smk_leads.version` as loaded.
        public var versions: [String: Int64]
        /// `smk_workspaces.version`: raised by each change to anything but leads.
        public var documentVersion: Int64
        /// The newest change record already reflected in `workspace`.
        public var lastSeq: Int64
        /// How many of `workspace.audit`'s entries the document holds (the history the
        /// workspace was pushed with); the rest were read from the change log.
        public var pushedAudit: Int = 0
    }

    /// Creates workspace `name` from `workspace` (schema migrated first), with a LOGIN
    /// role for each team member in a group role `smk_TEAM`. Refuses a name already there.
    public static func push(_ workspace: Workspace, name: String, to connection: PGConnection) throws(SharedStoreError) {
        try Migrator.migrate(connection)
        try SharedStoreError.translating {
            try connection.run("BEGIN")
            do {
                if try connection.execute("SELECT 1 FROM smk_workspaces WHERE name = $1", [name]).scalar != nil {
                    throw SharedStoreError.workspaceExists(name)
                }
                try connection.execute("INSERT INTO smk_workspaces (name, document) VALUES ($1, $2)", [name, document(of: workspace)])
                for stage in workspace.funnel.stages {
                    try connection.execute("INSERT INTO smk_stages (workspace, id, team, side, allow) VALUES ($1, $2, $3, $4, $5)",
                                           [name, stage.id, stage.team.rawValue, stage.isSide ? "true" : "false",
                                            arrayLiteral(stage.allowedTeams.map(\.rawValue))])
                }
                try createRoles(for: workspace.team, on: connection)
                try connection.copyIn("COPY smk_leads (workspace, id, stage, position, data) FROM STDIN",
                                      data: copyRows(workspace.leads, workspace: name))
                try connection.run("COMMIT")
            } catch {
                try? connection.run("ROLLBACK")
                throw error
            }
            // Rows written in bulk are checked against the commit log by the first reads
            // of each, which then mark them (hint bits): without this the first shells to
            // open a freshly pushed workspace pay for it. VACUUM marks them once, here,
            // and ANALYZE gives the planner the table's statistics. Best effort: the
            // workspace is pushed either way.
            try? connection.run("VACUUM (ANALYZE) smk_leads")
        }
    }

    /// Loads workspace `name` as one consistent snapshot (REPEATABLE READ).
    public static func load(name: String, from connection: PGConnection) throws(SharedStoreError) -> Snapshot {
        try SharedStoreError.translating {
            try connection.run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            defer { try? connection.run("COMMIT") }
            guard let head = try connection.execute("SELECT document, version FROM smk_workspaces WHERE name = $1", [name]).rows.first,
                  let document = head[0], let version = head[1].flatMap({ Int64($0) }) else {
                throw SharedStoreError.noWorkspace(name)
            }
            let lastSeq = Int64(try connection.execute("SELECT coalesce(max(seq), 0) FROM smk_changes WHERE workspace = $1", [name]).scalar ?? "0") ?? 0
            // All leads in file order (the position index, no sort), in COPY's binary
            // format: the server only sends the rows' bytes (SharedWorkspace+Copy.swift).
            // Memory for the text is reserved (not touched) by the table's size, so the
            // buffer is not copied as it grows.
            let tableSize = Int(try connection.execute("SELECT pg_table_size('smk_leads')").scalar ?? "0") ?? 0
            var assembler = try CopyAssembler(document: document, reserve: min(tableSize + tableSize / 4, Int(ProcessInfo.processInfo.physicalMemory / 4)))
            let wellFormed = try connection.copyOut("""
                COPY (SELECT id, stage, data, version FROM smk_leads WHERE workspace = \(connection.quoteLiteral(name)) ORDER BY position)
                TO STDOUT (FORMAT binary)
                """) { assembler.feed($0) }
            guard wellFormed else { throw SharedStoreError.badData("the leads the server sent are not in COPY's binary format") }
            let (bytes, versionList) = try assembler.finish()
            var workspace: Workspace
            do { workspace = try WorkspaceCodec.decode(bytes, path: nil, defaultName: name) } catch {
                throw SharedStoreError.badData("\(error)")
            }
            // The audit: the history the workspace was pushed with (the document's), then
            // every change since from the change log, whose by and at the server stamped.
            // The document alone would miss every change to leads only (they do not
            // rewrite it) and each shell's view of the others'.
            let pushedAudit = workspace.audit.count
            let log = try connection.execute("""
                SELECT by, extract(epoch FROM at), summary, cardinality(leads), array_to_json(leads[1:\(AuditEntry.idLimit)])::text
                FROM smk_changes WHERE workspace = $1 AND seq <= $2 ORDER BY seq
                """, [name, String(lastSeq)]).rows
            for row in log {
                let summary = row[2] ?? ""
                var ids: [String] = []
                if let text = row[4], case .array(let items)? = try? JSONParser.parse(text) {
                    ids = items.compactMap { if case .string(let id) = $0 { return id } else { return nil } }
                }
                workspace.audit.append(AuditEntry(at: Date(timeIntervalSince1970: row[1].flatMap { Double($0) } ?? 0), by: row[0] ?? "?",
                                                  command: summary, what: summary, leads: row[3].flatMap { Int($0) } ?? ids.count, ids: ids))
            }
            guard versionList.count == workspace.leads.count else { throw SharedStoreError.badData("lead versions do not match the leads") }
            var versions: [String: Int64] = [:]
            versions.reserveCapacity(versionList.count)
            for (row, version) in versionList.enumerated() { versions[workspace.leads.id(at: row)] = version }
            return Snapshot(workspace: workspace, versions: versions, documentVersion: version, lastSeq: lastSeq, pushedAudit: pushedAudit)
        }
    }

    // MARK: The file's text, split and put back

    /// Where the leads go in a document: the top-level `leads` key, which the codec
    /// writes on a line of its own at indent 1 (a newline inside a string is escaped,
    /// so this text occurs nowhere else).
    static let leadsMarker = "\n  \"leads\": []"

    /// The workspace file's text with no leads.
    /// `audit`: how many of the audit's entries to keep (nil: all, as pushed).
    static func document(of workspace: Workspace, audit: Int? = nil) -> String {
        var empty = workspace
        empty.leads = LeadStore()
        if let audit, audit < empty.audit.count { empty.audit.removeSubrange(audit...) }
        return String(decoding: WorkspaceCodec.encode(empty), as: UTF8.self)
    }

    /// A lead's JSON without id and stage (they have columns of their own).
    static func data(of lead: Lead) -> String {
        var object = lead.json
        object.members.removeAll { $0.key == "id" || $0.key == "stage" }
        var writer = JSONWriter()
        writer.compact(.object(object))
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// The leads in COPY's text format: tab-separated, backslash escaped.
    static func copyRows(_ leads: LeadStore, workspace: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(leads.count * 500)
        let name = copyField(workspace)
        for row in 0..<leads.count {
            let lead = leads[row]
            out.append(contentsOf: name)
            out.append(9)
            out.append(contentsOf: copyField(lead.id))
            out.append(9)
            out.append(contentsOf: copyField(lead.stage))
            out.append(9)
            out.append(contentsOf: String(row).utf8)
            out.append(9)
            out.append(contentsOf: copyField(data(of: lead)))
            out.append(10)
        }
        return out
    }

    static func copyField(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): out += [92, 92]
            case 9: out += [92, UInt8(ascii: "t")]
            case 10: out += [92, UInt8(ascii: "n")]
            case 13: out += [92, UInt8(ascii: "r")]
            default: out.append(byte)
            }
        }
        return out
    }

    /// A PostgreSQL array literal of text values.
    static func arrayLiteral(_ values: [String]) -> String {
        "{" + values.map { "\"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
            .joined(separator: ",") + "}"
    }

    /// A group role per team (`smk_sales`), a LOGIN role per member, member of it, and the
    /// grants a team member needs. No password is set: an administrator sets them with
    /// `ALTER ROLE … PASSWORD`.
    static func createRoles(for team: [TeamMember], on connection: PGConnection) throws(PGError) {
        // Roles belong to the whole server, not to one database: another push may be
        // creating the same one right now, which is fine (the handler absorbs it).
        func ensure(_ role: String, login: Bool) throws(PGError) {
            let literal = "'" + role.replacingOccurrences(of: "'", with: "''") + "'"
            try connection.run("""
                DO $$ BEGIN
                    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = \(literal)) THEN
                        EXECUTE format('CREATE ROLE %I \(login ? "LOGIN" : "NOLOGIN")', \(literal));
                    END IF;
                EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
                END $$
                """)
        }
        for teamName in Set(team.map(\.role.rawValue)) where teamName != Team.both.rawValue {
            let group = "smk_" + teamName
            let quoted = connection.quoteIdentifier(group)
            try ensure(group, login: false)
            try connection.run("""
                GRANT SELECT, UPDATE ON smk_workspaces TO \(quoted);
                GRANT SELECT, UPDATE ON smk_stages TO \(quoted);
                GRANT SELECT, INSERT, UPDATE, DELETE ON smk_leads TO \(quoted);
                GRANT SELECT, INSERT ON smk_changes TO \(quoted);
                GRANT USAGE ON SEQUENCE smk_changes_seq_seq TO \(quoted);
                GRANT SELECT ON smk_schema TO \(quoted);
                GRANT SELECT, INSERT, DELETE ON smk_sessions TO \(quoted)
                """)
        }
        for member in team where member.role != .both {
            try ensure(member.name, login: true)
            let grant = "GRANT \(connection.quoteIdentifier("smk_" + member.role.rawValue)) TO \(connection.quoteIdentifier(member.name))"
            try connection.run("""
                DO $$ BEGIN EXECUTE '\(grant.replacingOccurrences(of: "'", with: "''"))';
                EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$
                """)
        }
    }
}
