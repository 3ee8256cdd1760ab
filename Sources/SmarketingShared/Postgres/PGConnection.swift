import CLibPQ
import CLibPQLoader
import Foundation

/// One connection to PostgreSQL through libpq, with just what the shared store needs:
/// statements with text parameters, COPY in, LISTEN's notifications, and the socket, so
/// the line editor can wait on it beside the terminal.
///
/// Errors never carry the connection string: libpq's own messages name host and user,
/// never the password, and smk adds nothing else.
public final class PGConnection {
    let raw: OpaquePointer

    /// Connects with a libpq connection string or URI; the password comes from the URL,
    /// PGPASSWORD or ~/.pgpass, as libpq always finds it.
    public init(conninfo: String, applicationName: String = "smk") throws(PGError) {
        let keys = ["dbname", "application_name", "connect_timeout"]
        let values = [conninfo, applicationName, "10"]
        var cKeys = keys.map { strdup($0) }
        var cValues = values.map { strdup($0) }
        defer { (cKeys + cValues).forEach { free($0) } }
        cKeys.append(nil)
        cValues.append(nil)
        let conn: OpaquePointer? = cKeys.withUnsafeBufferPointer { k in
            cValues.withUnsafeBufferPointer { v in
                k.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: k.count) { kp in
                    v.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: v.count) { vp in
                        PQconnectdbParams(kp, vp, 1)
                    }
                }
            }
        }
        guard let conn else {
            if let why = smk_pq_load_error() {
                throw PGError(message: "libpq (PostgreSQL's client library) could not be loaded: \(String(cString: why)); install libpq5 (apt-get install libpq5)")
            }
            throw PGError(message: "out of memory connecting to PostgreSQL")
        }
        guard PQstatus(conn) == CONNECTION_OK else {
            let message = PGConnection.text(PQerrorMessage(conn))
            PQfinish(conn)
            throw PGError(message: message)
        }
        smk_pq_ignore_notices(conn)
        raw = conn
    }

    deinit { PQfinish(raw) }

    /// The role the server says this connection logged in as.
    public var user: String { PGConnection.text(PQuser(raw)) }
    public var database: String { PGConnection.text(PQdb(raw)) }
    public var host: String { PGConnection.text(PQhost(raw)) }
    public var port: String { PGConnection.text(PQport(raw)) }

    /// The socket to poll for readability (notifications, or the server going away).
    public var socket: Int32 { PQsocket(raw) }

    /// True while the connection is usable.
    public var isOK: Bool { PQstatus(raw) == CONNECTION_OK }

    /// Tries to connect again after the connection was lost; true when it is back.
    public func reset() -> Bool {
        PQreset(raw)
        return isOK
    }

    /// Runs one statement with text parameters (NULL for nil) and returns its rows.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [String?] = []) throws(PGError) -> PGResult {
        var cParams: [UnsafeMutablePointer<CChar>?] = parameters.map { $0.map { strdup($0) } ?? nil }
        defer { cParams.forEach { free($0) } }
        let result: OpaquePointer? = cParams.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { base in
                base.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: buffer.count) { pointers in
                    PQexecParams(raw, sql, Int32(parameters.count), nil, pointers, nil, nil, 0)
                }
            } ?? PQexecParams(raw, sql, 0, nil, nil, nil, nil, 0)
        }
        return try PGResult.checked(result, connection: raw)
    }

    /// Runs statements with no parameters (several separated by `;` are allowed).
    public func run(_ sql: String) throws(PGError) {
        _ = try PGResult.checked(PQexec(raw, sql), connection: raw)
    }

    /// COPY … FROM STDIN: sends `data` (COPY's text format) in chunks.
    public func copyIn(_ statement: String, data: [UInt8]) throws(PGError) {
        let started = try PGResult.checked(PQexec(raw, statement), connection: raw, expectCopy: true)
        _ = started
        var offset = 0
        while offset < data.count {
            let end = min(data.count, offset + (1 << 20))
            let sent = data[offset..<end].withUnsafeBufferPointer { buffer in
                buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    PQputCopyData(raw, $0, Int32(buffer.count))
                }
            }
            guard sent == 1 else { throw PGError(message: PGConnection.text(PQerrorMessage(raw))) }
            offset = end
        }
        guard PQputCopyEnd(raw, nil) == 1 else { throw PGError(message: PGConnection.text(PQerrorMessage(raw))) }
        var failure: PGError?
        while let result = PQgetResult(raw) {
            do { _ = try PGResult.checked(result, connection: raw) } catch { failure = failure ?? error }
        }
        if let failure { throw failure }
    }

    /// Reads what the server sent without waiting and returns the notifications that
    /// arrived: (channel, payload). Throws when the connection is gone.
    public func notifications() throws(PGError) -> [(channel: String, payload: String)] {
        guard PQconsumeInput(raw) == 1 else { throw PGError(message: PGConnection.text(PQerrorMessage(raw))) }
        var found: [(String, String)] = []
        while let notify = PQnotifies(raw) {
            found.append((String(cString: smk_pq_notify_channel(notify)), String(cString: smk_pq_notify_extra(notify))))
            PQfreemem(notify)
        }
        return found
    }

    /// A value quoted as an SQL identifier (for role names in CREATE ROLE and GRANT).
    public func quoteIdentifier(_ name: String) -> String {
        guard let quoted = PQescapeIdentifier(raw, name, name.utf8.count) else { return "\"\"" }
        defer { PQfreemem(quoted) }
        return String(cString: quoted)
    }

    static func text(_ pointer: UnsafePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer).trimmingCharacters(in: .whitespacesAndNewlines)
    }
    static func text(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
        text(UnsafePointer(pointer))
    }
}

