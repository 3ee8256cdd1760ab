/// Where the interactive loop gets its lines from.
///
/// The `smk` executable supplies a libedit-backed reader; tests supply a scripted one,
/// so the loop's behaviour (prompts, cancel, end of input, the quit question) is tested
/// without a terminal.
public protocol LineReader: AnyObject {
    /// Reads one line, showing `prompt`. The line has no trailing newline.
    func readLine(prompt: String) -> LineReadResult
    /// Adds a line the user entered to the history (the reader decides what to skip).
    func addToHistory(_ line: String)
}

/// What one attempt to read a line produced.
public enum LineReadResult: Sendable, Equatable {
    /// The user entered a line.
    case line(String)
    /// The user pressed Ctrl-C: the current line is abandoned, the session goes on.
    case interrupted
    /// The user pressed Ctrl-D on an empty line, or the input ended.
    case endOfInput
    /// The terminal went away (SIGHUP, the window closed, the SSH connection dropped):
    /// nobody can answer any more, so the session leaves at once, keeping its journal.
    case hangUp
    /// Nothing was typed, and something the session must deal with arrived while the
    /// reader waited (a read-only session's writer quit): the loop deals with it (asks
    /// its question at a prompt of its own) and prompts again.
    case woken
}
