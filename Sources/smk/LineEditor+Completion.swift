import CLibEdit
import SmarketingShell

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a completer proposes for the word before the cursor.
struct CompletionReply: Equatable {
    /// The full words that could stand in place of the word being completed, in the order
    /// to list them. Each is inserted exactly as given (quoting is the completer's job).
    var candidates: [String]
    /// Where the word being completed starts, as a `Character` offset into the line that
    /// was passed to the completer. The text from here to the cursor is replaced.
    var replaceFrom: Int
}

extension CompletionReply: Sendable {}

/// TAB, in the manner of bash: one candidate is inserted with a space after it (no space
/// after a candidate ending in "/", so a path can go on, nor before a space already there); several are narrowed to their
/// longest common prefix; when that adds nothing — at once, or on the second TAB — they
/// are listed in columns below the line and the line is drawn again.
extension LineEditor {
    /// Runs the completer on the text before the cursor and edits the line; returns the
    /// libedit `CC_*` code that tells `el_wgets` how to redraw.
    func complete(in editLine: OpaquePointer) -> UInt8 {
        guard let completer else { return UInt8(CC_NORM) }
        guard let info = el_wline(editLine)?.pointee, let start = info.buffer, let cursor = info.cursor else {
            return UInt8(CC_ERROR)
        }
        let before = Self.string(fromWide: start, count: cursor - start)
        let reply = completer(before, before.count)
        guard (0...before.count).contains(reply.replaceFrom) else { return UInt8(CC_ERROR) }

        var seen = Set<String>()
        let candidates = reply.candidates.filter { seen.insert($0).inserted }
        let word = String(before.dropFirst(reply.replaceFrom))
        switch candidates.count {
        case 0:
            return UInt8(CC_ERROR)
        case 1:
            let only = candidates[0]
            // Completed in the middle of a line (`cou| where …`), a space already follows.
            let spaceFollows = cursor < info.lastchar && cursor.pointee == 0x20
            replace(word, with: only.hasSuffix("/") || spaceFollows ? only : only + " ", in: editLine)
            return UInt8(CC_REFRESH)
        default:
            let prefix = Self.longestCommonPrefix(candidates)
            if prefix.count > word.count {
                replace(word, with: prefix, in: editLine)
                return UInt8(CC_REFRESH)
            }
            list(candidates, in: editLine)
            return UInt8(CC_REDISPLAY)
        }
    }

    /// Replaces `word`, which ends at the cursor, with `replacement`. libedit counts in
    /// wide characters, that is Unicode scalars.
    private func replace(_ word: String, with replacement: String, in editLine: OpaquePointer) {
        let removed = word.unicodeScalars.count
        if removed > 0 {
            el_deletestr(editLine, Int32(removed))
        }
        let wide = Self.wideString(replacement)
        defer { wide.deallocate() }
        if let text = wide.baseAddress {
            _ = el_winsertstr(editLine, text)
        }
    }

    /// Prints `candidates` in columns (down, then across, as `ls` does) under the line.
    /// At most a screenful less two lines is shown, then how many were left out; the caller
    /// returns `CC_REDISPLAY` so libedit draws the prompt and line again below the list.
    private func list(_ candidates: [String], in editLine: OpaquePointer) {
        let columns = Int(smk_el_get_numeric_capability(editLine, "co"))
        let lines = Int(smk_el_get_numeric_capability(editLine, "li"))
        // Values come from the workspace: control characters are listed visibly.
        let table = Self.columnLayout(
            candidates.map(TerminalText.visible),
            width: columns > 0 ? columns : 80,
            maxRows: max((lines > 0 ? lines : 24) - 2, 3)
        )
        Self.writeToTerminal("\n" + table, fd: STDOUT_FILENO)
    }

    /// `candidates` laid out in columns that fit `width`, each row ending in a newline;
    /// when more than `maxRows` rows would be needed, the last row says how many more
    /// there are.
    static func columnLayout(_ candidates: [String], width: Int, maxRows: Int) -> String {
        let gap = 2
        let widths = candidates.map(displayWidth)
        let cell = (widths.max() ?? 0) + gap
        let perRow = max(1, (width + gap) / max(cell, 1))
        var shown = candidates.count
        var rows = (shown + perRow - 1) / perRow
        if rows > maxRows {
            rows = maxRows - 1
            shown = rows * perRow
        }
        var output = ""
        for row in 0..<rows {
            var line = ""
            for column in 0..<perRow {
                let index = column * rows + row
                guard index < shown else { break }
                let isLast = column == perRow - 1 || index + rows >= shown
                line += candidates[index]
                if !isLast {
                    line += String(repeating: " ", count: cell - widths[index])
                }
            }
            output += line + "\n"
        }
        if shown < candidates.count {
            output += "… and \(candidates.count - shown) more\n"
        }
        return output
    }

    /// The longest `Character` prefix all `strings` share.
    static func longestCommonPrefix(_ strings: [String]) -> String {
        guard var prefix = strings.first.map(Array.init) else { return "" }
        for string in strings.dropFirst() {
            var length = 0
            for (mine, theirs) in zip(prefix, string) {
                guard mine == theirs else { break }
                length += 1
            }
            prefix.removeSubrange(length...)
        }
        return String(prefix)
    }

    /// Terminal columns `text` takes, by `wcwidth` as libedit measures (Thai vowel marks take none, CJK two).
    /// Needs the UTF-8 `LC_CTYPE` that `init` sets; unprintable scalars count as zero.
    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { total, scalar in
            total + max(Int(smk_wcwidth(wchar_t(bitPattern: scalar.value))), 0)
        }
    }
}
