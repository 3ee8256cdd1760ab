import Foundation
import Testing
@testable import SmarketingKit
@testable import SmarketingShell

/// The same questions asked of smk and of jq on the demo must get the same answers.
///
/// The demo has scoring rules, so smk derives fit and interest; the generator stores
/// what the rules give at the demo's clock (2026-11-24T00:00:00Z), computed in Python.
/// Run at that clock, jq on the stored values also checks smk's rule arithmetic.
@Suite("Answers cross-checked with jq on the demo")
struct CrossCheckTests {
    static let demoClock = "let now = 2026-11-24T00:00:00Z; "
    static let score = "(0.5 * (.fit // 0) + 0.5 * (.interest // 0))"
    static let salOrLater = #"["sal","sql","opportunity","customer"]"#

    static let counts: [(smk: String, jq: String)] = [
        ("count where stage = mql and score >= 60", "[.leads[] | select(.stage == \"mql\" and \(score) >= 60)] | length"),
        ("count where stage >= sal and owner is none", "[.leads[] | select((.stage | IN(\(salOrLater)[])) and .owner == null)] | length"),
        ("count where created >= 2026-11-01", "[.leads[] | select(.created >= \"2026-11-01\")] | length"),
        ("count where country in ('SE', 'NL') and fit between 40 and 70", "[.leads[] | select((.country == \"SE\" or .country == \"NL\") and .fit >= 40 and .fit <= 70)] | length"),
        ("count where tags = dmu", "[.leads[] | select(.tags | index(\"dmu\"))] | length"),
        ("count where fields.erp = 'SAP'", "[.leads[] | select(.fields.erp == \"SAP\")] | length"),
        ("count where attempts >= 2", "[.leads[] | select([.activities[] | select(.type | IN(\"call\",\"email\",\"meeting\"))] | length >= 2)] | length"),
        ("count where value > 20k or stage = lost", "[.leads[] | select((.value // 0) > 20000 or .stage == \"lost\")] | length"),
    ]

    static func jq(_ filter: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["jq", "-c", filter, Harness.demoPath]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("counts agree", arguments: counts.map { "\($0.smk) ⟂ \($0.jq)" })
    func countsAgree(pair: String) throws {
        let parts = pair.components(separatedBy: " ⟂ ")
        let harness = try Harness(path: Harness.demoPath)
        let ours = harness.run(Self.demoClock + parts[0])
        #expect(ours.err.isEmpty)
        let theirs = try Self.jq(parts[1])
        #expect(ours.out.trimmingCharacters(in: .whitespacesAndNewlines) == theirs)
        #expect(Int(theirs).map { $0 > 0 } == true, "a cross-check on zero leads proves little")
    }

    @Test("count by source agrees")
    func countBySource() throws {
        let harness = try Harness(path: Harness.demoPath)
        let ours = try JSONParser.parse(harness.run("format json; count by source").out)
        guard case .array(let rows) = ours else { Issue.record("not an array"); return }
        var mine: [String: Int] = [:]
        for case .object(let row) in rows {
            mine[row["source"]?.stringValue ?? "?"] = row["count"]?.doubleValue.map { Int($0) }
        }
        let theirs = try Self.jq(".leads | group_by(.source) | map({(.[0].source): length}) | add")
        guard case .object(let object) = try JSONParser.parse(theirs) else { Issue.record("jq gave no object"); return }
        var expected: [String: Int] = [:]
        for member in object.members { expected[member.key] = member.value.doubleValue.map { Int($0) } }
        #expect(mine == expected)
    }

    @Test("the top 20 Swedish leads by score agree, ties in file order")
    func topSwedes() throws {
        let harness = try Harness(path: Harness.demoPath)
        let ours = harness.run(Self.demoClock + "format csv; leads where country = 'SE' sort score desc limit 20 cols id").out
            .split(separator: "\r\n").dropFirst().map(String.init)
        let theirs = try Self.jq("[.leads[] | select(.country == \"SE\")] | sort_by(-\(Self.score)) | .[0:20] | map(.id) | join(\",\")")
        #expect(ours.joined(separator: ",") == theirs.trimmingCharacters(in: CharacterSet(charactersIn: "\"")))
        #expect(ours.count == 20)
    }
}
