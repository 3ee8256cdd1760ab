import CJSONRespace
import Testing
@testable import SmarketingKit

/// A compact file from another tool saves by respacing its leads' text (issue 18, item 4):
/// a C kernel with a vector path (AVX-512 or SSSE3, 64 bytes a block) and a byte path.
/// Every path this processor has must give the bytes `JSONWriter.compact` writes for the
/// same value, whatever the text's length (block edges, a short last block) and wherever
/// strings, escapes and whitespace fall.
@Suite("Respacing a foreign layout")
struct RespaceTests {
    /// `json` respaced by the path of `level` (or the best below it the processor has).
    static func respaced(_ json: [UInt8], level: Int) -> String {
        String(decoding: respacedBytes(json, level: level), as: UTF8.self)
    }

    static func respacedBytes(_ json: [UInt8], level: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 2 * json.count + 128)
        let written = json.withUnsafeBufferPointer { input in
            out.withUnsafeMutableBufferPointer { output in
                smk_respace_at(Int32(level), input.baseAddress, input.count, output.baseAddress)
            }
        }
        return Array(out[..<written])
    }

    /// The paths to compare: the byte path, and each vector path this processor has.
    static var levels: [Int] { Array(0...Int(smk_respace_level())) }

    /// A random value, and its text as another tool might write it: no spaces, or
    /// whitespace (spaces, tabs, newlines) anywhere between tokens.
    static func randomValue(_ g: inout SplitMix, depth: Int, spaced: Bool, into text: inout [UInt8]) -> JSONValue {
        func gap(_ g: inout SplitMix) {
            guard spaced else { return }
            for _ in 0..<Int.random(in: 0...2, using: &g) { text.append([0x20, 0x09, 0x0A, 0x0D].randomElement(using: &g) ?? 0x20) }
        }
        func word(_ g: inout SplitMix) -> String {
            // Escapes, punctuation and spaces inside strings, and runs long enough to
            // cross a 64-byte block.
            let pieces = ["a", "ș", ",", ":", "\"", "\\", "\\\"", "\n", " ", "{", "}", "[", "]", String(repeating: "x", count: 61), "\t"]
            return (0..<Int.random(in: 0...6, using: &g)).map { _ in pieces.randomElement(using: &g) ?? "" }.joined()
        }
        func string(_ s: String) {
            var w = JSONWriter()
            w.string(s)
            text.append(contentsOf: w.bytes)
        }
        gap(&g)
        let kind = depth > 3 ? Int.random(in: 0...2, using: &g) : Int.random(in: 0...4, using: &g)
        let value: JSONValue
        switch kind {
        case 0:
            let number = ["0", "-12", "3.25", "1e9", "955000"].randomElement(using: &g) ?? "0"
            text.append(contentsOf: number.utf8)
            value = .number(number)
        case 1:
            let s = word(&g)
            string(s)
            value = .string(s)
        case 2:
            let literal: JSONValue = [.null, .bool(true), .bool(false)].randomElement(using: &g) ?? .null
            text.append(contentsOf: literal.compactText.utf8)
            value = literal
        case 3:
            text.append(UInt8(ascii: "["))
            var elements: [JSONValue] = []
            for i in 0..<Int.random(in: 0...5, using: &g) {
                if i > 0 { gap(&g); text.append(UInt8(ascii: ",")) }
                elements.append(randomValue(&g, depth: depth + 1, spaced: spaced, into: &text))
            }
            gap(&g)
            text.append(UInt8(ascii: "]"))
            value = .array(elements)
        default:
            text.append(UInt8(ascii: "{"))
            var object = JSONObject()
            for i in 0..<Int.random(in: 0...5, using: &g) {
                if i > 0 { gap(&g); text.append(UInt8(ascii: ",")) }
                gap(&g)
                let key = word(&g) + "\(i)"
                string(key)
                gap(&g)
                text.append(UInt8(ascii: ":"))
                object.members.append(JSONMember(key, randomValue(&g, depth: depth + 1, spaced: spaced, into: &text)))
            }
            gap(&g)
            text.append(UInt8(ascii: "}"))
            value = .object(object)
        }
        gap(&g)
        return value
    }

    @Test("every path writes what compact writes, for random texts of every length", arguments: [false, true])
    func randomTexts(spaced: Bool) {
        var g = SplitMix(seed: spaced ? 23 : 18)
        var lengths = Set<Int>()
        for _ in 0..<3_000 {
            var text: [UInt8] = []
            let value = Self.randomValue(&g, depth: 0, spaced: spaced, into: &text)
            lengths.insert(text.count)
            let expected = value.compactText
            for level in Self.levels {
                let got = Self.respaced(text, level: level)
                #expect(got == expected, "level \(level): \(String(decoding: text, as: UTF8.self))")
                if got != expected { return }
            }
        }
        // Short and long texts, ending anywhere in a block.
        #expect(lengths.contains { $0 < 64 } && lengths.contains { $0 > 300 })
        #expect(Set(lengths.map { $0 % 64 }).count == 64)
    }

    @Test("a quote escaped across a block edge, and a backslash ending a block, are strings' bytes")
    func escapesAtBlockEdges() {
        for pad in 50...80 {
            // `{"k":"xxx…\",:","n":[1,2]}` with the escape landing on each side of byte 64.
            let inner = String(repeating: "x", count: pad)
            let text = Array(#"{"k":"\#(inner)\",:\\","n":[1,2]}"#.utf8)
            let expected = #"{"k": "\#(inner)\",:\\", "n": [1, 2]}"#
            for level in Self.levels {
                #expect(Self.respaced(text, level: level) == expected, "level \(level), pad \(pad)")
            }
        }
    }

    @Test("a lead's compact text gains a space after each `,` and `:` outside strings only")
    func leadText() {
        let text = Array(#"{"id":"L-1","note":"call: 2, then: 3","tags":["a","b"],"fit":50,"x":{"y":null}}"#.utf8)
        let expected = #"{"id": "L-1", "note": "call: 2, then: 3", "tags": ["a", "b"], "fit": 50, "x": {"y": null}}"#
        for level in Self.levels {
            #expect(Self.respaced(text, level: level) == expected)
        }
        var writer = JSONWriter()
        text.withUnsafeBufferPointer { writer.appendRespaced($0) }
        #expect(String(decoding: writer.bytes, as: UTF8.self) == expected)
    }
}
