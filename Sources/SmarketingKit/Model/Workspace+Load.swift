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
        let bytes = WorkspaceCodec.encode(self)
        try AtomicFile.replace(path, with: bytes, force: force)
        WorkspaceSnapshot.didSave(bytes, path: path, policy: WorkspaceSnapshot.policy)
    }

    /// Writes the workspace to `path` atomically unless `isInterrupted` says stop while
    /// it is being encoded: then the file is left as it was and the answer is false.
    public func save(path: String, force: Bool = false, isInterrupted: () -> Bool) throws(WorkspaceError) -> Bool {
        guard let bytes = WorkspaceCodec.encode(self, isInterrupted: isInterrupted) else { return false }
        try AtomicFile.replace(path, with: bytes, force: force)
        WorkspaceSnapshot.didSave(bytes, path: path, policy: WorkspaceSnapshot.policy)
        return true
    }
}
