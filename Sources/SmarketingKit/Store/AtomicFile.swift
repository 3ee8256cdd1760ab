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
    public static func replace(_ path: String, with bytes: [UInt8]) throws(WorkspaceError) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let temporary = folder + "/." + url.lastPathComponent + ".tmp-\(getpid())"
        var mode: mode_t = 0o644
        var existing = stat()
        if stat(path, &existing) == 0 { mode = existing.st_mode & 0o777 }
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, mode)
        guard fd >= 0 else { throw .cannotSave(path: path, reason: errnoText()) }
        var failure: String?
        bytes.withUnsafeBytes { buffer in
            var done = 0
            while done < buffer.count, let base = buffer.baseAddress {
                let n = write(fd, base + done, buffer.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errnoText()
                    return
                }
                done += n
            }
        }
        if failure == nil, fsync(fd) != 0 { failure = errnoText() }
        if close(fd) != 0, failure == nil { failure = errnoText() }
        if failure == nil, rename(temporary, path) != 0 { failure = errnoText() }
        if let failure {
            unlink(temporary)
            throw .cannotSave(path: path, reason: failure)
        }
        let folderFD = open(folder.isEmpty ? "." : folder, O_RDONLY)
        if folderFD >= 0 {
            fsync(folderFD)
            close(folderFD)
        }
    }

    static func errnoText() -> String {
        String(cString: strerror(errno))
    }
}
