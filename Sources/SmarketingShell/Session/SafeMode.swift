import Foundation
import SmarketingKit

/// `--safe` (as `sqlite3 -safe`): a script someone sent can read and change the open
/// workspace, and write files only inside the workspace's folder. Every command that
/// names a path asks `check` first; `open` is refused outright. Paths are resolved the
/// way the kernel would (`..`, symlinks, `~`) before they are compared, so neither
/// `../x` nor a symlink pointing out of the folder gets through.
/// `export` checks the file it writes, `import` the files it reads (`writes: false`).
public enum SafeMode {
    /// Refuses `path` for `command` when the session is safe and the path resolves outside
    /// the workspace's folder. `base` is where a relative path starts (the current
    /// folder when nil). Also refuses, safe or not, writing over the open workspace, its
    /// journal or its lock (`output ws.json` once emptied the workspace).
    public static func check(_ path: String, for command: String, in session: Session, relativeTo base: String? = nil,
                             writes: Bool = true) throws(ShellError) {
        let resolved = resolve(path, relativeTo: base)
        if writes, let own = session.path {
            let real = WorkspaceLock.realPath(own)
            if [real, real + ".smk-journal", real + ".smk-lock"].contains(resolved) {
                throw .refused("\(command) \(path) would overwrite the open workspace's files; choose another file")
            }
        }
        guard let folder = session.settings.safeFolder else { return }
        if resolved != folder && !resolved.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/") {
            throw .refused("--safe: \(command) \(path) reaches outside the workspace's folder \(folder)")
        }
    }

    /// Refuses a command that is never allowed under `--safe`.
    public static func refuse(_ command: String, _ argument: String, in session: Session) throws(ShellError) {
        if session.settings.safeFolder != nil {
            throw .refused("--safe: \(command) \(argument) is not allowed (a safe script works on the workspace it was given)")
        }
    }

    /// The absolute path `path` leads to: `~` expanded, `..` and symlinks resolved as far
    /// as the path exists (a file yet to be made is resolved through its folder).
    public static func resolve(_ path: String, relativeTo base: String? = nil) -> String {
        var text = path
        if text == "~" || text.hasPrefix("~/") {
            let home = ProcessInfo.processInfo.environment["HOME"] ?? FileManager.default.homeDirectoryForCurrentUser.path
            text = home + text.dropFirst()
        }
        if !text.hasPrefix("/") { text = (base ?? FileManager.default.currentDirectoryPath) + "/" + text }
        // Resolve the longest existing prefix, then add the rest, one component at a time,
        // so `new/../../x` cannot hide behind a folder that does not exist yet.
        var resolved = "/"
        for component in text.split(separator: "/") where component != "." && !component.isEmpty {
            if component == ".." {
                resolved = (resolved as NSString).deletingLastPathComponent
                if resolved.isEmpty { resolved = "/" }
                continue
            }
            let next = resolved == "/" ? "/" + component : resolved + "/" + component
            resolved = WorkspaceLock.realPath(next)
        }
        return resolved
    }
}
