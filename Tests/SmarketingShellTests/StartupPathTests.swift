import Foundation
import Testing
@testable import SmarketingKit
@testable import SmarketingShell

/// What start-up now does by hand instead of through Foundation (issue 18, item 6) must
/// give what Foundation gave.
@Suite("Start-up without Foundation")
struct StartupPathTests {
    @Test("trimming a command's blanks equals trimmingCharacters(in: .whitespaces), Unicode spaces included",
          arguments: ["", " ", "\t info \t", "info", "  set x = 1", "note L1 \"a b\"  ", "\u{00A0}count\u{3000}",
                      "\u{2003}\u{200B}find x\u{200B}", "count\n", "\nleads ", " \u{0301}e ", "é ", "\u{FEFF}x\u{FEFF}"])
    func trimming(text: String) {
        #expect(Interpreter.trimmingBlanks(text) == text.trimmingCharacters(in: .whitespaces))
    }

    @Test("trimming agrees with Foundation on 2,000 random strings of spaces, tabs, newlines and letters")
    func trimmingRandom() {
        var generator = SystemRandomNumberGenerator()
        let pieces: [String] = [" ", "\t", "\n", "\r", "a", "ß", "\u{00A0}", "\u{2009}", "\u{3000}", "\u{0301}", "😀", "\u{200B}", "\u{85}"]
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...8, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
            #expect(Interpreter.trimmingBlanks(text) == text.trimmingCharacters(in: .whitespaces), "\(Array(text.unicodeScalars))")
        }
    }

    @Test("a path splits into the folder and the name that name it again", arguments: [
        ("ws.json", ".", "ws.json"), ("/ws.json", "", "ws.json"), ("a/b/ws.json", "a/b", "ws.json"),
        ("/tmp/x y/ws.json", "/tmp/x y", "ws.json"),
    ])
    func split(path: String, folder: String, name: String) {
        let parts = AtomicFile.splitPath(path)
        #expect(parts.folder == folder && parts.name == name)
    }

    @Test("a pending copy's name is the one the URL-built name was, whatever folder the home is in")
    func pendingCopyName() {
        for home in ["/tmp/a/ws.json", "/ws.json", "/tmp/x y/ws.json"] {
            let url = URL(fileURLWithPath: home)
            let before = url.deletingLastPathComponent().path + "/." + url.lastPathComponent + ".smk-copy-42"
            let now = AtomicFile.pendingCopyName(home: home, inode: 42)
            // The same file: a leading "//" names the root on Linux as "/" does.
            let same = before.hasPrefix("//") ? String(before.dropFirst()) : before
            #expect(now == same)
        }
    }
}
