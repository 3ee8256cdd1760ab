import Foundation
import SmarketingKit

/// Writes every successful command typed at the prompt to a `.smk` script, so a review
/// done once by hand can be replayed next week (`record FILE` … `record off`).
public final class Recorder {
    public let path: String
    private let sink: FileSink

    /// Starts the script with a header saying where, who, when and which clock.
    public init(path: String, session: Session) throws(ShellError) {
        self.path = path
        sink = try FileSink(path: path)
        // A shared workspace has no path: its address (password hidden) is what to replay on.
        let place = session.store.address ?? session.path
        var header = "# recorded by smk: workspace \(place ?? session.workspace.name)\n"
        header += "# by \(session.actor) at \(Timestamp.format(Date()))\n"
        header += "# replay: smk \(place.map(Self.shellQuoted) ?? "WORKSPACE") -f \(URL(fileURLWithPath: path).lastPathComponent)\n"
        if let now = session.fixedNow { header += "let now = \(Timestamp.format(now))\n" }
        if session.workspace.team.isEmpty || session.workspace.role(of: session.actor) != nil {
            header += "as \(session.actor)\n"
        }
        sink.write(header)
    }

    /// A path or address as a shell takes it: quoted when it holds `?`, `&`, spaces or quotes.
    static func shellQuoted(_ text: String) -> String {
        let plain = text.allSatisfy { $0.isLetter || $0.isNumber || "/._-+:@,=%".contains($0) }
        return plain ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Appends one command, unless it is about recording itself.
    func record(_ command: String) {
        let text = command.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty, !text.lowercased().hasPrefix("record") else { return }
        sink.write(text + "\n")
    }

    public func close() {
        sink.close()
    }
}
