/// The interactive loop: prompt, read, run, repeat, until `quit` or Ctrl-D.
public struct Repl {
    public let session: Session
    public let reader: LineReader

    public init(session: Session, reader: LineReader) {
        self.session = session
        self.reader = reader
    }

    /// `anna@sales smk demo:scenario*> `: who acts (and their team), the workspace, the
    /// open scenario, `*` while there are unsaved changes, and `(read-only)` while someone
    /// else holds the file, so nobody reviews for half an hour before a change is refused.
    public var prompt: String {
        let role = session.workspace.role(of: session.actor).map { "@" + $0.rawValue } ?? ""
        let scenario = session.scenario.map { ":" + $0 } ?? ""
        let readOnly = session.readOnlyReason == nil ? "" : " (read-only)"
        return "\(session.actor)\(role) smk \(session.displayName)\(scenario)\(session.isDirty ? "*" : "")\(readOnly)> "
    }

    /// Runs until the person leaves. Returns the number of commands that failed.
    @discardableResult
    public func run(clearInterrupt: () -> Void = {}) -> Int {
        let interpreter = Interpreter(session: session)
        session.isInteractive = true
        let input = InputState()
        session.confirm = { question in
            switch reader.readLine(prompt: question) {
            case .line(let answer):
                let yes = ["y", "yes"].contains(answer.trimmingWhitespace().lowercased())
                if !yes { session.declined = true }
                return yes
            case .endOfInput:
                input.endedAtQuestion = true
                session.out.write("\n")
                session.declined = true
                return false
            case .interrupted, .woken:
                session.declined = true
                return false
            case .hangUp:
                input.endedAtQuestion = true
                session.declined = true
                return false
            }
        }
        var failures = 0
        while true {
            clearInterrupt()
            switch reader.readLine(prompt: prompt) {
            case .interrupted:
                continue
            case .woken:
                // At an empty prompt a read-only session's writer quit: the take-over
                // question is asked now, at its own prompt, not before the next command.
                if let note = session.workspaceGuard?.follow(session) { session.err.write(note + "\n") }
                continue
            case .hangUp:
                leaveKeepingJournal(hungUp: true)
                return failures
            case .endOfInput:
                // Ctrl-D behaves as `quit`: it asks when there are unsaved changes.
                session.out.write("\n")
                input.endedAtQuestion = false
                let outcome = interpreter.run("quit", mode: .prompt)
                if outcome.quit { return failures }
                // The input ended again at the question (Ctrl-D twice, or an input that
                // is gone for good): leave rather than ask for ever, and lose nothing.
                if input.endedAtQuestion {
                    leaveKeepingJournal(hungUp: false)
                    return failures
                }
            case .line(let first):
                // A line ending in \ continues on the next, as in scripts.
                var line = first
                while line.hasSuffix("\\"), case .line(let more) = reader.readLine(prompt: "...> ") {
                    line += "\n" + more
                }
                if !line.trimmingWhitespace().isEmpty { reader.addToHistory(line.replacingOccurrences(of: "\\\n", with: " ")) }
                // A read-only session follows the file its writer saves (and may take it over).
                if let note = session.workspaceGuard?.follow(session) { session.err.write(note + "\n") }
                let outcome = interpreter.run(line, mode: .prompt)
                failures += outcome.failures
                if outcome.quit { return failures }
            }
        }
    }

    /// Leaves without asking: unsaved changes stay in the journal (the lock is still
    /// released), so the next session that opens the file offers to replay them.
    private func leaveKeepingJournal(hungUp: Bool) {
        session.workspaceGuard?.keepJournal = true
        guard !hungUp, session.isDirty else { return }
        let place = session.journal.map { " in \($0.path)" } ?? ""
        session.err.write("leaving: \(session.unsavedCount) unsaved change(s) kept\(place); the next open offers to replay them\n")
    }
}

/// Whether the input ended while a question was being asked, shared with the session's
/// `confirm` closure.
private final class InputState {
    var endedAtQuestion = false
}
