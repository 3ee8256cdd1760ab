/// How results are written: `format table|json|csv|markdown` and `--format`.
public enum OutputFormat: String, Sendable, CaseIterable {
    case table, json, csv, markdown

    /// Data formats keep stdout machine-readable: confirmations go to stderr instead.
    public var isData: Bool { self == .json || self == .csv }
}
