import CLibEdit
import CLibEditLoader
import SmarketingShell

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The interactive `LineReader`: libedit (emacs keys) with persistent history, Ctrl-R
/// search, UTF-8 editing, Ctrl-C that cancels the line, and TAB completion.
///
/// Only this type and its extensions import `CLibEdit`; the REPL sees a `LineReader`, so
/// tests drive it with a scripted reader instead.
///
/// How the parts fit:
/// - libedit edits wide characters internally and converts with the C library's
///   `LC_CTYPE`, so `init` makes sure that locale is UTF-8 (see `ensureUTF8Locale`).
///   The line comes back through `el_wgets` as UTF-32 and becomes a `String` without any
///   locale conversion.
/// - Characters are read by `readCharacter` (installed with `EL_GETCFN`) rather than by
///   libedit's reader: libedit's reader retries a `read` interrupted by a signal, so a
///   Ctrl-C would only be noticed at the next key press. Ours returns as soon as the
///   SIGINT handler has set `Interrupt`, and it also handles window resizes and Ctrl-Z.
///   libedit's own signal handling is off (`EL_SIGNAL` 0); see `LineEditor+Signals.swift`.
/// - C callbacks (prompt, TAB, character reader) find their editor through libedit's
///   `EL_CLIENTDATA` pointer, which holds this object unretained; it is valid because the
///   `EditLine` is ended in `close()`, before the object goes away.
///
/// Not thread-safe: one editor, used from the thread that runs the REPL.
final class LineEditor: LineReader {
    /// Produces completions on TAB. `line` is the text before the cursor (what follows the
    /// cursor is not passed) and `cursor` is its length in `Character`s, so the reply's
    /// `replaceFrom` counts in the same unit. Called on the REPL's thread, synchronously,
    /// while the user waits: it should be quick.
    typealias Completer = @Sendable (_ line: String, _ cursor: Int) -> CompletionReply

    /// How many lines the history keeps (in memory and in the file).
    static let historySize: Int32 = 1000
    /// The longest line (in UTF-8 bytes) the history keeps. A longer line (a pasted file,
    /// a generated query) still runs but is not remembered: one 1 MB paste made every
    /// later start read a megabyte, and Up recall it whole.
    static let historyLineLimit = 4096

    /// The marker that brackets invisible text in a prompt (passed to `EL_PROMPT_ESC`).
    ///
    /// `readLine(prompt:)` wraps ANSI escape sequences (`ESC [ … final`) in the prompt in
    /// this marker itself, so callers can pass coloured prompts as they are. A prompt that
    /// already contains the marker is taken as marked by the caller and left alone.
    static let invisibleMarker: Unicode.Scalar = "\u{01}"

    let completer: Completer?
    private let historyPath: String
    private var editLine: OpaquePointer?
    private var history: OpaquePointer?
    /// The current prompt as a NUL-terminated wide string; libedit reads it through
    /// `promptFunction` every time it redraws.
    private var promptBuffer: UnsafeMutableBufferPointer<wchar_t>
    private var promptText: String?
    /// The prompt being shown, for measuring the edit area (LineEditor+Follow.swift).
    var currentPrompt: String { promptText ?? "" }
    /// Lines entered since the history file was last written successfully.
    private var historyIsDirty = false
    private var reportedHistoryFailure = false
    /// The signal handling installed for the line being read, nil between lines.
    private(set) var editingSignals: EditingSignals?
    /// A second descriptor to wait on while the person types (a shared workspace's
    /// database socket); see LineEditor+Follow.swift.
    var follow: FollowWatch?
    /// Set by the follow watch when the REPL must take over at an empty prompt: the
    /// character reader then gives up the line and `readLine` returns `.woken`.
    var wakeRequested = false
    /// Set once the person was told, while typing, that a question waits (said once a line).
    var toldOfQuestion = false

