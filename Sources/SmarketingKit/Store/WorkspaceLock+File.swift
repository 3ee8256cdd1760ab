import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The second half of the lock: `flock` held on the workspace file itself for the life
/// of the session, so every name of the file (hard links, symlinks, `a/../ws.json`) meets
/// the same lock even when the names' lock files differ (a file system without extended
/// attributes, or two first openers racing to record the home).
///
/// Held on an open descriptor of the file; the kernel drops it when the process ends,
/// however it ends, so it is never stale. A save that replaces the file (write a new
/// file, rename it over the name) takes the lock on the new file before the rename and
/// lets the old one go after it (`AtomicFile.replace`), so at no moment does the file
/// under the name stand unlocked.
enum FileLocks {
    /// The descriptors holding `flock`, by the workspace's home.
    /// A plain list, not a `[String: Int32]`: a process holds one or two, and the
    /// dictionary's first use cost start-up a tenth of a millisecond (issue 18, item 6).
    private static let held = Mutex<HeldLocks>(HeldLocks())

    /// The descriptor holding the lock on `home`'s file in this process, if any.
    static func descriptor(_ home: String) -> Int32? {
        held.withLock { $0[home] }
    }

    /// Takes the lock on the file at `home`. True when this process holds it now (or the
    /// file does not exist yet, so there is nothing to lock); false when another holds it.
    static func take(_ home: String) -> Bool {
        if descriptor(home) != nil { return true }
        let fd = open(home, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return true }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            return false
        }
        WorkspaceHome.record(home, descriptor: fd)
        held.withLock { $0[home] = fd }
        return true
    }

    /// After a save put a new file (`fd`, already locked) under the name: it is the one
    /// held now; the old file's lock is let go.
    static func moved(_ home: String, to fd: Int32) {
        let old = held.withLock { held -> Int32? in
            let old = held[home]
            held[home] = fd
            return old
        }
        if let old { close(old) }
    }

    /// Lets the lock on `home`'s file go.
    static func release(_ home: String) {
        if let fd = held.withLock({ $0.removeValue(forKey: home) }) { close(fd) }
    }

    /// The process holding `flock` on the file at `path`, read from /proc/locks (Linux);
    /// nil when none is found.
    static func holderPID(of path: String) -> Int32? {
        var info = stat()
        guard stat(path, &info) == 0, let text = try? String(contentsOfFile: "/proc/locks", encoding: .utf8) else { return nil }
        let dev = UInt64(info.st_dev)
        let major = ((dev >> 8) & 0xfff) | ((dev >> 32) & ~UInt64(0xfff))
        let minor = (dev & 0xff) | ((dev >> 12) & ~UInt64(0xff))
        let wanted = String(format: "%02llx:%02llx:%llu", major, minor, UInt64(info.st_ino))
        for line in text.split(separator: "\n") {
            let words = line.split(separator: " ")
            guard words.count >= 6, words[1] == "FLOCK", words[5] == wanted, let pid = Int32(words[4]), pid != getpid() else { continue }
            return pid
        }
        return nil
    }
}

extension WorkspaceLock {
    /// Who holds the workspace file when its `flock` is taken but our lock file was free:
    /// the lock file under the file's home as recorded now, else the process found in
    /// /proc/locks.
    func fileHolder(now: Date) -> Holder {
        let again = WorkspaceLock(workspacePath: home)
        if let holder = again.holder(), holder.pid != getpid() { return holder }
        if let pid = FileLocks.holderPID(of: home) {
            var info = stat()
            let known = stat("/proc/\(pid)", &info) == 0
            let user = known ? (getpwuid(info.st_uid).map { String(cString: $0.pointee.pw_name) } ?? "uid \(info.st_uid)") : "someone"
            let since = known ? Date(timeIntervalSince1970: TimeInterval(info.st_mtim.tv_sec)) : now
            return Holder(user: user, pid: pid, host: Self.hostName, since: since)
        }
        return Holder(user: "someone (through another name of the file)", pid: 0, host: "?", since: now)
    }
}

/// The descriptors `FileLocks` holds, by home path.
private struct HeldLocks {
    private var entries: [(home: String, fd: Int32)] = []

    subscript(home: String) -> Int32? {
        get { entries.first { $0.home == home }?.fd }
        set {
            entries.removeAll { $0.home == home }
            if let newValue { entries.append((home, newValue)) }
        }
    }

    mutating func removeValue(forKey home: String) -> Int32? {
        let fd = self[home]
        self[home] = nil
        return fd
    }
}
