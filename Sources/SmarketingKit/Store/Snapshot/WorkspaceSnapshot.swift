import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `FILE.smk-cache`: the decoded columns of a workspace's leads, kept beside the JSON
/// file so that reopening an unchanged workspace reads the columns instead of decoding
/// a million leads again (issue 18, item 5).
///
/// The JSON stays the source of truth. A snapshot is used only when the JSON file has
/// the size and modification time it was made from, the same first and last 64 KiB,
/// and the snapshot was written by this build of smk in this format with an intact
/// checksum; anything else (no snapshot, a damaged or cut one, a stale one) loads the
/// JSON as if there were none, without a word, and writes a fresh snapshot. The
/// workspace's other sections are always parsed from the JSON, and the columns point
/// into the JSON's bytes as after a full load, so unknown keys, `show` and saving of
/// unedited leads are unchanged. Deleting the snapshot only costs time.
public enum WorkspaceSnapshot {
    /// When snapshots are read and written.
    public struct Policy: Sendable, Equatable {
        public var enabled: Bool
        /// Smaller JSON files decode faster than a snapshot is checked and read: no
        /// snapshot beside them. The bundled demo (some 700 KB, 420 leads with long
        /// histories) is above it: reopened from its snapshot, start-up stays within 2×
        /// sqlite3's (issue 18, item 6), where decoding it took three times as long.
        public var minimumBytes: Int
        /// `--safe`: snapshots are written only inside this (resolved) folder.
        public var onlyInFolder: String?
        /// Write on a background thread (the program) or before returning (tests).
        public var inBackground: Bool

        public init(enabled: Bool, minimumBytes: Int = Policy.defaultMinimumBytes, onlyInFolder: String? = nil, inBackground: Bool = true) {
            self.enabled = enabled
            self.minimumBytes = minimumBytes
            self.onlyInFolder = onlyInFolder
            self.inBackground = inBackground
        }

        public static let off = Policy(enabled: false)

        /// 256 KiB: where reading a snapshot starts to cost less than decoding the JSON.
        public static let defaultMinimumBytes = 256 << 10
    }

    /// What a load did with the snapshot.
    enum Outcome: Equatable {
        /// Not looked for (turned off, a small file, a file that changed while read).
        case unused
        /// Read from the snapshot.
        case read
        /// Decoded from the JSON; a snapshot is being (or was) written.
        case rebuilt
        /// Decoded from the JSON; no snapshot can describe this file (tree-decoded leads).
        case notCacheable
    }

    /// The policy `Workspace.load(path:)` and `save(path:)` follow. Off unless the program
    /// turns it on, so libraries and tests write nothing beside the files they read.
    public static var policy: Policy {
        get { currentPolicy.withLock { $0 } }
        set { currentPolicy.withLock { $0 = newValue } }
    }

    private static let currentPolicy = Mutex<Policy>(.off)

    /// The snapshot's path: the file's home (`WorkspaceHome`) plus `.smk-cache`, beside
    /// its lock and journal, so every name of the file (a symlink, a hard link) finds the
    /// one snapshot, and a killed snapshot write's temporary is cleaned up whichever name
    /// opens the file next.
    public static func path(for workspace: String) -> String {
        WorkspaceHome.of(workspace) + ".smk-cache"
    }

    // MARK: - Load

    /// Loads the workspace at `path`, from its snapshot when one matches.
    static func load(path: String, policy: Policy, defaultName: String) throws(WorkspaceError) -> (Workspace, Outcome) {
        guard policy.enabled else {
            return (try WorkspaceCodec.decode(AtomicFile.readConsistent(path), path: path, defaultName: defaultName), .unused)
        }
        let before = FileStamp.of(path)
        let cachePath = Self.path(for: path)
        if let stamp = before, let reopened = try reopen(path, stamp: stamp, cachePath: cachePath, policy: policy, defaultName: defaultName) {
            return (reopened, .read)
        }
        let bytes = FileBytes(try AtomicFile.readConsistent(path))
        guard let stamp = before, stamp == FileStamp.of(path), Int(stamp.size) == bytes.count, bytes.count >= policy.minimumBytes else {
            return (try WorkspaceCodec.decodeWithLeadsRange(bytes, path: path, defaultName: defaultName, prepared: nil).workspace, .unused)
        }
        let hashes = SnapshotFormat.endHashes(bytes)
        AtomicFile.removeStaleTemporaries(of: cachePath)
        var used = false
        let prepared = openMatching(cachePath, stamp: stamp, hashes: hashes)
        defer { if let prepared { close(prepared.fd) } }
        let cached = prepared.map { prepared in
            WorkspaceCodec.PreparedLeads(start: prepared.header.leadsStart, end: prepared.header.leadsEnd) { funnel in
                guard let table = try? readTable(prepared, source: bytes, funnel: funnel) else { return nil }
                used = true
                return table
            }
        }
        let decoded = try WorkspaceCodec.decodeWithLeadsRange(bytes, path: path, defaultName: defaultName, prepared: cached)
        if used, decoded.leads.table.source.count == bytes.count { return (decoded.workspace, .read) }
        guard let range = decoded.leadsRange, decoded.leads.table.rawStart.count == decoded.leads.table.count,
              decoded.leads.table.count > 0 else { return (decoded.workspace, .notCacheable) }
        let job = WriteJob(table: decoded.leads.table, leads: range, stamp: stamp, hashes: hashes, jsonPath: path, policy: policy)
        if policy.inBackground { Background.schedule(.write(job)) } else { job.run(mayWrite: { true }) }
        return (decoded.workspace, .rebuilt)
    }