    /// Opens the editor on the process's terminal and loads the history at `historyPath`
    /// (a missing file is an empty history).
    ///
    /// Side effects on the process: `LC_CTYPE` is switched to a UTF-8 locale if it is not
    /// one, and `Interrupt.install()` is called, so that from now on Ctrl-C sets a flag
    /// instead of ending the process.
    init(historyPath: String, completer: Completer? = nil) {
        Self.ensureUTF8Locale()
        Interrupt.install()
        HangUp.install()
        self.historyPath = historyPath
        self.completer = completer
        promptBuffer = Self.wideString("")

        history = history_init()
        if let history {
            _ = smk_history_setsize(history, Self.historySize)
            // Skips a line equal to the one before it.
            _ = smk_history_setunique(history, 1)
            _ = smk_history_load(history, historyPath)
            // A file written before the limit (or by hand) may hold longer lines: dropped
            // here, and the file rewritten without them at the next save.
            if smk_history_drop_longer_than(history, Self.historyLineLimit) > 0 { historyIsDirty = true }
        }

        editLine = smk_el_init("smk")
        guard let editLine else {
            // libedit is loaded on first use; without it there is no line to read.
            if let reason = smk_edit_load_error() {
                StandardStream.error.write("smk: cannot edit lines: \(String(cString: reason))\n")
            }
            return
        }
        _ = smk_el_set_clientdata(editLine, Unmanaged.passUnretained(self).toOpaque())
        _ = smk_el_set_editor_emacs(editLine)
        _ = smk_el_set_signal_handling(editLine, 0)
        _ = smk_el_set_getcfn(editLine, readCharacter)
        _ = smk_el_set_prompt(editLine, promptFunction, wchar_t(Self.invisibleMarker.value))
        if let history {
            _ = smk_el_set_history(editLine, history)
        }
        _ = smk_el_bind_ctrl_r(editLine)
        // Ctrl-Left / Ctrl-Right move by word, as in most terminal programs.
        _ = smk_el_bind(editLine, "\\e[1;5D", "ed-prev-word")
        _ = smk_el_bind(editLine, "\\e[1;5C", "em-next-word")
        _ = smk_el_add_function(editLine, "smk-complete", "complete the word before the cursor", completeCommand)
        _ = smk_el_bind_tab(editLine, "smk-complete")
        // The user's ~/.editrc (lines prefixed "smk:" or unprefixed) may override the above.
        _ = el_source(editLine, nil)
    }

    deinit {
        close()
        promptBuffer.deallocate()
    }

    /// Releases libedit, first saving the history if an earlier save failed (normally each
    /// line is saved as it is added, and the file is not rewritten here, so a session that
    /// added nothing does not overwrite lines another session saved meanwhile). Safe to
    /// call more than once; `readLine` returns `.endOfInput` afterwards.
    func close() {
        if let editLine {
            el_end(editLine)
            self.editLine = nil
        }
        if let history {
            if historyIsDirty {
                saveHistory()
            }
            history_end(history)
            self.history = nil
        }
    }

    /// Reads one line with editing, showing `prompt` (UTF-8 and ANSI colour are fine; see
    /// `invisibleMarker`). `.interrupted` after Ctrl-C, when "^C" and a newline have been
    /// printed; `.endOfInput` after Ctrl-D on an empty line, at the end of piped input, or
    /// after `close()`; `.hangUp` once the terminal has gone away (SIGHUP, a read error).
    func readLine(prompt: String) -> LineReadResult {
        guard let editLine else { return .endOfInput }
        if HangUp.isSet { return .hangUp }
        setPrompt(prompt)
        // A Ctrl-C pressed before this line (during a command's output) is not meant to
        // cancel it.
        Interrupt.clear()
        wakeRequested = false
        toldOfQuestion = false
        editingSignals = EditingSignals()
        var count: Int32 = 0
        let wide = el_wgets(editLine, &count)
        editingSignals?.restore()
        editingSignals = nil

        if HangUp.isSet {
            return .hangUp
        }
        if wakeRequested {
            wakeRequested = false
            // The empty prompt goes; the REPL writes what it has to say in its place.
            Self.writeToTerminal("\r\u{1B}[J", fd: STDOUT_FILENO)
            return .woken
        }
        if Interrupt.isSet {
            Interrupt.clear()
            echoInterrupt(editLine)
            return .interrupted
        }
        // After Ctrl-D libedit has echoed "^D" and left the cursor after it; ending that
        // screen line is the caller's (the REPL writes "\n" before it quits), so that
        // scripted readers behave the same.
        guard let wide, count > 0 else { return .endOfInput }
        var line = Self.string(fromWide: wide, count: Int(count))
        while let last = line.unicodeScalars.last, last == "\n" || last == "\r" {
            line.unicodeScalars.removeLast()
        }
        return .line(line)
    }

