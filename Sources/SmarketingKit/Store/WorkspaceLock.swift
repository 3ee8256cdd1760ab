import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Who holds a workspace for writing, so a second writer is refused instead of racing.
///
/// The lock is a small JSON file beside the workspace (`ws.json.smk-lock`):
/// {user, pid, host, since}. It is written whole under a temporary name and then linked
/// to its name (`link(2)` fails if the name exists), so no one ever sees it empty or half
/// written. A lock whose process is gone (on this host) is stale and taken over; a live
/// one makes the newcomer read-only unless it forces. A taking over holds `flock` on the
/// stale file and checks it is still the one it read, so two newcomers cannot both take
/// it. The lock sits beside the file's home (`WorkspaceHome`): the real file for a
/// symlink, the first locked name for a hard link, so every name shares one lock file.
/// Beside it the session holds `flock` on the workspace file itself (`FileLocks`), which
/// every name meets whatever its lock file.
public struct WorkspaceLock: Sendable {
    public let path: String
    /// The name the file's lock, journal and pending copy live beside.
    public let home: String

    /// How old an unreadable lock file must be before it counts as stale: younger, it may
    /// be an older smk writing it right now.
    static let unreadableGrace: TimeInterval = 10

    /// The process holding a workspace.
    public struct Holder: Sendable, Equatable, CustomStringConvertible {
        public var user: String
        public var pid: Int32
        public var host: String
        public var since: Date

        public var description: String {
            pid == 0 ? user : "\(user) (pid \(pid) on \(host), since \(Timestamp.formatShort(since)))"
        }

        /// True when the holder runs on this host and its process is gone: no such
        /// process, or a zombie (killed, not yet reaped by its parent), which still
        /// answers kill(pid, 0) but will never run again.
        public var isGone: Bool {
            guard host == WorkspaceLock.hostName else { return false }
            if kill(pid, 0) != 0 { return errno == ESRCH }
            return Self.isZombie(pid)
        }

        /// Its smk is still running on this machine: no `--force-unlock` takes the lock from
        /// it, since its next save would write over whatever the taker saved.
        public var isRunningHere: Bool { host == WorkspaceLock.hostName && !isGone }

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
        home = WorkspaceHome.of(workspacePath)
        path = home + ".smk-lock"
    }

    /// The file a path names after following symlinks (the path itself when it does not
    /// exist yet), so every name of one file shares its lock and journal.
    public static func realPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static var hostName: String {
        var buffer = [CChar](repeating: 0, count: 256)
        gethostname(&buffer, buffer.count)
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Takes the lock for `user`, taking over a stale one, or with `force` one whose holder
    /// cannot be seen to be running (on another machine, or not answering):
    /// the lock file, then `flock` on the workspace file. Someone holding the file through
    /// another name (its flock taken) makes this a `heldBy` like a held lock file, unless
    /// forced. Once held, a save cut short in the middle of a copy in place is completed
    /// (`AtomicFile.completePendingCopy`) before anyone reads the file.
    public func acquire(user: String, now: Date, force: Bool) -> Outcome {
        let outcome = acquireFile(user: user, now: now, force: force)
        switch outcome {
        case .acquired, .tookOverStale, .tookOverForced:
            // The file's flock is held by a process on this machine that is running (the
            // kernel lets go of a dead one's): forcing would make two writers.
            guard FileLocks.take(home) else {
                release()
                return .heldBy(fileHolder(now: now))
            }
            _ = try? AtomicFile.completePendingCopy(of: home)
            return outcome
        case .heldBy, .cannotLock:
            return outcome
        }
    }

    /// Takes the lock file.
    private func acquireFile(user: String, now: Date, force: Bool) -> Outcome {
        for _ in 0..<5 {
            if let outcome = attempt(user: user, now: now, force: force) { return outcome }
        }
        return .heldBy(holder() ?? Holder(user: "unknown", pid: 0, host: "?", since: now))
    }

    /// One try; nil when the lock changed under us and the caller should look again.
    private func attempt(user: String, now: Date, force: Bool) -> Outcome? {
        switch create(user: user, now: now) {
        case .created: return .acquired
        case .failed(let reason): return .cannotLock(reason)
        case .exists: break
        }
        guard let holder = holder() else {
            // Unreadable: cut short by a crash long ago (stale), or being written by an
            // older smk right now (held).
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            let age = now.timeIntervalSince1970 - TimeInterval(info.st_mtim.tv_sec)
            guard age > Self.unreadableGrace || force else {
                return .heldBy(Holder(user: "someone (the lock is being taken)", pid: 0, host: "?", since: now))
            }
            return takeOver(expected: nil, user: user, now: now) ? .acquired : nil
        }
        if holder.pid == getpid(), holder.host == Self.hostName { return .acquired }
        if holder.isGone || (force && !holder.isRunningHere) {
            guard takeOver(expected: holder, user: user, now: now) else { return nil }
            return holder.isGone ? .tookOverStale(holder) : .tookOverForced(holder)
        }
        return .heldBy(holder)
    }

    /// Replaces the lock file, provided it still holds `expected` (nil: unreadable).
    /// Takers serialise on `flock` of the old file and check it is still in place, so of
    /// two processes finding one stale lock, only one takes it; the other looks again
    /// and finds the new holder alive.
    private func takeOver(expected: Holder?, user: String, now: Date) -> Bool {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        guard flock(fd, LOCK_EX) == 0 else { return false }
        var opened = stat(), current = stat()
        guard fstat(fd, &opened) == 0, stat(path, &current) == 0,
              opened.st_ino == current.st_ino, opened.st_dev == current.st_dev, holder() == expected else { return false }
        unlink(path)
        if case .created = create(user: user, now: now) { return true }
        return false
    }

    /// Gives the lock back, if it is ours: the file's flock first, so that whoever finds
    /// the lock file gone also finds the file free.
    public func release() {
        FileLocks.release(home)
        guard let holder = holder(), holder.pid == getpid(), holder.host == Self.hostName else { return }
        unlink(path)
    }

    /// The current holder, if the lock file exists and reads.
    public func holder() -> Holder? {
        guard let bytes = try? AtomicFile.readAll(path), let value = try? JSONParser.parse(bytes),
              case .object(let object) = value, let user = object["user"]?.stringValue,
              let number = object["pid"]?.doubleValue, let pid = Int32(exactly: number), pid > 0,
              let since = object["since"]?.stringValue.flatMap(Timestamp.parse) else { return nil }
        return Holder(user: user, pid: pid, host: object["host"]?.stringValue ?? "?", since: since)
    }

    private enum Creation { case created, exists, failed(String) }

    /// Writes the lock under a temporary name, then links it to its name: it appears
    /// whole or not at all.
    private func create(user: String, now: Date) -> Creation {
        let temporary = path + ".new-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { return .failed(AtomicFile.errnoText()) }
        defer { unlink(temporary) }
        var writer = JSONWriter()
        writer.compact(.object(JSONObject([
            JSONMember("user", .string(user)), JSONMember("pid", .number(Int(getpid()))),
            JSONMember("host", .string(Self.hostName)), JSONMember("since", .string(Timestamp.format(now))),
        ])))
        writer.raw("\n")
        let bytes = writer.bytes
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) } == bytes.count
        let failure = written ? nil : AtomicFile.errnoText()
        close(fd)
        if let failure { return .failed(failure) }
        if link(temporary, path) == 0 { return .created }
        return errno == EEXIST ? .exists : .failed(AtomicFile.errnoText())
    }
}
