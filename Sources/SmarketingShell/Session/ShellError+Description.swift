import SmarketingKit

/// The one place where shell errors are worded.
extension ShellError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .unterminatedString:
            return "unterminated string: add the closing quote"
        case .unknownCommand(let name, let suggestion, _):
            return "no command '\(name)'" + hint(suggestion) + (suggestion == nil ? " (type help for the list)" : "")
        case .unexpected(let found, let expected, let usage, _):
            return "unexpected \(found), expected \(expected)" + (usage.isEmpty ? "" : "\n  usage: \(usage)")
        case .missing(let expected, let usage, _):
            return "missing \(expected)\n  usage: \(usage)"
        case .notANumber(let text, let what, _):
            return "'\(text)' is not \(what)"
        case .noSuchLead(let id, let suggestion, _):
            return "no lead '\(id)'" + hint(suggestion)
        case .noSuchStage(let id, let suggestion, _):
            return "no stage '\(id)'" + hint(suggestion)
        case .unknownHelpTopic(let topic, let suggestion, _):
            return "no help for '\(topic)'" + hint(suggestion)
        case .noWorkspaceFile:
            return "this workspace has no file yet: give one, as in save FILE"
        case .workspace(let error):
            return error.description
        case .change(let error):
            return error.description
        case .nothingToUndo:
            return "nothing to undo"
        case .nothingToRedo:
            return "nothing to redo"
        case .refused(let why):
            return why
        case .query(let error):
            return error.description
        case .badView(let name, let error, _):
            return "view '\(name)': \(error)"
        case .noSuchView(let name, let suggestion, _):
            return "no view '\(name)'" + hint(suggestion) + (suggestion == nil ? " (views lists them)" : "")
        case .interrupted:
            return "interrupted"
        case .undefinedVariable(let name, let suggestion, _):
            return "undefined variable $\(name)" + hint(suggestion.map { "$" + $0 })
        case .expectationFailed(let message, _):
            return message
        case .scriptCycle(let chain):
            return "run would loop: " + chain.joined(separator: " → ")
        }
    }

    private func hint(_ suggestion: String?) -> String {
        suggestion.map { " — did you mean '\($0)'?" } ?? ""
    }
}
