import Foundation
import SmarketingKit

/// Runs command text (a typed line, `-c`, a script file, stdin) against a session:
/// splits it into commands, dispatches each through the registry, renders results, and
/// reports errors with their place.
public struct Interpreter {
    public let session: Session

    public init(session: Session) {
        self.session = session
    }

    /// Where the text comes from, which decides what a failure does.
    public enum Mode: Sendable {
        /// A script (`-f`, `-c`, stdin, `run`): stops at a failure while `bail` is on.
        case script
        /// A line typed at the prompt: a failure never ends anything.
        case prompt
    }

    /// How a run of text ended.
    public struct Outcome: Sendable, Equatable {
        /// Commands (and expects) that failed.
        public var failures = 0
        /// True when a command asked to leave the session.
        public var quit = false
        /// True when the run stopped early at a failure (bail).
        public var stopped = false

        public init() {}
    }

    /// Runs every command of `text`.
    public func run(_ text: String, file: String? = nil, firstLine: Int = 1, mode: Mode) -> Outcome {
        var outcome = Outcome()
        for command in ScriptSplitter.split(text, file: file, firstLine: firstLine) {
            if session.isInterrupted() { break }
            session.catchUp()  // a shared workspace: others' changes, between commands
            let started = DispatchTime.now().uptimeNanoseconds
            let startedCPU = ProcessorTime.seconds()
            let pagedBefore = session.timeInPager
            // `timer on` itself is not timed: the timer was off when it started.
            let timedBefore = session.settings.timer
            var failed = false
            session.declined = false
            session.warnings = []
            defer { session.warnings = [] }
            do {
                let result = try execute(command)
                if case .quit = result { outcome.quit = true; return outcome }
                emit(result)
                for warning in session.warnings {
                    session.err.write(DiagnosticRenderer.renderWarning(warning.message, at: warning.range, in: command,
                                                                          width: session.errorWidth?()))
                }
                if session.settings.strict, !session.warnings.isEmpty { failed = true }
                if case .partial(_, let refusals) = result {
                    failed = true
                    for refusal in refusals { session.err.write(DiagnosticRenderer.render(.refused(refusal), in: command, width: session.errorWidth?())) }
                }
            } catch {
                failed = true
                // The terminal echoed ^C where the cursor was: the error starts a line of its own.
                if case .interrupted = error, session.errorWidth != nil { session.err.write("\n") }
                session.err.write(DiagnosticRenderer.render(error, in: command, width: session.errorWidth?()))
            }
            if timedBefore, session.settings.timer {
                // Time the reader spent in the pager is theirs, not the command's.
                let paged = session.timeInPager
                let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started - (paged.wall - pagedBefore.wall)) / 1_000_000
                let cpu = max(0, ProcessorTime.seconds() - startedCPU - (paged.cpu - pagedBefore.cpu)) * 1000
                session.err.write("time: \(Thousands.format((elapsed * 10).rounded() / 10)) ms"
                                  + " (cpu \(Thousands.format((cpu * 10).rounded() / 10)) ms)\n")
            }
            if failed {
                outcome.failures += 1
                if mode == .script, session.settings.bail {
                    outcome.stopped = true
                    return outcome
                }
            } else if mode == .prompt, !session.declined, Self.isRecorded(command) {
                session.recorder?.record(command.text)
            }
        }
        return outcome
    }

    /// Runs every command of `text`, stopping at the first failure when `bail` is true.
    public func run(_ text: String, file: String? = nil, bail: Bool) -> Outcome {
        let saved = session.settings.bail
        session.settings.bail = bail
        defer { session.settings.bail = saved }
        return run(text, file: file, mode: .script)
    }

    /// Whether `record` writes this command: not one about the session itself (help,
    /// quit, record, clear).
    static func isRecorded(_ command: CommandSource) -> Bool {
        guard let first = try? Lexer.tokenize(command.text).first, let type = CommandRegistry.command(named: first.text) else { return false }
        return type.isRecorded
    }

    /// Runs one command and returns its result without rendering it.
    public func execute(_ command: CommandSource) throws(ShellError) -> CommandResult {
        let tokens = try Lexer.tokenize(command.text)
        guard let first = tokens.first else { return .none }
        guard first.kind == .word, let type = CommandRegistry.command(named: first.text) else {
            throw .unknownCommand(first.text, suggestion: Suggestion.nearest(to: first.text, in: CommandRegistry.names), first.range)
        }
        session.currentCommand = Self.trimmingBlanks(Self.expanded(command.text, tokens: tokens, variables: session.variables))
        var arguments = Arguments(tokens: Array(tokens.dropFirst()), commandName: first, usage: type.usage, text: command.text,
                                  variables: session.variables)
        return try type.run(&arguments, in: session)
    }

    /// `text` without the spaces and tabs around it, as `trimmingCharacters(in:
    /// .whitespaces)` gives, without Foundation: its character sets cost every run's
    /// first command a sixth of a millisecond (issue 18, item 6).
    static func trimmingBlanks(_ text: String) -> String {
        func isBlank(_ scalar: Unicode.Scalar) -> Bool {
            // Foundation's whitespace: the space separators, tab and U+200B (zero width space).
            scalar == " " || scalar == "\t"
                || (scalar.value >= 0x80 && (scalar.value == 0x200B || scalar.properties.generalCategory == .spaceSeparator))
        }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isBlank($0) }), let last = scalars.lastIndex(where: { !isBlank($0) }) else {
            return ""
        }
        return String(scalars[first...last])
    }

    /// The command as it ran, `$NAME` words replaced by their values (quoted), for the
    /// audit: `import $1 …` in a mapping script is kept as the file it imported.
    static func expanded(_ text: String, tokens: [Token], variables: [String: QueryValue]) -> String {
        var characters = Array(text)
        for token in tokens.reversed() where token.kind == .word && token.text.hasPrefix("$") && token.text.count > 1 {
            guard let value = variables[String(token.text.dropFirst())],
                  token.range.start >= 0, token.range.end <= characters.count, token.range.start < token.range.end else { continue }
            let plain = value.plainText
            let shown = plain.contains(where: { $0 == " " || $0 == "\"" || $0 == ";" || $0 == "#" })
                ? "'" + plain.replacingOccurrences(of: "'", with: "''") + "'" : plain
            characters.replaceSubrange(token.range.start..<token.range.end, with: Array(shown))
        }
        return String(characters)
    }

    /// Renders a result to the session's sinks in the current format.
    public func emit(_ result: CommandResult) {
        // A listing that did not take its first rows itself is cut here (`maxrows`).
        let result = session.listingCap.map { result.capped(to: $0) } ?? result
        let toFile = session.redirect
        let width = toFile == nil ? (session.terminalWidth?() ?? session.settings.width) : nil
        let renderer = ResultRenderer(format: session.settings.format, width: width,
                                      stageColor: session.settings.color && toFile == nil ? stageColor : nil)
        let (out, err) = renderer.render(result)
        if !err.isEmpty { session.err.write(err) }
        guard !out.isEmpty else { return }
        if let toFile {
            toFile.write(out)
        } else if let pager = session.pager {
            let started = DispatchTime.now().uptimeNanoseconds, startedCPU = ProcessorTime.seconds()
            let paged = pager(out)
            session.timeInPager.wall += DispatchTime.now().uptimeNanoseconds - started
            session.timeInPager.cpu += ProcessorTime.seconds() - startedCPU
            if !paged { session.out.write(out) }
        } else {
            session.out.write(out)
        }
    }

    /// Marketing stages cyan, sales stages green, nurture yellow, lost red.
    private func stageColor(_ id: String) -> String? {
        let trimmed = id.trimmingWhitespace()
        guard let stage = session.workspace.funnel.stage(String(trimmed)) else { return nil }
        if stage.isSide { return stage.team == .sales ? "\u{1B}[31m" : "\u{1B}[33m" }
        return stage.team == .sales ? "\u{1B}[32m" : "\u{1B}[36m"
    }
}
