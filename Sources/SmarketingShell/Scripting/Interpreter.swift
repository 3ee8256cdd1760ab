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

    /// How a run of text ended.
    public struct Outcome: Sendable, Equatable {
        /// Commands that failed.
        public var failures = 0
        /// True when a command asked to leave the session.
        public var quit = false
    }

    /// Runs every command of `text`. With `bail`, stops at the first failure.
    public func run(_ text: String, file: String? = nil, bail: Bool) -> Outcome {
        var outcome = Outcome()
        for command in ScriptSplitter.split(text, file: file) {
            if session.isInterrupted() { break }
            do {
                let result = try execute(command)
                if case .quit = result { outcome.quit = true; return outcome }
                emit(result)
                if case .partial(_, let refusals) = result {
                    outcome.failures += 1
                    for refusal in refusals { session.err.write(DiagnosticRenderer.render(.refused(refusal), in: command)) }
                    if bail { return outcome }
                }
            } catch {
                outcome.failures += 1
                session.err.write(DiagnosticRenderer.render(error, in: command))
                if bail { return outcome }
            }
        }
        return outcome
    }

    /// Runs one command and returns its result without rendering it.
    public func execute(_ command: CommandSource) throws(ShellError) -> CommandResult {
        let tokens = try Lexer.tokenize(command.text)
        guard let first = tokens.first else { return .none }
        guard first.kind == .word, let type = CommandRegistry.command(named: first.text) else {
            throw .unknownCommand(first.text, suggestion: Suggestion.nearest(to: first.text, in: CommandRegistry.names), first.range)
        }
        var arguments = Arguments(tokens: Array(tokens.dropFirst()), commandName: first, usage: type.usage, text: command.text)
        return try type.run(&arguments, in: session)
    }

    /// Renders a result to the session's sinks in the current format.
    public func emit(_ result: CommandResult) {
        let toFile = session.redirect
        let renderer = ResultRenderer(format: session.settings.format, width: toFile == nil ? session.settings.width : nil,
                                      stageColor: session.settings.color && toFile == nil ? stageColor : nil)
        let (out, err) = renderer.render(result)
        if !err.isEmpty { session.err.write(err) }
        guard !out.isEmpty else { return }
        if let toFile {
            toFile.write(out)
        } else if session.pager?(out) != true {
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