    /// Adds `line` to the history and saves the file at once, so a session that is
    /// killed keeps what was typed. Skipped: blank lines, lines starting with a space (the
    /// shell convention for "do not remember this"), lines over `historyLineLimit`, and a
    /// repeat of the previous line.
    func addToHistory(_ line: String) {
        guard let history, Self.belongsInHistory(line) else { return }
        _ = smk_history_enter(history, line)
        historyIsDirty = true
        saveHistory()
    }

    /// Whether `addToHistory` keeps `line`, apart from the repeat check libedit makes.
    /// A line holding an address with a password (`postgres://anna:secret@…`) is not
    /// kept: passwords never reach the history file.
    static func belongsInHistory(_ line: String) -> Bool {
        line.utf8.count <= historyLineLimit && !line.hasPrefix(" ") && !line.allSatisfy(\.isWhitespace) && !containsPassword(line)
    }

    static func containsPassword(_ line: String) -> Bool {
        var rest = Substring(line)
        while let scheme = rest.range(of: "://") {
            let authority = rest[scheme.upperBound...].prefix { !"/ \t?#".contains($0) }
            if let at = authority.lastIndex(of: "@"), authority[..<at].contains(":") { return true }
            rest = rest[scheme.upperBound...]
        }
        return false
    }

    // MARK: - History file

    private func saveHistory() {
        guard let history else { return }
        if smk_history_save(history, historyPath) >= 0 {
            historyIsDirty = false
        } else if !reportedHistoryFailure {
            // Said once per session: history is a convenience, not worth repeating.
            reportedHistoryFailure = true
            Self.writeToTerminal("smk: cannot save history to \(historyPath)\n", fd: STDERR_FILENO)
        }
    }

    // MARK: - Prompt

    private func setPrompt(_ prompt: String) {
        guard prompt != promptText else { return }
        promptText = prompt
        promptBuffer.deallocate()
        promptBuffer = Self.wideString(Self.markingEscapes(in: prompt))
    }

    /// The prompt's first character, for `promptFunction`; the buffer always holds at
    /// least the terminating NUL.
    fileprivate var promptPointer: UnsafeMutablePointer<wchar_t>? {
        promptBuffer.baseAddress
    }

