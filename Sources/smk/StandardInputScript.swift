import SmarketingShell

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Commands piped into `smk` run as each line arrives, as psql and sqlite3 do: a
/// producer that writes a command and waits for its answer gets it, and the first
/// commands run while later ones are still being written. A line ending in `\` continues
/// on the next. Errors name the line of the input (`<stdin>:3:7`).
enum StandardInputScript {
    static func run(_ interpreter: Interpreter, err: TextSink) -> Interpreter.Outcome? {
        var total = Interpreter.Outcome()
        var pending = ""
        var pendingLine = 1
        var lineNumber = 0
        var buffer: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(buffer) }
        guard let input = fdopen(STDIN_FILENO, "r") else { return total }
        while true {
            let count = getline(&buffer, &capacity, input)
            guard count >= 0, let buffer else { break }
            lineNumber += 1
            let bytes = UnsafeRawBufferPointer(start: buffer, count: count).map { $0 }
            let line: String
            do { line = try ScriptText.decode(bytes, file: "<stdin>") } catch {
                err.write("error: line \(lineNumber) of <stdin>: \(error)\n")
                return nil
            }
            if pending.isEmpty { pendingLine = lineNumber }
            pending += line
            let trimmed = pending.hasSuffix("\n") ? String(pending.dropLast()) : pending
            if trimmed.hasSuffix("\\") { continue }
            guard step(interpreter, text: pending, line: pendingLine, into: &total) else { return total }
            pending = ""
        }
        if !pending.isEmpty { _ = step(interpreter, text: pending, line: pendingLine, into: &total) }
        return total
    }

    /// Runs one command's text; false when the run must end (quit, or a failure that bails).
    private static func step(_ interpreter: Interpreter, text: String, line: Int, into total: inout Interpreter.Outcome) -> Bool {
        let outcome = interpreter.run(text, file: "<stdin>", firstLine: line, mode: .script)
        total.failures += outcome.failures
        if outcome.quit { total.quit = true; return false }
        if outcome.stopped { total.stopped = true; return false }
        return true
    }
}
