import Testing
@testable import SmarketingShell

@Suite("Display width")
struct DisplayWidthTests {
    @Test("counts terminal columns, not bytes or characters", arguments: [
        ("Sofia Lindqvist", 15), ("Ștefan Popescu", 14), ("Göteborg", 8), ("สมชาย ใจดี", 9),
        ("กรุงเทพมหานคร", 12), ("東京", 4), ("🚚", 2), ("Giulia 🚚", 9), ("e\u{301}", 1), ("", 0), ("จำกัด", 4), ("บริษัท ทองคำ จำกัด", 15),
    ])
    func widths(text: String, width: Int) {
        #expect(DisplayWidth.of(text) == width)
    }

    @Test("ASCII text, control bytes and CR LF included, is as wide as the sum over its characters")
    func asciiFastPath() {
        let pieces = ["a", " ", "\r\n", "\t", "\u{7F}", "\u{1B}", "Z", "~", "\n", "\r", "0"]
        var state: UInt64 = 42
        for _ in 0..<500 {
            var text = ""
            for _ in 0..<12 {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                text += pieces[Int(state >> 33) % pieces.count]
            }
            #expect(DisplayWidth.of(text) == text.reduce(0) { $0 + DisplayWidth.of($1) }, "\(text.debugDescription)")
        }
        #expect(DisplayWidth.of("a\r\nb\u{7F}") == 2)
    }

    @Test("a Latin letter alone is as wide as its Unicode properties say")
    func latinLetters() {
        for value in UInt32(0x7F)..<0x300 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let zero: Set<Unicode.GeneralCategory> = [.nonspacingMark, .enclosingMark, .format, .control]
            let expected = scalar.properties.isEmojiPresentation ? 2 : zero.contains(scalar.properties.generalCategory) ? 0 : 1
            #expect(DisplayWidth.of(Character(scalar)) == expected, "U+\(String(value, radix: 16))")
        }
        #expect(DisplayWidth.of("Ștefan Țăranu") == 13 && DisplayWidth.of("o\u{308}") == 1)
    }

    @Test("truncates by columns and marks the cut")
    func truncates() {
        #expect(DisplayWidth.truncate("Transilvania Cargo SRL", to: 10) == "Transilva…")
        #expect(DisplayWidth.truncate("東京東京", to: 5) == "東京…")
        #expect(DisplayWidth.truncate("short", to: 10) == "short")
        #expect(DisplayWidth.of(DisplayWidth.truncate("สมชาย ใจดี ศรีสุข", to: 7)) <= 7)
    }
}
