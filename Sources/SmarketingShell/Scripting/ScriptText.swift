import SmarketingKit

/// A script file's bytes as text: UTF-8, or an error that says where it is not (a
/// Latin-1 `é` silently turned into U+FFFD would make a query quietly match nothing).
public enum ScriptText {
    public static func decode(_ bytes: [UInt8], file: String) throws(ShellError) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        var line = 1, column = 1, i = 0
        while i < bytes.count {
            let length = bytes[i] < 0x80 ? 1 : bytes[i] >= 0xF0 ? 4 : bytes[i] >= 0xE0 ? 3 : bytes[i] >= 0xC0 ? 2 : 0
            if length == 0 || i + length > bytes.count || String(validating: bytes[i..<(i + length)], as: UTF8.self) == nil { break }
            if bytes[i] == 0x0A { line += 1; column = 1 } else { column += 1 }
            i += length
        }
        throw .refused("\(file):\(line):\(column): invalid UTF-8 (byte 0x\(String(bytes[min(i, bytes.count - 1)], radix: 16, uppercase: true))); save the script as UTF-8")
    }
}
