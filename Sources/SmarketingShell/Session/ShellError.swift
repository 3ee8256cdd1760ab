import SmarketingKit

/// Everything that can go wrong running a command, with the span of the command it is
/// about. Worded in one place (`ShellError+Description`); placed on the line with a caret
/// by `DiagnosticRenderer`.
public enum ShellError: Error, Sendable, Equatable {
    case unterminatedString(SourceRange)
    case unknownCommand(String, suggestion: String?, SourceRange)
    /// `found` was not what the command's grammar allows here.
    case unexpected(found: String, expected: String, usage: String, SourceRange)
    /// The command ended where it needed more.
    case missing(expected: String, usage: String, SourceRange)
    case notANumber(String, what: String, SourceRange)
    case noSuchLead(String, suggestion: String?, SourceRange)
    case noSuchStage(String, suggestion: String?, SourceRange)
    case unknownHelpTopic(String, suggestion: String?, SourceRange)
    case noWorkspaceFile
    case workspace(WorkspaceError)
    case change(ChangeError)
    case nothingToUndo
    case nothingToRedo
    /// The command is not allowed in this context (for example `quit` answered "no").
    case refused(String)
    /// A query expression's error, its range moved to the command's text.
    case query(QueryError)
    /// A saved view's expression is wrong; the range is the `@view` in the command.
    case badView(name: String, QueryError, SourceRange)
    case noSuchView(String, suggestion: String?, SourceRange)
    case interrupted
    case undefinedVariable(String, suggestion: String?, SourceRange)
    /// `expect` found the two sides did not compare as required.
    case expectationFailed(message: String, SourceRange)
    /// `run` would run a script that is already running.
    case scriptCycle([String])

    /// The span the error is about, when it has one.
    public var range: SourceRange? {
        switch self {
        case .unterminatedString(let r), .unknownCommand(_, _, let r), .unexpected(_, _, _, let r),
             .missing(_, _, let r), .notANumber(_, _, let r), .noSuchLead(_, _, let r), .noSuchStage(_, _, let r),
             .unknownHelpTopic(_, _, let r):
            return r
        case .query(let error):
            return SourceRange(error.range.lowerBound, error.range.upperBound)
        case .badView(_, _, let r), .noSuchView(_, _, let r), .undefinedVariable(_, _, let r), .expectationFailed(_, let r):
            return r
        default:
            return nil
        }
    }
}