    /// Reopening an unchanged workspace whose snapshot matches: the JSON file is mapped,
    /// not read, so only the pages something looks at (the small sections, the two
    /// hashed ends, later a lead `show` decodes) are ever touched (issue 18, item 5).
    /// Nil, having read nothing, when the file or the snapshot does not allow it: the
    /// caller then reads the file as before.
    private static func reopen(_ path: String, stamp: FileStamp, cachePath: String, policy: Policy,
                               defaultName: String) throws(WorkspaceError) -> Workspace? {
        guard let mapped = mapForReopen(path, stamp: stamp, policy: policy) else { return nil }
        let hashes = SnapshotFormat.endHashes(mapped)
        AtomicFile.removeStaleTemporaries(of: cachePath)
        guard let prepared = openMatching(cachePath, stamp: stamp, hashes: hashes) else { return nil }
        defer { close(prepared.fd) }
        var used = false
        let cached = WorkspaceCodec.PreparedLeads(start: prepared.header.leadsStart, end: prepared.header.leadsEnd) { funnel in
            guard let table = try? readTable(prepared, source: mapped, funnel: funnel) else { return nil }
            used = true
            return table
        }
        let decoded = try WorkspaceCodec.decodeWithLeadsRange(mapped, path: path, defaultName: defaultName, prepared: cached)
        // The snapshot did not fit after all (damaged past its header): read the file.
        guard used, FileStamp.of(path) == stamp else { return nil }
        return decoded.workspace
    }

    /// The JSON file mapped, when it may be: it has one name (smk saves it by renaming a
    /// new file over it, never in place, so the mapped bytes stay), no copy in place is
    /// pending, it is large enough to have a snapshot, and it is still the file `stamp`
    /// describes once mapped.
    static func mapForReopen(_ path: String, stamp: FileStamp, policy: Policy) -> FileBytes? {
        guard Int(stamp.size) >= policy.minimumBytes, AtomicFile.pendingCopy(of: path) == nil else { return nil }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var opened = stat(), named = stat()
        guard fstat(fd, &opened) == 0, stat(path, &named) == 0, opened.st_ino == named.st_ino, opened.st_dev == named.st_dev,
              opened.st_nlink == 1, (opened.st_mode & S_IFMT) == S_IFREG, Int64(opened.st_size) == stamp.size,
              let mapped = FileBytes(mapping: fd, count: Int(stamp.size)),
              FileStamp.of(path) == stamp else { return nil }
        return mapped
    }

    private struct Prepared {
        let fd: Int32
        let header: SnapshotFormat.Header
    }

