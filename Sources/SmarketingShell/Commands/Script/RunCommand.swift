import Foundation
import SmarketingKit

/// `run FILE [ARG…]`: runs another script; `$1`, `$2` … hold the arguments.
public enum RunCommand: ShellCommand {
    public static let name = "run"
    public static let group = CommandGroup.script
    public static let summary = "run a .smk script (relative to the script that runs it), with $1 $2 … arguments"
    public static let usage = "run FILE [ARG …]"
    public static let details = """
        A path is relative to the script that says run (at the prompt: the current folder).
        A script that would run itself again, directly or through others, is refused with
        the chain shown. The script's failures count as this command's failure.
        """
    public static let examples: [String] = []

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        let fileToken = try arguments.text("a script file")
        var values: [QueryValue] = []
        while !arguments.isAtEnd {
            let token = try arguments.text("an argument")
            // A bare word that is no value (a path: `../data/leads.csv`) is passed as text.
            values.append(token.kind == .string ? .text(token.text) : (try? LetCommand.literal(token)) ?? .text(token.text))
        }
        let base = session.scriptStack.last.map { URL(fileURLWithPath: $0).deletingLastPathComponent() }
            ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let path = fileToken.text.hasPrefix("/") ? fileToken.text : base.appendingPathComponent(fileToken.text).standardizedFileURL.path
        try SafeMode.check(path, for: "run", in: session, writes: false)
        if session.scriptStack.contains(path) {
            throw .scriptCycle((session.scriptStack + [path]).map { URL(fileURLWithPath: $0).lastPathComponent })
        }
        let bytes: [UInt8]
        do { bytes = try AtomicFile.readAll(path) } catch { throw .workspace(error) }
        let text = try ScriptText.decode(bytes, file: fileToken.text)
        // Positional arguments live for this script only.
        let saved = session.variables
        for (i, value) in values.enumerated() { session.variables[String(i + 1)] = value }
        session.scriptStack.append(path)
        defer {
            session.scriptStack.removeLast()
            let defined = session.variables
            session.variables = saved
            for (name, value) in defined where Int(name) == nil { session.variables[name] = value }
        }
        let outcome = Interpreter(session: session).run(text, file: displayPath(path), mode: .script)
        if outcome.quit { return .quit }
        return outcome.failures > 0 ? .partial(.none, refusals: []) : .none
    }

    /// The path as the person would write it: relative to the current folder when inside it.
    static func displayPath(_ path: String) -> String {
        let here = FileManager.default.currentDirectoryPath + "/"
        return path.hasPrefix(here) ? String(path.dropFirst(here.count)) : path
    }
}
