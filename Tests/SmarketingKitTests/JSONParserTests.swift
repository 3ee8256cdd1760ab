import Testing
@testable import SmarketingKit

@Suite("JSON parser")
struct JSONParserTests {
    @Test("keeps key order and number text")
    func keepsOrderAndNumbers() throws {
        let value = try JSONParser.parse(#"{"b": 1.50, "a": [1e3, -0.0, 2], "c": {"z": null, "y": true}}"#)
        guard case .object(let object) = value else { Issue.record("not an object"); return }
        #expect(object.keys == ["b", "a", "c"])
        #expect(object["b"] == .number("1.50"))
        #expect(value.compactText == #"{"b": 1.50, "a": [1e3, -0.0, 2], "c": {"z": null, "y": true}}"#)
    }

    @Test("decodes escapes and surrogate pairs")
    func escapes() throws {
        let value = try JSONParser.parse(#"["a\"b\\c\/d\n\t\u00e9\ud83d\ude9a"]"#)
        #expect(value == .array([.string("a\"b\\c/d\n\té🚚")]))
    }

    @Test("writes strings back with the escapes JSON needs and UTF-8 as is")
    func writesStrings() throws {
        let original = JSONValue.string("Ștefan \"Ș\" \\ \n สมชาย \u{01}")
        let text = original.compactText
        #expect(text == #""Ștefan \"Ș\" \\ \n สมชาย \u0001""#)
        #expect(try JSONParser.parse(text) == original)
    }

    @Test("names line and column of a fault", arguments: [
        ("{\n  \"a\": 1,\n  \"b\" 2\n}", 3, 7, "expected ':'"),
        ("{\"a\": [1, 2,]}", 1, 13, "expected a value"),
        ("{\"a\": tru}", 1, 7, "expected a value"),
        ("[1, 2", 1, 6, "unexpected end of file"),
        ("{\"a\": \"open}", 1, 7, "unterminated string"),
        ("{} x", 1, 4, "after the end of the document"),
        ("", 1, 1, "expected a value"),
        ("{\"a\": 01}", 1, 8, "expected ',' or '}'"),
        ("{\"a\": \"x\u{01}\"}", 1, 9, "control character"),
        ("{\"é\": 1 2}", 1, 9, "expected ',' or '}'"),
    ])
    func faultPosition(text: String, line: Int, column: Int, message: String) {
        #expect {
            _ = try JSONParser.parse(text)
        } throws: { error in
            guard let error = error as? JSONSyntaxError else { return false }
            return error.position == TextPosition(line: line, column: column) && error.message.contains(message)
        }
    }

    @Test("refuses invalid UTF-8 and says where")
    func invalidUTF8() {
        let bytes: [UInt8] = Array(#"{"name": "ok"#.utf8) + [0xFF, 0xFE] + Array(#""}"#.utf8)
        #expect {
            _ = try JSONParser.parse(bytes)
        } throws: { error in
            (error as? JSONSyntaxError)?.position == TextPosition(line: 1, column: 13)
        }
    }

    @Test("refuses nesting deeper than the limit instead of overflowing the stack")
    func deepNesting() {
        let text = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONSyntaxError.self) { _ = try JSONParser.parse(text) }
    }
}
