import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Saving a file that has several names (hard links) without separating them.
///
/// A rename would put the new version under one name and leave the others on the old
/// file, so the new bytes are copied into the file itself, recoverably (a redo log of
/// one entry):
/// 1. the complete new version is written beside the file's home under a temporary
///    name, flushed, and renamed to `.NAME.smk-copy-INODE`: from then on that file is
///    the complete new content of inode INODE;
/// 2. the file is overwritten in place (space reserved first, then written, cut to the
///    new length, flushed);
/// 3. the copy is removed.
///
/// Killed before 1 ends, the file is the old version (the temporary is removed like any
/// killed save's); killed after, the next lock of the file by ANY name finds the copy
/// beside the home and completes step 2 before reading (`completePendingCopy`). A reader
/// that meets a copy in progress reads the copy (`readConsistent`). Mode, owner and every
/// name stay, since the file stays.
extension AtomicFile {
    /// Where the pending copy of the file with inode `inode` and home `home` lives.
    static func pendingCopyName(home: String, inode: UInt64) -> String {
        // Split by hand, not with URL: this runs on every open (issue 18, item 6).
        let (folder, name) = splitPath(home)
        return folder + "/." + name + ".smk-copy-\(inode)"
    }

    /// The pending copy of the file at `path`, when a copy in place is under way or was
    /// cut short.
    public static func pendingCopy(of path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let copy = pendingCopyName(home: WorkspaceHome.of(path), inode: UInt64(info.st_ino))
        return access(copy, F_OK) == 0 ? copy : nil
    }

    /// Writes `bytes` into the file `target` in place, recoverably (see above).
    static func replaceInPlace(_ path: String, target: String, home: String, with bytes: [UInt8], existing: stat) throws(WorkspaceError) {
        let copy = pendingCopyName(home: home, inode: UInt64(existing.st_ino))
        let staging = temporaryName(of: home, pid: getpid())
        let folder = URL(fileURLWithPath: home).deletingLastPathComponent().path
        let fd = open(staging, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, existing.st_mode & 0o777)
        guard fd >= 0 else { throw .cannotSave(path: path, reason: errnoText()) }
        var failure = writeAll(fd, bytes)
        if failure == nil, fsync(fd) != 0 { failure = errnoText() }
        if close(fd) != 0, failure == nil { failure = errnoText() }
        if failure == nil, rename(staging, copy) != 0 { failure = errnoText() }
        if let failure {
            unlink(staging)
            throw .cannotSave(path: path, reason: failure)
        }
        syncFolder(folder)
        do { try overwrite(target, with: bytes) } catch {
            // Nothing written yet when the space could not be had: the file is the old version.
            if case .cannotSave(_, let reason) = error, reason.hasPrefix(Self.untouched) {
                unlink(copy)
                throw .cannotSave(path: path, reason: String(reason.dropFirst(Self.untouched.count)))
            }
            throw .cannotSave(path: path, reason: "\(error); the new version is kept in \(copy) and is completed at the next open")
        }
        unlink(copy)
        syncFolder(folder)
    }

    /// Marks a failure of `overwrite` before any byte of the file changed.
    private static let untouched = "untouched: "

    /// Writes `bytes` over the file at `path`: space reserved first (so a full disk fails
    /// before any byte changes), then written, cut to length and flushed.
    static func overwrite(_ path: String, with bytes: [UInt8]) throws(WorkspaceError) {
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .cannotSave(path: path, reason: untouched + errnoText()) }
        defer { close(fd) }
        // A table of this process that maps the file keeps the bytes it was decoded from.
        guard FileBytes.detach(fileOf: fd) else {
            throw .cannotSave(path: path, reason: untouched + "no memory to keep the open version's bytes while the file is rewritten")
        }
        if !bytes.isEmpty {
            let reserved = posix_fallocate(fd, 0, off_t(bytes.count))
            // EINVAL/EOPNOTSUPP: the file system cannot reserve; write anyway.
            if reserved != 0, reserved != EINVAL, reserved != EOPNOTSUPP {
                throw .cannotSave(path: path, reason: untouched + String(cString: strerror(reserved)))
            }
        }
        guard lseek(fd, 0, SEEK_SET) == 0 else { throw .cannotSave(path: path, reason: errnoText()) }
        if let failure = writeAll(fd, bytes) { throw .cannotSave(path: path, reason: failure) }
        guard ftruncate(fd, off_t(bytes.count)) == 0, fsync(fd) == 0 else { throw .cannotSave(path: path, reason: errnoText()) }
    }

    /// Completes a copy in place that was cut short (the saver killed, or its disk full),
    /// so the file is the new version; true when there was one. Called once the file is
    /// locked, before it is read.
    @discardableResult
    public static func completePendingCopy(of path: String) throws(WorkspaceError) -> Bool {
        guard let copy = pendingCopy(of: path) else { return false }
        let bytes = try readAll(copy)
        try overwrite(WorkspaceLock.realPath(path), with: bytes)
        unlink(copy)
        syncFolder(URL(fileURLWithPath: copy).deletingLastPathComponent().path)
        return true
    }

    /// Reads a workspace file as one version: while a writer copies a new version in
    /// place (a hard-linked file), the complete copy is read instead, and a read that the
    /// file changed under is read again.
    public static func readConsistent(_ path: String) throws(WorkspaceError) -> [UInt8] {
        for _ in 0..<200 {
            if let copy = pendingCopy(of: path), let bytes = try? readAll(copy) { return bytes }
            let before = Version(path)
            let bytes = try readAll(path)
            if pendingCopy(of: path) == nil, Version(path) == before { return bytes }
            usleep(10_000)
        }
        return try readAll(path)
    }

    /// What changes when a file is written: inode, size, change and modification times.
    private struct Version: Equatable {
        var values: [Int64] = []
        init(_ path: String) {
            var info = stat()
            guard stat(path, &info) == 0 else { return }
            values = [Int64(info.st_ino), Int64(info.st_size), Int64(info.st_mtim.tv_sec), Int64(info.st_mtim.tv_nsec),
                      Int64(info.st_ctim.tv_sec), Int64(info.st_ctim.tv_nsec)]
        }
    }

    /// Writes all of `bytes` to `fd`; the error's text, or nil.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> String? {
        bytes.withUnsafeBytes { buffer -> String? in
            var done = 0
            while done < buffer.count, let base = buffer.baseAddress {
                let n = write(fd, base + done, buffer.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errnoText()
                }
                done += n
            }
            return nil
        }
    }

    static func syncFolder(_ folder: String) {
        let fd = open(folder.isEmpty ? "." : folder, O_RDONLY | O_CLOEXEC)
        if fd >= 0 {
            fsync(fd)
            close(fd)
        }
    }
}
