import Foundation

/// A file that receives results after `output FILE`.
public final class FileSink: TextSink {
    public let path: String
    private let handle: FileHandle

    /// Creates or empties `path`.
    public init(path: String) throws(ShellError) {
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw .refused("cannot write to \(path): \(String(cString: strerror(errno)))")
        }
        self.path = path
        self.handle = handle
    }

    public func write(_ text: String) {
        handle.write(Data(text.utf8))
    }

    public func close() {
        try? handle.close()
    }
}
