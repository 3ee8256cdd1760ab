import CLibEdit
import Foundation

/// What the line editor watches besides the terminal: a descriptor that turns readable
/// when others' changes may have arrived, and what to do then (apply them and return
/// one line each to show).
struct FollowWatch {
    /// Asked before each wait: the connection's socket, nil while it is gone (then only
    /// the terminal is waited on; a new connection brings a new socket).
    var descriptor: () -> Int32?
    /// Applies what arrived; the lines to show.
    var arrived: () -> [String]
}

extension LineEditor {
    /// Waits until the terminal has a byte, meanwhile showing what arrives on the
    /// followed descriptor above the prompt: the line being typed is cleared, the news
    /// printed, and libedit redraws the prompt and the half-typed text as they were.
    /// Returns false when a signal interrupted the wait (after handling it).
    func waitForTerminal(_ editLine: OpaquePointer) -> Bool {
        while let watch = follow, let descriptor = watch.descriptor() {
            var fds = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, 2, -1)
            if ready < 0 {
                guard errno == EINTR else { return true }
                editingSignals?.handlePending(editLine)
                return false
            }
            if fds[0].revents != 0 { return true }
            let lines = watch.arrived()
            if !lines.isEmpty {
                // \r and erase-to-end clear the prompt line; a typed line longer than the
                // screen leaves its first rows above (they are redrawn below).
                Self.writeToTerminal("\r\u{1B}[K" + lines.joined(separator: "\n") + "\n", fd: STDOUT_FILENO)
                _ = smk_el_refresh(editLine)
            }
        }
        return true
    }
}
