import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Who holds a workspace for writing, so a second writer is refused instead of racing.
///
/// The lock is a small JSON file beside the workspace (`ws.json.smk-lock`) created with
/// `O_EXCL`: {user, pid, host, since}. A lock whose process is gone (on this host) is
/// stale and taken over; a live one makes the newcomer read-only unless it forces.
public struct WorkspaceLock: Sendable {
    public let path: String

    /// The process holding a workspace.
    public struct Holder: Sendable, Equatable, CustomStringConvertible {
        public var user: String
        public var pid: Int32
        public var host: String
        public var since: Date

        public var description: String {
            "\(user) (pid \(pid) on \(host), since \(Timestamp.formatShort(since)))"
        }

        /// True when the holder runs on this host and its process is gone: no such
        /// process, or a zombie (killed, not yet reaped by its parent), which still
        /// answers kill(pid, 0) but will never run again.
        public var isGone: Bool {
            guard host == WorkspaceLock.hostName else { return false }
            if kill(pid, 0) != 0 { return errno == ESRCH }
            return Self.isZombie(pid)
        }

        /// Reads the state letter of /proc/PID/stat (Linux): `Z` is a zombie.
        static func isZombie(_ pid: Int32) -> Bool {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return false }
            return stat[close...].dropFirst().trimmingCharacters(in: .whitespaces).first == "Z"
        }
    }

    /// What trying to take the lock gave.
    public enum Outcome: Sendable, Equatable {
        case acquired
        /// The previous holder's process is gone; the lock is ours now.
        case tookOverStale(Holder)
        /// `force` took the lock from a holder that still looks alive.
        case tookOverForced(Holder)
        /// Someone else holds it: open read-only.
        case heldBy(Holder)
        /// No lock file can be made there (a missing folder, a read-only disk).
        case cannotLock(String)
    }

    public init(workspacePath: String) {
        path = workspacePath + ".smk-lock"
    }

    static var hostName: String {
        var buffer = [CChar](repeating: 0, count: 256)
        gethostname(&buffer, buffer.count)
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Takes the lock for `user`, taking over a stale one, or a live one with `force`.
    public func acquire(user: String, now: Date, force: Bool) -> Outcome {
        if create(user: user, now: now) { return .acquired }
        if errno != EEXIST { return .cannotLock(AtomicFile.errnoText()) }
        guard let holder = holder() else {
            // Unreadable lock (cut short by a crash): treat as stale.
            unlink(path)
            return create(user: user, now: now) ? .acquired : .heldBy(Holder(user: "unknown", pid: 0, host: "?", since: now))
        }
        if holder.pid == getpid(), holder.host == Self.hostName { return .acquired }
        if holder.isGone || force {
            unlink(path)
            guard create(user: user, now: now) else { return .heldBy(holder) }
            return holder.isGone ? .tookOverStale(holder) : .tookOverForced(holder)
        }
        return .heldBy(holder)
    }

    /// Gives the lock back, if it is ours.
    public func release() {
        guard let holder = holder(), holder.pid == getpid(), holder.host == Self.hostName else { return }
        unlink(path)
    }

    /// The current holder, if the lock file exists and reads.
    public func holder() -> Holder? {
        guard let bytes = try? AtomicFile.readAll(path), let value = try? JSONParser.parse(bytes),
              case .object(let object) = value, let user = object["user"]?.stringValue,
              let pid = object["pid"]?.doubleValue, let since = object["since"]?.stringValue.flatMap(Timestamp.parse) else { return nil }
        return Holder(user: user, pid: Int32(pid), host: object["host"]?.stringValue ?? "?", since: since)
    }

    private func create(user: String, now: Date) -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var writer = JSONWriter()
        writer.compact(.object(JSONObject([
            JSONMember("user", .string(user)), JSONMember("pid", .number(Int(getpid()))),
            JSONMember("host", .string(Self.hostName)), JSONMember("since", .string(Timestamp.format(now))),
        ])))
        writer.raw("\n")
        let bytes = writer.bytes
        return bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) } == bytes.count
    }
}
