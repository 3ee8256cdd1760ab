/// Where the session writes text: stdout and stderr in the executable, strings in tests.
public protocol TextSink: AnyObject {
    func write(_ text: String)
}

/// A sink that keeps everything written to it, for tests and for capturing output.
public final class StringSink: TextSink {
    public private(set) var text = ""

    public init() {}

    public func write(_ text: String) {
        self.text += text
    }

    public func take() -> String {
        defer { text = "" }
        return text
    }
}
