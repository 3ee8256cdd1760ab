import Foundation
import SmarketingShared

/// The private PostgreSQL server the shared-workspace tests use.
///
/// `Scripts/test` starts one (Scripts/pg-server) and names its settings in
/// SMK_TEST_PGENV; run alone (`swift test --filter Shared`), the tests start their own
/// the same way and stop it when the test process exits. Each test works in a database
/// of its own, so tests run in parallel without meeting.
enum TestDatabase {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The server's superuser settings (PGHOST, PGPORT, PGUSER, PGPASSWORD), or why there is none.
    static let server: Result<[String: String], ServerUnavailable> = start()

    /// True when a server can be had here: tests that need one are skipped only when not.
    static var isAvailable: Bool { (try? server.get()) != nil }

    struct ServerUnavailable: Error, CustomStringConvertible {
        var description: String
    }

    private nonisolated(unsafe) static var ownDirectory: String?

    /// Roles belong to the whole server: two tests granting or setting passwords on the
    /// same role at once get "tuple concurrently updated". Tests that push a workspace or
    /// alter roles hold this lock while they do.
    static let rolesLock = NSLock()

    /// Runs `body` holding `rolesLock`.
    static func withRoles<T>(_ body: () throws -> T) rethrows -> T {
        rolesLock.lock()
        defer { rolesLock.unlock() }
        return try body()
    }

    private static func start() -> Result<[String: String], ServerUnavailable> {
        let environment = ProcessInfo.processInfo.environment
        var envFile = environment["SMK_TEST_PGENV"]
        if envFile == nil {
            let directory = NSTemporaryDirectory() + "smk-pg-" + UUID().uuidString.prefix(8)
            let port = String(Int.random(in: 20000..<40000))
            let status = startServer(directory: directory, port: port)
            guard status == 0 else { return .failure(ServerUnavailable(description: "Scripts/pg-server start failed (\(status))")) }
            ownDirectory = directory
            atexit {
                if let directory = TestDatabase.ownDirectory { TestDatabase.stopServer(directory: directory) }
            }
            envFile = directory + "/env"
        }
        guard let envFile, let text = try? String(contentsOfFile: envFile, encoding: .utf8) else {
            return .failure(ServerUnavailable(description: "no server settings"))
        }
        var settings: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { settings[parts[0]] = parts[1] }
        }
        return .success(settings)
    }

    /// Runs Scripts/pg-server start through system(3), its output to /dev/null: the
    /// server it starts keeps the descriptors it inherited (a pipe would never end), and
    /// Foundation's Process waits on a run loop that a test's thread may not turn.
    private static func startServer(directory: String, port: String) -> Int32 {
        let script = repository.appendingPathComponent("Scripts/pg-server").path
        return system("'\(script)' start '\(directory)' \(port) >/dev/null 2>&1")
    }

    private static func stopServer(directory: String) {
        let script = repository.appendingPathComponent("Scripts/pg-server").path
        _ = system("'\(script)' stop '\(directory)' >/dev/null 2>&1")
    }

    /// Runs a program, returns its status and what it printed (standard output, standard error).
    @discardableResult
    static func run(_ tool: String, _ arguments: [String], environment: [String: String] = [:],
                    input: String? = nil) -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool.hasPrefix("/") ? tool : "/usr/bin/env")
        process.arguments = tool.hasPrefix("/") ? arguments : [tool] + arguments
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { $1 }
        process.environment = env
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inPipe
        do { try process.run() } catch { return (127, "", "\(error)") }
        if let input { inPipe.fileHandleForWriting.write(Data(input.utf8)) }
        try? inPipe.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    /// A new, empty database for one test; its superuser URL.
    static func freshDatabase() throws -> String {
        let settings = try server.get()
        let name = "t_" + UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: "")
        let admin = try PGConnection(conninfo: adminURL(settings, database: "postgres"))
        try admin.run("CREATE DATABASE \(name)")
        return adminURL(settings, database: name)
    }

    static func adminURL(_ settings: [String: String], database: String) -> String {
        "postgres://\(settings["PGUSER"] ?? "postgres"):\(settings["PGPASSWORD"] ?? "")@\(settings["PGHOST"] ?? "127.0.0.1"):\(settings["PGPORT"] ?? "5432")/\(database)"
    }

    /// The URL for `user` (whose password the test sets) on the database of `adminURL`.
    static func url(for user: String, on adminURL: String) throws -> String {
        let settings = try server.get()
        let database = adminURL.split(separator: "/").last.map(String.init) ?? "postgres"
        return "postgres://\(user)@\(settings["PGHOST"] ?? "127.0.0.1"):\(settings["PGPORT"] ?? "5432")/\(database)"
    }

    /// Runs SQL in psql as `user` with `password`; returns status and output.
    static func psql(_ sql: String, as user: String, password: String, on adminURL: String) throws -> (status: Int32, out: String, err: String) {
        let settings = try server.get()
        let database = adminURL.split(separator: "/").last.map(String.init) ?? "postgres"
        return run("psql", ["-X", "-v", "ON_ERROR_STOP=1", "-At", "-h", settings["PGHOST"] ?? "127.0.0.1", "-p", settings["PGPORT"] ?? "5432",
                            "-U", user, "-d", database, "-c", sql],
                   environment: ["PGPASSWORD": password])
    }
}
