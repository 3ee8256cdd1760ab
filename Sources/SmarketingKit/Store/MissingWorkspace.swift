import Foundation

/// The answer to opening a workspace file that is not there. A mistyped name must never
/// open silently as an empty workspace (a review script would then report zeros), so the
/// caller refuses and names the nearest file in the same folder; `--new` (or `open --new`)
/// is how an empty workspace at a new path is asked for.
public enum MissingWorkspace {
    /// `no such workspace: demoo.json (did you mean demo.json?)`.
    public static func message(for path: String) -> String {
        var text = "no such workspace: \(path)"
        if let near = nearest(to: path) { text += " (did you mean \(near)?)" }
        return text
    }

    /// The path of the file beside `path` whose name is nearest to it, spelled the way
    /// `path` was (same folder prefix), when one is near enough to be a typo.
    public static func nearest(to path: String) -> String? {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return nil }
        let candidates = names.filter { !$0.hasPrefix(".") && !$0.hasSuffix(".smk-lock") && !$0.hasSuffix(".smk-journal") }
        guard let near = Suggestion.nearest(to: name, in: candidates), near != name else { return nil }
        let prefix = path.hasSuffix(name) ? String(path.dropLast(name.count)) : ""
        return prefix + near
    }

    /// Why a new workspace cannot be made at `path`: its folder is missing or is not a
    /// folder. Said at once, not at the first `save` after a whole review's changes.
    public static func folderProblem(for path: String) -> String? {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isFolder: ObjCBool = false
        if !FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) {
            return "no such folder: \(folder) (a new workspace's folder must exist; smk does not create folders)"
        }
        return isFolder.boolValue ? nil : "\(folder) is not a folder"
    }
}
