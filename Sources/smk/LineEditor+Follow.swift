import CLibEdit
import Foundation

/// What the line editor watches besides the terminal: a descriptor that turns readable
/// when others' changes may have arrived (a shared workspace's socket), or a look every
/// so often (a read-only file's writer, who may save or quit), and what to do then
/// (apply what arrived and return one line each to show, and whether to wake the REPL).
struct FollowWatch {
    /// Asked before each wait: the connection's socket, nil while it is gone (then only
    /// the terminal is waited on; a new connection brings a new socket).
    var descriptor: () -> Int32? = { nil }
    /// Asked before each wait: how many milliseconds to wait before looking anyway; nil
    /// when nothing is followed by looking.
    var interval: () -> Int32? = { nil }
    /// Applies what arrived; the lines to show, and `wake` when the REPL has a question
    /// to ask (asked only at an empty prompt, so no half-typed line is lost): what to say
    /// meanwhile while a line is half typed.
    var arrived: () -> (lines: [String], wake: String?)
}

extension LineEditor {
    /// Waits until the terminal has a byte, meanwhile showing what arrives on the
    /// followed descriptor (or at each look) above the prompt: the line being typed is
    /// cleared, the news printed, and libedit redraws the prompt and the half-typed text
    /// as they were. Returns false when a signal interrupted the wait (after handling
    /// it); sets `wakeRequested` (and returns true) when the REPL should take over.
    func waitForTerminal(_ editLine: OpaquePointer) -> Bool {
        while let watch = follow {
            let descriptor = watch.descriptor()
            let interval = watch.interval()
            if descriptor == nil && interval == nil { return true }
            var fds = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)]
            if let descriptor { fds.append(pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)) }
            let ready = poll(&fds, nfds_t(fds.count), interval ?? -1)
            if ready < 0 {
                guard errno == EINTR else { return true }
                editingSignals?.handlePending(editLine)
                return false
            }
            if fds[0].revents != 0 { return true }
            var news = watch.arrived()
            if let meanwhile = news.wake, !lineIsEmpty(editLine) {
                // Half a line typed: it is kept; the question comes before it runs.
                if !toldOfQuestion { news.lines.append(meanwhile) }
                toldOfQuestion = true
            }
            if !news.lines.isEmpty {
                // Clear the whole edit area, prompt and typed text, however many rows it
                // wraps over: up to its first row, \r, erase to the end of the screen.
                // Then the news, and libedit draws the prompt and the text again below.
                let up = rowsAboveCursor(editLine)
                Self.writeToTerminal("\r" + (up > 0 ? "\u{1B}[\(up)A" : "") + "\u{1B}[J" + news.lines.joined(separator: "\n") + "\n", fd: STDOUT_FILENO)
                _ = smk_el_refresh(editLine)
            }
            if news.wake != nil, lineIsEmpty(editLine) {
                wakeRequested = true
                return true
            }
        }
        return true
    }

    /// True when nothing is typed on the line being edited.
    func lineIsEmpty(_ editLine: OpaquePointer) -> Bool {
        guard let info = el_wline(editLine)?.pointee else { return true }
        return info.buffer == info.lastchar
    }

    /// How many screen rows the cursor is below the prompt's first row: the prompt's
    /// visible width plus the typed text before the cursor, wrapped at the terminal's
    /// width (libedit moves to the next row once a row is full).
    func rowsAboveCursor(_ editLine: OpaquePointer) -> Int {
        let columns = Int(smk_el_get_numeric_capability(editLine, "co"))
        guard columns > 0, let info = el_wline(editLine)?.pointee, let start = info.buffer, let cursor = info.cursor else { return 0 }
        let typed = Self.displayWidth(Self.string(fromWide: start, count: cursor - start))
        return (Self.visibleWidth(ofPrompt: currentPrompt) + typed) / columns
    }

    /// Columns a prompt takes on screen: its ANSI escape sequences take none.
    static func visibleWidth(ofPrompt prompt: String) -> Int {
        var visible = ""
        var hidden = false
        for scalar in markingEscapes(in: prompt).unicodeScalars {
            if scalar == invisibleMarker { hidden.toggle() } else if !hidden { visible.unicodeScalars.append(scalar) }
        }
        return displayWidth(visible)
    }
}
