import Foundation

extension Workspace {
    /// Loads the workspace file at `path`; the file's name (without extension) names the
    /// workspace when the file does not. Read as one version, even while another
    /// process copies a new one into a hard-linked file (`AtomicFile.readConsistent`).
    ///
    /// With snapshots turned on (`WorkspaceSnapshot.policy`), an unchanged large file is
    /// reopened from its `FILE.smk-cache`, and a snapshot is written after a full load.
    public static func load(path: String) throws(WorkspaceError) -> Workspace {
        try load(path: path, snapshot: WorkspaceSnapshot.policy)
    }

    /// Loads the workspace file at `path` under an explicit snapshot policy.
    public static func load(path: String, snapshot: WorkspaceSnapshot.Policy) throws(WorkspaceError) -> Workspace {
        let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return try WorkspaceSnapshot.load(path: path, policy: snapshot, defaultName: stem).0
    }

    /// Writes the workspace to `path` atomically (`force`: even over a read-only file).
    public func save(path: String, force: Bool = false) throws(WorkspaceError) {
        _ = try save(path: path, force: force, isInterrupted: { false })
    }

    /// Writes the workspace to `path` atomically unless `isInterrupted` says stop while
    /// it is being encoded: then the file is left as it was and the answer is false.
    ///
    /// The text is streamed into the temporary file a chunk at a time (`saveChunkBytes`),
    /// never held whole: the same bytes `WorkspaceCodec.encode` gives, at less memory and
    /// time for a million leads (issue 18, item 4).
    public func save(path: String, force: Bool = false, isInterrupted: () -> Bool) throws(WorkspaceError) -> Bool {
        var size = 0
        let written = try AtomicFile.replace(path, force: force) { sink in
            var writer = JSONWriter(chunkBytes: Self.saveChunkBytes) { chunk in
                size += chunk.count
                return sink(chunk)
            }
            return WorkspaceCodec.encode(self, into: &writer, isInterrupted: isInterrupted)
        }
        guard written else { return false }
        WorkspaceSnapshot.didSave(path: path, size: size, policy: WorkspaceSnapshot.policy)
        return true
    }

    /// How much of a save is gathered before it is written: large enough that the write
    /// calls cost nothing, small enough to stay in the processor's cache.
    static let saveChunkBytes = 256 << 10
}
