import SmarketingKit

/// Turns a `CommandResult` into text in the session's format.
public struct ResultRenderer {
    public var format: OutputFormat
    /// The terminal's width; nil means never cut (files, pipes).
    public var width: Int?
    /// Colour escapes for stage names; nil means no colour.
    public var stageColor: ((String) -> String?)?

    public init(format: OutputFormat, width: Int? = nil, stageColor: ((String) -> String?)? = nil) {
        self.format = format
        self.width = width
        self.stageColor = stageColor
    }

    /// The text for stdout and the text for stderr (confirmations in data formats).
    public func render(_ result: CommandResult) -> (out: String, err: String) {
        switch format {
        case .table: return (TableTextRenderer(width: width, stageColor: stageColor).render(result), "")
        case .markdown: return (MarkdownRenderer().render(result), "")
        case .json: return (JSONResultRenderer().render(result), messages(in: result))
        case .csv: return (CSVRenderer().render(result), messages(in: result))
        }
    }

    private func messages(in result: CommandResult) -> String {
        switch result {
        case .message(let text): text + "\n"
        case .many(let parts): parts.map(messages(in:)).joined()
        case .partial(let inner, _): messages(in: inner)
        default: ""
        }
    }
}
