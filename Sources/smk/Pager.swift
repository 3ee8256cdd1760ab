import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Shows output longer than the screen through a pager, as git and psql do: `$PAGER`, or
/// `less -FRX` (quit at once if it fits, keep colours, leave the text on the screen).
enum Pager {
    /// Pages `text` when it has more lines than the terminal; false when it did not.
    static func page(_ text: String) -> Bool {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0 else { return false }
        var lines = 0
        for byte in text.utf8 where byte == 0x0A {
            lines += 1
            if lines >= Int(size.ws_row) - 1 { break }
        }
        guard lines >= Int(size.ws_row) - 1 else { return false }
        let command = Environment.value("PAGER").flatMap { $0.isEmpty ? nil : $0 } ?? "less -FRX"
        guard let pipe = popen(command, "w") else { return false }
        // The pager gets Ctrl-C while it runs; the shell must not die of it or of SIGPIPE.
        let previous = signal(SIGPIPE, SIG_IGN)
        text.withCString { _ = fputs($0, pipe) }
        pclose(pipe)
        signal(SIGPIPE, previous)
        return true
    }
}