/// The rows of one statement, as text (libpq's text format).
public struct PGResult: Sendable {
    public var columns: [String]
    public var rows: [[String?]]

    static func checked(_ result: OpaquePointer?, connection: OpaquePointer, expectCopy: Bool = false) throws(PGError) -> PGResult {
        guard let result else { throw PGError(message: PGConnection.text(PQerrorMessage(connection))) }
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        switch status {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK: break
        case PGRES_COPY_IN where expectCopy: return PGResult(columns: [], rows: [])
        default:
            let state = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
            throw PGError(message: PGConnection.text(PQresultErrorMessage(result)), sqlState: state)
        }
        let fields = Int(PQnfields(result))
        let count = Int(PQntuples(result))
        let columns = (0..<fields).map { String(cString: PQfname(result, Int32($0))) }
        var rows: [[String?]] = []
        rows.reserveCapacity(count)
        for row in 0..<count {
            var values: [String?] = []
            values.reserveCapacity(fields)
            for field in 0..<fields {
                if PQgetisnull(result, Int32(row), Int32(field)) == 1 {
                    values.append(nil)
                } else {
                    values.append(String(cString: PQgetvalue(result, Int32(row), Int32(field))))
                }
            }
            rows.append(values)
        }
        return PGResult(columns: columns, rows: rows)
    }

    /// The first column of the first row.
    public var scalar: String? { rows.first?.first ?? nil }
}

/// What PostgreSQL (or libpq) said went wrong. `sqlState` is the five-character code
/// (`40001`, `P0001`, …) when the server sent one.
public struct PGError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var sqlState: String?

    public init(message: String, sqlState: String? = nil) {
        self.message = message
        self.sqlState = sqlState
    }

    /// libpq prefixes server errors with "ERROR:  "; the message reads better without.
    public var description: String {
        var text = message
        for prefix in ["ERROR:  ", "FATAL:  "] where text.hasPrefix(prefix) { text.removeFirst(prefix.count) }
        return text.components(separatedBy: "\n").first ?? text
    }
}