    /// The snapshot at `cachePath`, opened and positioned after its header, when the header
    /// matches the JSON file and this program.
    private static func openMatching(_ cachePath: String, stamp: FileStamp, hashes: (head: UInt64, tail: UInt64)) -> Prepared? {
        let fd = open(cachePath, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        var info = stat()
        var words = [UInt64](repeating: 0, count: SnapshotFormat.headerWords)
        let n = words.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard fstat(fd, &info) == 0, n == SnapshotFormat.headerBytes, let header = SnapshotFormat.Header(words: words),
              header.version == SnapshotFormat.version, header.program == ProgramStamp.current, header.json == stamp,
              header.headHash == hashes.head, header.tailHash == hashes.tail,
              Int(info.st_size) == SnapshotFormat.headerBytes + header.payloadBytes
        else {
            close(fd)
            return nil
        }
        return Prepared(fd: fd, header: header)
    }

    private static func readTable(_ prepared: Prepared, source: FileBytes, funnel: Funnel) throws(SnapshotUnusable) -> LeadTable {
        var reader = SnapshotReader(fd: prepared.fd, payloadBytes: prepared.header.payloadBytes)
        let header = prepared.header
        guard header.leadsStart < header.leadsEnd, header.leadsEnd <= source.count,
              source[header.leadsStart] == UInt8(ascii: "["), source[header.leadsEnd - 1] == UInt8(ascii: "]") else { throw SnapshotUnusable() }
        let table = try SnapshotTable.read(&reader, source: source, funnel: funnel, leads: header.leadsStart..<header.leadsEnd)
        guard reader.checksum == header.checksum else { throw SnapshotUnusable() }
        return table
    }

    // MARK: - Save

    /// After a save of `size` bytes to `path`: a snapshot of the new file, decoded on the
    /// background thread from the file just written (mapped: the save streamed it and
    /// kept no copy).
    static func didSave(path: String, size: Int, policy: Policy) {
        guard policy.enabled, size >= policy.minimumBytes, let stamp = FileStamp.of(path), Int(stamp.size) == size else {
            return
        }
        let job = DecodeJob(stamp: stamp, jsonPath: path, policy: policy)
        if policy.inBackground { Background.schedule(.decode(job)) } else { job.run(mayWrite: { true }) }
    }

    /// Waits for a snapshot being written to be complete, and drops one still being
    /// decoded after a save: call before the process exits, so no temporary file is left.
    public static func finishPendingWrites() {
        Background.finish()
    }
}

extension WorkspaceSnapshot {
    struct WriteJob: Sendable {
        let table: LeadTable
        let leads: Range<Int>
        let stamp: FileStamp
        let hashes: (head: UInt64, tail: UInt64)
        let jsonPath: String
        let policy: Policy

        /// Writes the snapshot: a temporary file beside it, renamed over it. Any failure
        /// (a read-only folder, a full disk) leaves no file and says nothing. `mayWrite`
        /// is asked once, just before the temporary file is made (false: the program is
        /// closing and will not wait).
        @discardableResult
        func run(mayWrite: () -> Bool) -> Bool {
            let cachePath = WorkspaceSnapshot.path(for: jsonPath)
            if let folder = policy.onlyInFolder {
                let resolved = WorkspaceLock.realPath(URL(fileURLWithPath: cachePath).deletingLastPathComponent().path)
                guard resolved == folder || resolved.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/") else { return false }
            }
            guard FileStamp.of(jsonPath) == stamp, mayWrite() else { return false }
            AtomicFile.removeStaleTemporaries(of: cachePath)
            let temporary = AtomicFile.temporaryName(of: cachePath, pid: getpid())
            var info = stat()
            let mode = stat(jsonPath, &info) == 0 ? info.st_mode & 0o666 : 0o644
            let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
            guard fd >= 0 else { return false }
            var writer = SnapshotWriter(fd: fd)
            var ok = lseek(fd, off_t(SnapshotFormat.headerBytes), SEEK_SET) == off_t(SnapshotFormat.headerBytes)
            if ok {
                SnapshotTable.write(table, into: &writer)
                var header = SnapshotFormat.Header(json: stamp, headHash: hashes.head, tailHash: hashes.tail,
                                                   leadsStart: leads.lowerBound, leadsEnd: leads.upperBound)
                header.checksum = writer.checksum
                header.payloadBytes = writer.payloadBytes
                let words = header.words
                ok = !writer.failed && words.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) } == SnapshotFormat.headerBytes
            }
            if close(fd) != 0 { ok = false }
            // The JSON changed while the snapshot was written: it would never match.
            if ok, FileStamp.of(jsonPath) == stamp, rename(temporary, cachePath) == 0 { return true }
            unlink(temporary)
            return false
        }
    }

    struct DecodeJob: Sendable {
        let stamp: FileStamp
        let jsonPath: String
        let policy: Policy

        /// The saved file, mapped, while it is still the one `stamp` describes.
        private func savedBytes() -> FileBytes? {
            let fd = open(jsonPath, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { return nil }
            defer { close(fd) }
            guard FileStamp.of(jsonPath) == stamp, let mapped = FileBytes(mapping: fd, count: Int(stamp.size)),
                  FileStamp.of(jsonPath) == stamp else { return nil }
            return mapped
        }

        func run(mayWrite: () -> Bool) {
            guard let file = savedBytes() else { return }
            guard let decoded = try? WorkspaceCodec.decodeWithLeadsRange(file, path: nil, defaultName: "", prepared: nil),
                  let range = decoded.leadsRange, decoded.leads.table.rawStart.count == decoded.leads.table.count,
                  decoded.leads.table.count > 0 else { return }
            let hashes = SnapshotFormat.endHashes(file)
            WriteJob(table: decoded.leads.table, leads: range, stamp: stamp, hashes: hashes, jsonPath: jsonPath, policy: policy)
                .run(mayWrite: mayWrite)
        }
    }
}