    /// Brackets each ANSI escape sequence in `invisibleMarker`s so libedit does not count
    /// it as printed characters. CSI sequences run from `ESC [` to a final character in
    /// `@`…`~`; any other escape is taken to be two characters long.
    static func markingEscapes(in prompt: String) -> String {
        let scalars = Array(prompt.unicodeScalars)
        guard scalars.contains("\u{1B}"), !scalars.contains(invisibleMarker) else { return prompt }
        var result = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            guard scalars[index] == "\u{1B}" else {
                result.append(scalars[index])
                index += 1
                continue
            }
            var end = index + 1
            if end < scalars.count, scalars[end] == "[" {
                end += 1
                while end < scalars.count, !(0x40...0x7E).contains(scalars[end].value) {
                    end += 1
                }
            }
            end = min(end + 1, scalars.count)
            result.append(invisibleMarker)
            result.append(contentsOf: scalars[index..<end])
            result.append(invisibleMarker)
            index = end
        }
        return String(result)
    }

    // MARK: - Ctrl-C

    /// Finishes the cancelled line on screen: the cursor goes past the end of the text,
    /// "^C" is printed, and the next prompt starts on a new line.
    ///
    /// `el_wgets` has returned, but until the next call libedit still holds the line, so
    /// the text after the cursor is written again to move the terminal cursor past it.
    /// During a Ctrl-R search libedit shows "bck:" and the pattern on a line of their own,
    /// stored after a newline in the same buffer, with the terminal cursor already at the
    /// end; then only "^C" is written.
    private func echoInterrupt(_ editLine: OpaquePointer) {
        var tail = ""
        if let info = el_wline(editLine)?.pointee, let start = info.buffer, let cursor = info.cursor, let last = info.lastchar, cursor < last {
            let whole = Self.string(fromWide: start, count: last - start)
            if !whole.unicodeScalars.contains("\n") {
                tail = Self.string(fromWide: cursor, count: last - cursor)
            }
        }
        Self.writeToTerminal(tail + "^C\n", fd: STDOUT_FILENO)
    }

    // MARK: - Helpers

    /// The `EditLine`'s owner, from the client-data pointer set in `init`.
    static func owner(of editLine: OpaquePointer) -> LineEditor? {
        guard let raw = smk_el_get_clientdata(editLine) else { return nil }
        return Unmanaged<LineEditor>.fromOpaque(raw).takeUnretainedValue()
    }

    /// A `String` from `count` UTF-32 code units (`wchar_t` is 32-bit on Linux and macOS).
    /// Values that are not Unicode scalars cannot come from `readCharacter` and are dropped.
    static func string(fromWide wide: UnsafePointer<wchar_t>, count: Int) -> String {
        var scalars = String.UnicodeScalarView()
        for offset in 0..<count {
            if let scalar = Unicode.Scalar(UInt32(bitPattern: wide[offset])) {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// A newly allocated NUL-terminated wide copy of `text`; the caller deallocates it.
    static func wideString(_ text: String) -> UnsafeMutableBufferPointer<wchar_t> {
        let scalars = Array(text.unicodeScalars)
        let buffer = UnsafeMutableBufferPointer<wchar_t>.allocate(capacity: scalars.count + 1)
        for (offset, scalar) in scalars.enumerated() {
            buffer[offset] = wchar_t(bitPattern: scalar.value)
        }
        buffer[scalars.count] = 0
        return buffer
    }

    /// Writes straight to a descriptor. libedit's `stdout` buffer is empty whenever this
    /// runs (libedit flushes before every read), so output stays in order.
    static func writeToTerminal(_ text: String, fd: Int32) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return -1 }
                return write(fd, base + offset, buffer.count - offset)
            }
            if written > 0 {
                offset += written
            } else if written < 0, errno == EINTR {
                continue
            } else {
                return
            }
        }
    }

    /// Makes `LC_CTYPE` UTF-8, which libedit needs to decode, measure and print anything
    /// beyond ASCII. The environment's choice wins when it is UTF-8; otherwise (LANG
    /// unset, "C", "POSIX", a Latin-1 locale) the first UTF-8 locale that exists is used.
    /// Only `LC_CTYPE` changes: number formatting and collation stay as they were.
    static func ensureUTF8Locale() {
        if setlocale(LC_CTYPE, "") != nil, currentLocaleIsUTF8() { return }
        for name in ["C.UTF-8", "C.utf8", "en_US.UTF-8", "en_US.utf8"] {
            if setlocale(LC_CTYPE, name) != nil, currentLocaleIsUTF8() { return }
        }
    }

    private static func currentLocaleIsUTF8() -> Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).lowercased()
        return name == "utf-8" || name == "utf8"
    }
}

// MARK: - C callbacks

