import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of a workspace file that a `LeadTable` points into: read into memory, or
/// mapped from the file (issue 18, item 5: reopening from a snapshot maps the JSON
/// instead of copying a gigabyte, so only the pages something reads are ever touched).
///
/// Immutable once made and shared by every copy of a table. A mapping is made only of a
/// file with one name (`WorkspaceSnapshot.mapForReopen`), which every save replaces by a
/// rename, so the mapped file keeps its bytes. Should smk come to write that file in
/// place after all (a hard link made while it was open), `AtomicFile.overwrite` first
/// calls `detach`, which turns the mapping's pages into private copies.
final class FileBytes: @unchecked Sendable {
    private enum Storage {
        case array([UInt8])
        case mapped(UnsafeRawPointer, Int)
    }

    private let storage: Storage
    /// The mapped file's device and inode (nil for bytes in memory).
    private let file: FileKey?

    struct FileKey: Hashable, Sendable {
        let device: UInt64
        let inode: UInt64
    }

    /// One live mapping of a file.
    private struct Mapping: @unchecked Sendable {
        let file: FileKey
        let id: ObjectIdentifier
        weak var bytes: FileBytes?
    }

    /// The live mappings, for `detach`. A plain list (a process maps a file or two): a
    /// dictionary keyed by file cost start-up a tenth of a millisecond in looking up its
    /// keys' `Hashable` conformances the first time (issue 18, item 6).
    private static let mappings = Mutex<[Mapping]>([])

    static let empty = FileBytes([])

    init(_ bytes: [UInt8]) {
        storage = .array(bytes)
        file = nil
    }

    /// Maps `count` bytes of the open file `fd` read-only and privately; nil when the
    /// system refuses (the caller reads the file instead).
    init?(mapping fd: Int32, count: Int) {
        var info = stat()
        guard count > 0, fstat(fd, &info) == 0 else { return nil }
        let address = mmap(nil, count, PROT_READ, MAP_PRIVATE, fd, 0)
        guard let address, address != MAP_FAILED else { return nil }
        storage = .mapped(UnsafeRawPointer(address), count)
        let key = FileKey(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        file = key
        let me = ObjectIdentifier(self)
        Self.mappings.withLock { $0.append(Mapping(file: key, id: me, bytes: self)) }
    }

    deinit {
        if case .mapped(let base, let count) = storage {
            if let file {
                let me = ObjectIdentifier(self)
                Self.mappings.withLock { all in all.removeAll { $0.id == me && $0.file == file } }
            }
            munmap(UnsafeMutableRawPointer(mutating: base), count)
        }
    }

    /// Before the file `fd` is written in place: every mapping of it in this process is
    /// replaced, at the same address, by a mapping of a private copy of its bytes, so the
    /// tables that point into it keep the bytes they were decoded from, and a shorter new
    /// version cannot cut them short (a private mapping's copied pages do not survive a
    /// truncation, so copy on write is not enough). False when a copy could not be made:
    /// the caller must not write.
    static func detach(fileOf fd: Int32) -> Bool {
        var info = stat()
        guard fstat(fd, &info) == 0 else { return false }
        let key = FileKey(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        let live = mappings.withLock { all in all.filter { $0.file == key } }
        for mapping in live {
            guard let bytes = mapping.bytes else { continue }
            guard bytes.moveToMemory() else { return false }
            let gone = ObjectIdentifier(bytes)
            mappings.withLock { all in all.removeAll { $0.id == gone && $0.file == key } }
        }
        return true
    }

    /// Copies the mapped bytes into an unnamed file in memory (`/dev/shm`, else the
    /// temporary folder) and maps that over the old mapping in one step: a thread reading
    /// meanwhile sees the same bytes before and after.
    private func moveToMemory() -> Bool {
        guard case .mapped(let base, let count) = storage else { return true }
        for folder in ["/dev/shm", "/tmp"] {
            var template = Array("\(folder)/smk-bytes-XXXXXX".utf8CString)
            let copy = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { mkstemp($0) } ?? -1 }
            guard copy >= 0 else { continue }
            template.withUnsafeBufferPointer { buffer in if let name = buffer.baseAddress { unlink(name) } }
            defer { close(copy) }
            var done = 0
            while done < count {
                let n = write(copy, base + done, count - done)
                if n < 0, errno == EINTR { continue }
                guard n > 0 else { break }
                done += n
            }
            guard done == count else { continue }
            let target = UnsafeMutableRawPointer(mutating: base)
            let moved = mmap(target, count, PROT_READ, MAP_SHARED | MAP_FIXED, copy, 0)
            return moved == target
        }
        return false
    }

    var count: Int {
        switch storage {
        case .array(let bytes): bytes.count
        case .mapped(_, let count): count
        }
    }

    var isEmpty: Bool { count == 0 }

    /// True when the bytes are a mapping of the file rather than a copy in memory.
    var isMapped: Bool {
        if case .mapped = storage { return true }
        return false
    }

    @inline(__always)
    func withUnsafeBufferPointer<R, E: Error>(_ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R) throws(E) -> R {
        switch storage {
        case .array(let bytes):
            return try bytes.withUnsafeBufferPointer { (buffer) throws(E) -> R in try body(buffer) }
        case .mapped(let base, let count):
            return try body(UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: count))
        }
    }

    /// The bytes as an array (a copy when mapped).
    var array: [UInt8] {
        switch storage {
        case .array(let bytes): bytes
        case .mapped(let base, let count): Array(UnsafeRawBufferPointer(start: base, count: count))
        }
    }

    subscript(position: Int) -> UInt8 {
        withUnsafeBufferPointer { $0[position] }
    }
}
