#if canImport(Glibc)
import Foundation
import Glibc
import Testing
@testable import SmarketingShell

/// A Thai row drawn a column off after the name was reported under tmux. smk's width is
/// checked here against the C library's `wcswidth`, which tmux 3.3 (its cursor lands where
/// wcswidth says on every Thai text of the demo), xterm and VTE agree with: the marks
/// U+0E31, U+0E34–U+0E3A and U+0E47–U+0E4E take no column, SARA AM (U+0E33) one.
@Suite("Thai display width against wcswidth")
struct ThaiWidthTests {
    /// glibc's width of `text` in a UTF-8 locale; nil when that locale is missing.
    static func wcswidth(_ text: String) -> Int? {
        // Not in Glibc's Swift module (it needs _XOPEN_SOURCE): looked up by name.
        typealias Function = @convention(c) (UnsafePointer<wchar_t>?, Int) -> Int32
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "wcswidth") else { return nil }
        let function = unsafeBitCast(symbol, to: Function.self)
        let previous = setlocale(LC_CTYPE, nil).map { String(cString: $0) }
        guard setlocale(LC_CTYPE, "C.UTF-8") != nil else { return nil }
        defer { if let previous { setlocale(LC_CTYPE, previous) } }
        let wide = text.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
        return Int(wide.withUnsafeBufferPointer { function($0.baseAddress, wide.count) })
    }

    @Test("every Thai letter, vowel and mark after ก is as wide as wcswidth says")
    func block() throws {
        for value in UInt32(0x0E01)...0x0E5B {
            guard let scalar = Unicode.Scalar(value), scalar.properties.generalCategory != .unassigned else { continue }
            let text = "ก" + String(scalar)
            guard let expected = Self.wcswidth(text) else { return }
            #expect(DisplayWidth.of(text) == expected, "U+\(String(value, radix: 16, uppercase: true))")
        }
        #expect(Self.wcswidth("ก\u{0E33}") == 2 && Self.wcswidth("ก\u{0E31}") == 1)
    }

    @Test("every Thai text of the demo (names, companies, cities, notes) is as wide as wcswidth says")
    func demo() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Harness.demoPath))
        var texts: Set<String> = []
        func walk(_ value: Any) {
            if let text = value as? String, text.unicodeScalars.contains(where: { (0x0E00...0x0E7F).contains($0.value) }) {
                texts.insert(text)
            } else if let object = value as? [String: Any] {
                object.values.forEach(walk)
            } else if let array = value as? [Any] {
                array.forEach(walk)
            }
        }
        walk(try JSONSerialization.jsonObject(with: data))
        #expect(texts.count > 50)
        for text in texts {
            guard let expected = Self.wcswidth(text), expected >= 0 else { continue }
            #expect(DisplayWidth.of(text) == expected, "\(text)")
        }
    }
}
#endif
