import SmarketingKit

/// The last line of a script run with bail off: how many checks and commands failed.
public enum ScriptSummary {
    public static func text(failures: Int, checks: (run: Int, failed: Int)) -> String {
        let others = failures - checks.failed
        var parts: [String] = []
        if checks.run > 0 { parts.append("\(checks.failed) of \(checks.run) checks failed") }
        if others > 0 || checks.run == 0 { parts.append("\(others) command\(others == 1 ? "" : "s") failed") }
        return parts.joined(separator: "; ")
    }
}

/// A value given on the command line (`--set minFit=60`): a number, date or duration
/// when it reads as one, text otherwise.
public enum ScriptValue {
    public static func parse(_ text: String) -> QueryValue {
        if let tokens = try? QueryLexer.tokenize(text), tokens.count == 2 {
            switch tokens[0].kind {
            case .number(let n): return .number(n)
            case .duration(let s): return .duration(s)
            case .date: if let date = Timestamp.parse(text) { return .date(date) }
            default: break
            }
        }
        return .text(text)
    }
}
