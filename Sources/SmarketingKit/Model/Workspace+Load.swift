import Foundation

extension Workspace {
    /// Loads the workspace file at `path`; the file's name (without extension) names the
    /// workspace when the file does not. Read as one version, even while another
    /// process copies a new one into a hard-linked file (`AtomicFile.readConsistent`).
    public static func load(path: String) throws(WorkspaceError) -> Workspace {
        let bytes = try AtomicFile.readConsistent(path)
        let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return try WorkspaceCodec.decode(bytes, path: path, defaultName: stem)
    }

    /// Writes the workspace to `path` atomically (`force`: even over a read-only file).
    public func save(path: String, force: Bool = false) throws(WorkspaceError) {
        try AtomicFile.replace(path, with: WorkspaceCodec.encode(self), force: force)
    }

    /// Writes the workspace to `path` atomically unless `isInterrupted` says stop while
    /// it is being encoded: then the file is left as it was and the answer is false.
    public func save(path: String, force: Bool = false, isInterrupted: () -> Bool) throws(WorkspaceError) -> Bool {
        guard let bytes = WorkspaceCodec.encode(self, isInterrupted: isInterrupted) else { return false }
        try AtomicFile.replace(path, with: bytes, force: force)
        return true
    }
}