/// libedit's prompt callback. The fallback empty prompt is never expected (the client data
/// is set before any `el_wgets`), but libedit dereferences what it gets, so it must not be
/// NULL.
private let promptFunction: smk_el_prompt_fn = { editLine in
    guard let editLine, let editor = LineEditor.owner(of: editLine), let prompt = editor.promptPointer else {
        return emptyWidePrompt
    }
    return prompt
}

/// An immutable empty wide string, allocated once and never freed or written.
nonisolated(unsafe) private let emptyWidePrompt: UnsafeMutablePointer<wchar_t> = {
    let pointer = UnsafeMutablePointer<wchar_t>.allocate(capacity: 1)
    pointer.initialize(to: 0)
    return pointer
}()

/// libedit's TAB command (added with `EL_ADDFN` as "smk-complete").
private let completeCommand: smk_el_command_fn = { editLine, _ in
    guard let editLine, let editor = LineEditor.owner(of: editLine) else {
        return UInt8(CC_ERROR)
    }
    return editor.complete(in: editLine)
}

/// libedit's character reader (`EL_GETCFN`): one character from standard input, decoded
/// from UTF-8 here rather than through the locale. Returns 1 with a character, 0 at end
/// of input, -1 on an error or when Ctrl-C was pressed (`Interrupt.isSet`), which makes
/// `el_wgets` give up the line.
///
/// A `read` interrupted by a signal returns EINTR because the editing-time handlers are
/// installed without `SA_RESTART`; see `EditingSignals`. A Ctrl-C landing in the few
/// instructions between the flag check and the `read` is noticed at the next key press.
private let readCharacter: el_rfunc_t = { editLine, character in
    guard let character else { return -1 }
    character.pointee = 0
    var decoder = UTF8ByteDecoder()
    while true {
        if Interrupt.isSet || HangUp.isSet { return -1 }
        if let editLine, let editor = LineEditor.owner(of: editLine), editor.follow != nil {
            if !editor.waitForTerminal(editLine) {
                continue  // a signal: handled in waitForTerminal, look at the flag again
            }
            if editor.wakeRequested { return -1 }
        }
        var byte: UInt8 = 0
        let count = read(STDIN_FILENO, &byte, 1)
        // A terminal in raw mode never reads 0 bytes while it is there (Ctrl-D arrives as
        // a byte): 0, EIO or any other failure means it is gone.
        if count == 0 {
            HangUp.set()
            return -1
        }
        if count < 0 {
            guard errno == EINTR else {
                HangUp.set()
                return -1
            }
            if let editLine, let editor = LineEditor.owner(of: editLine) {
                editor.editingSignals?.handlePending(editLine)
            }
            continue
        }
        if let scalar = decoder.feed(byte) {
            character.pointee = wchar_t(bitPattern: scalar.value)
            return 1
        }
    }
}

/// Assembles Unicode scalars from UTF-8 bytes one byte at a time. Malformed input is
/// dropped: a stray continuation byte is skipped, and a sequence cut short restarts at
/// the byte that cut it.
private struct UTF8ByteDecoder {
    private var value: UInt32 = 0
    private var remaining = 0

    /// The scalar completed by `byte`, or nil while a sequence is incomplete or invalid.
    mutating func feed(_ byte: UInt8) -> Unicode.Scalar? {
        if remaining > 0 {
            if byte & 0xC0 == 0x80 {
                value = value << 6 | UInt32(byte & 0x3F)
                remaining -= 1
                return remaining == 0 ? Unicode.Scalar(value) : nil
            }
            remaining = 0
        }
        switch byte {
        case 0x00...0x7F:
            return Unicode.Scalar(byte)
        case 0xC2...0xDF:
            value = UInt32(byte & 0x1F)
            remaining = 1
        case 0xE0...0xEF:
            value = UInt32(byte & 0x0F)
            remaining = 2
        case 0xF0...0xF4:
            value = UInt32(byte & 0x07)
            remaining = 3
        default:
            break
        }
        return nil
    }
}
