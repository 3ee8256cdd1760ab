import Foundation
import SmarketingShell
#if canImport(Glibc)
import Glibc
#endif

/// What the process is connected to: terminals or pipes, and the terminal's size.
struct Terminal {
    var inputIsTTY: Bool
    var outputIsTTY: Bool
    var columns: Int

    static var current: Terminal {
        var size = winsize()
        let columns = ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int(size.ws_col) : 80
        return Terminal(inputIsTTY: isatty(STDIN_FILENO) != 0, outputIsTTY: isatty(STDOUT_FILENO) != 0, columns: columns)
    }

    /// The width of the terminal on `descriptor` (stderr for errors), 80 when it has none.
    static func columns(of descriptor: Int32) -> Int {
        var size = winsize()
        return ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int(size.ws_col) : 80
    }
}

/// The OS user's login name, the last fallback for who is acting.
enum OSUser {
    static var name: String {
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return Environment.value("USER") ?? "unknown"
    }
}

/// stdout and stderr as `TextSink`s (Swift 6 refuses C's `stdout` global; write(2) is fine).
final class StandardStream: TextSink, Sendable {
    static let output = StandardStream(descriptor: STDOUT_FILENO)
    static let error = StandardStream(descriptor: STDERR_FILENO)

    private let descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    func write(_ text: String) {
        var text = text
        text.withUTF8 { buffer in
            var done = 0
            while done < buffer.count, let base = buffer.baseAddress {
                let n = Glibc.write(descriptor, base + done, buffer.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    return
                }
                done += n
            }
        }
    }
}

/// Finds the bundled demo: `SMK_DEMO`, or `Workspace/demo.json` in a folder above the
/// executable (the repository it was built in) or above the current folder.
enum DemoWorkspace {
    static func path() -> String? {
        if let path = Environment.value("SMK_DEMO"), !path.isEmpty { return path }
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        for start in [executable.deletingLastPathComponent(), URL(fileURLWithPath: FileManager.default.currentDirectoryPath)] {
            var folder = start
            for _ in 0..<8 {
                let candidate = folder.appendingPathComponent("Workspace/demo.json").path
                if FileManager.default.fileExists(atPath: candidate) { return candidate }
                folder = folder.deletingLastPathComponent()
            }
        }
        return nil
    }
}
