import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file reads and crash-safe writes.
public enum AtomicFile {
    /// Reads a whole file.
    public static func readAll(_ path: String) throws(WorkspaceError) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw .cannotRead(path: path, reason: errnoText()) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .cannotRead(path: path, reason: errnoText()) }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw .cannotRead(path: path, reason: "it is a directory") }
        // A file larger than the machine's memory would abort in the allocation: say so.
        let memory = Int64(sysconf(Int32(_SC_PHYS_PAGES))) * Int64(sysconf(Int32(_SC_PAGESIZE)))
        if memory > 0, Int64(info.st_size) > memory {
            throw .cannotRead(path: path, reason: "the file is \(info.st_size / 1_000_000) MB, more than this machine's memory "
                              + "(\(memory / 1_000_000) MB)")
        }
        // Not zero-filled first: the whole file is read over it (a gigabyte of memset saved).
        var bytes = [UInt8](unsafeUninitializedCapacity: Int(info.st_size)) { _, initialized in initialized = Int(info.st_size) }
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                // In 64 MiB pieces, so a progress line can follow a large read.
                return read(fd, base + done, min(buffer.count - done, 64 << 20))
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw .cannotRead(path: path, reason: errnoText())
            }
            if n == 0 { bytes.removeLast(bytes.count - done); break }
            done += n
            LoadProgress.bytesRead.store(done, ordering: .relaxed)
        }
        return bytes
    }

    /// Replaces `path` with `bytes` so that a crash or a failure at any point leaves
    /// either the old file or the new one, never a mix: write a temporary file beside the
    /// target, flush it to disk, rename it over the target, flush the folder.
    ///
    /// A symlink is followed: the file it points to is replaced and the link stays. The
    /// new file keeps the old one's mode and owner. A file its owner may not write
    /// (`chmod 444`), or one whose owner the saver cannot keep (another user's file in a
    /// shared folder), is refused unless `force`. Temporary files left by saves that were
    /// killed are removed first.
    ///
    /// A file with more than one name (hard links) is not replaced, which would leave the
    /// other names on the old file: it is written in place, recoverably
    /// (`replaceInPlace`). The `flock` this process holds on the file (`FileLocks`) is
    /// taken on the new file before the rename and let go on the old one after it.
    public static func replace(_ path: String, with bytes: [UInt8], force: Bool = false) throws(WorkspaceError) {
        _ = try replace(path, force: force) { sink in bytes.withUnsafeBytes(sink) }
    }

    /// Replaces `path` as `replace(_:with:force:)` does with the bytes `produce` hands to
    /// its sink, in as many pieces as it likes, straight into the temporary file: a
    /// million-lead save never holds the whole file in memory (issue 18, item 4). The
    /// sink answers false when a write failed (then `produce` should stop; the error is
    /// thrown). `produce` answers false to give up (Ctrl-C): the file is left as it was,
    /// no temporary remains, and the answer is false.
    ///
    /// A file with more than one name is written in place from the whole text, gathered
    /// first (or read back from the temporary file, for a link made during the write).
    public static func replace(_ path: String, force: Bool = false,
                               streaming produce: (_ sink: @escaping (UnsafeRawBufferPointer) -> Bool) -> Bool) throws(WorkspaceError) -> Bool {
        let target = WorkspaceLock.realPath(path)
        let url = URL(fileURLWithPath: target)
        let folder = url.deletingLastPathComponent().path
        let home = WorkspaceHome.of(target)
        removeStaleTemporaries(of: target)
        if home != target { removeStaleTemporaries(of: home) }
        let temporary = temporaryName(of: target, pid: getpid())
        var mode: mode_t = 0o644
        var existing = stat()
        let exists = stat(target, &existing) == 0
        if exists {
            mode = existing.st_mode & 0o7777
            if !force, let refusal = refusal(existing) {
                throw .cannotSave(path: path, reason: refusal + "; save! writes it anyway")
            }
            if existing.st_nlink > 1, (existing.st_mode & S_IFMT) == S_IFREG {
                let gathered = Gathered()
                guard produce(gathered.sink) else { return false }
                try replaceInPlace(path, target: target, home: home, with: gathered.bytes, existing: existing)
                return true
            }
        }
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard fd >= 0 else { throw .cannotSave(path: path, reason: errnoText()) }
        // The new file is ours alone until the rename: locking it cannot fail, and it is
        // locked before anyone can open it by the workspace's name.
        let held = FileLocks.descriptor(home)
        let carried = held != nil && flock(fd, LOCK_EX | LOCK_NB) == 0
        var failure: String?
        if exists {
            if fchown(fd, existing.st_uid, existing.st_gid) != 0, !force {
                failure = "the new file could not keep its owner (uid \(existing.st_uid)); save! writes it as yours"
            }
            fchmod(fd, mode)
            // The new file keeps the recorded home, for hard links made later.
            if let recorded = WorkspaceHome.recorded(path: target) { WorkspaceHome.record(recorded, descriptor: fd) }
        }
        var interrupted = false
        if failure == nil {
            let written = Written(fd: fd)
            interrupted = !produce(written.sink)
            failure = written.failure
        }
        if interrupted, failure == nil {
            close(fd)
            unlink(temporary)
            return false
        }
        if failure == nil, fsync(fd) != 0 { failure = errnoText() }
        if !carried, close(fd) != 0, failure == nil { failure = errnoText() }
        // A hard link made since the check would be left on the old file: write in place.
        var now = stat()
        if failure == nil, let held, fstat(held, &now) == 0, now.st_nlink > 1 {
            if carried { close(fd) }
            let bytes: [UInt8]
            do { bytes = try readAll(temporary) } catch {
                unlink(temporary)
                throw .cannotSave(path: path, reason: "the new text could not be read back for a file with several names (\(error))")
            }
            unlink(temporary)
            try replaceInPlace(path, target: target, home: home, with: bytes, existing: now)
            return true
        }
        if failure == nil, rename(temporary, target) != 0 { failure = errnoText() }
        if let failure {
            if carried { close(fd) }
            unlink(temporary)
            throw .cannotSave(path: path, reason: failure)
        }
        if carried { FileLocks.moved(home, to: fd) }
        let folderFD = open(folder.isEmpty ? "." : folder, O_RDONLY)
        if folderFD >= 0 {
            fsync(folderFD)
            close(folderFD)
        }
        return true
    }

    /// The sink of a streamed replace: writes each piece whole to the temporary file,
    /// and keeps the first failure (then takes nothing more).
    private final class Written {
        let fd: Int32
        var failure: String?

        init(fd: Int32) { self.fd = fd }

        var sink: (UnsafeRawBufferPointer) -> Bool {
            { [self] buffer in
                var done = 0
                while failure == nil, done < buffer.count, let base = buffer.baseAddress {
                    let n = write(fd, base + done, buffer.count - done)
                    if n < 0 {
                        if errno == EINTR { continue }
                        failure = errnoText()
                        break
                    }
                    done += n
                }
                return failure == nil
            }
        }
    }

    /// The sink of a replace in place: gathers the pieces into one text.
    private final class Gathered {
        var bytes: [UInt8] = []

        var sink: (UnsafeRawBufferPointer) -> Bool {
            { [self] buffer in
                bytes.append(contentsOf: buffer)
                return true
            }
        }
    }

    /// Why a save must not replace this existing file without being forced, or nil.
    static func refusal(_ existing: stat) -> String? {
        let writable = existing.st_uid == geteuid() || geteuid() == 0
            ? existing.st_mode & S_IWUSR != 0
            : existing.st_mode & (existing.st_gid == getegid() ? S_IWGRP : S_IWOTH) != 0
        guard !writable else { return nil }
        return "the file is read-only (mode " + String(existing.st_mode & 0o777, radix: 8) + ")"
    }

    /// `.ws.json.tmp-PID` beside `ws.json`.
    static func temporaryName(of target: String, pid: Int32) -> String {
        let url = URL(fileURLWithPath: target)
        return url.deletingLastPathComponent().path + "/." + url.lastPathComponent + ".tmp-\(pid)"
    }

    /// Removes the temporary files of saves of `target` whose process is gone (killed in
    /// the middle of a save): they are never the workspace, only a copy cut short.
    ///
    /// Listed with `readdir`, not `FileManager`: it runs on every open (for the file and
    /// its snapshot), and Foundation's listing and URLs cost start-up more than the rest
    /// of opening a small workspace from its snapshot (issue 18, item 6).
    public static func removeStaleTemporaries(of target: String) {
        let (folder, file) = splitPath(target)
        let prefix = Array(("." + file + ".tmp-").utf8)
        guard !file.isEmpty, let directory = opendir(folder.isEmpty ? "/" : folder) else { return }
        defer { closedir(directory) }
        var stale: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.prefix { $0 != 0 })
            }
            guard name.count > prefix.count, name.starts(with: prefix),
                  let pid = Int32(String(decoding: name[prefix.count...], as: UTF8.self)), pid > 0, pid != getpid() else { continue }
            if kill(pid, 0) != 0, errno == ESRCH { stale.append(String(decoding: name, as: UTF8.self)) }
        }
        for name in stale { unlink(folder + "/" + name) }
    }

    /// The folder and the name of a file's path, as `folder + "/" + name` names it again:
    /// "." for a bare name, "" for a file in the root.
    static func splitPath(_ path: String) -> (folder: String, name: String) {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return (".", path) }
        return (String(path[..<slash]), String(path[path.index(after: slash)...]))
    }

    static func errnoText() -> String {
        String(cString: strerror(errno))
    }
}
