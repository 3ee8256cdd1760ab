import Foundation
import Testing
@testable import SmarketingKit
@testable import SmarketingShell

/// Counts in messages, titles and footers group thousands as the table cells do
/// (`9,237 rows`), and a custom field's number in `show` reads as the file has it (a lead
/// number is an id, not an amount).
@Suite("counts in prose")
struct CountsInProseTests {
    /// 1,001 lost leads, two rows per email (so 1,001 groups of duplicates), in a CSV.
    static func file() throws -> (folder: String, csv: String) {
        let folder = NSTemporaryDirectory() + "smk-thousands-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var text = "email,name,stage,leadNumber\n"
        for n in 0..<1001 {
            text += "p\(n)@x.io,Person \(n),lost,\(660_000 + n)\n"
            text += "P\(n)@x.io,Person \(n),lost,\(770_000 + n)\n"
        }
        let csv = folder + "/many.csv"
        try text.write(toFile: csv, atomically: true, encoding: .utf8)
        return (folder, csv)
    }

    @Test("import, funnel, save, export, changes, dupes and timer group thousands; show prints a custom number as in the file")
    func grouped() throws {
        let (folder, csv) = try Self.file()
        let harness = EmptyHarness()
        let planned = harness.run("import \"\(csv)\" dry-run").out
        #expect(planned.contains("many.csv: 2,002 rows, 4 columns"), "\(planned)")
        #expect(planned.contains("5 of 2,002"))
        #expect(planned.contains("2,002 rows read: 2,002 to add, 0 to update, 0 skipped"))
        #expect(harness.run("import \"\(csv)\"").out.contains("2,002 rows read: 2,002 added"))
        #expect(harness.run("changes").out.contains("2,002 added"))
        #expect(harness.run("funnel").out.contains("outside the funnel: nurture 0, lost 2,002"))
        #expect(harness.run("export to \"\(folder)/out.csv\"").out.hasPrefix("exported 2,002 leads"))
        #expect(harness.run("save \"\(folder)/ws.json\"").out.contains("(2,002 leads)"))
        harness.session.terminalWidth = { 60 }
        let dupes = harness.run("dupes").out
        #expect(dupes.contains("1,001 groups"), "\(dupes.suffix(300))")
        #expect(dupes.contains("\n1,001 L-002001") && !dupes.contains("1001 L-"), "the narrow layout numbers groups as its footer does")
        let id = try #require(harness.session.workspace.leads.ids.first)
        let shown = harness.run("show \(id)").out
        #expect(shown.contains("660000") && !shown.contains("660,000"), "\(shown)")
    }

    @Test("timer on times the commands after it, not itself; timer off is not timed either")
    func timer() throws {
        let harness = EmptyHarness()
        #expect(!harness.run("timer on").err.contains("time:"))
        #expect(harness.run("count").err.contains("time: "))
        #expect(!harness.run("timer off").err.contains("time:"), "off: no line either")
        #expect(harness.run("count").err.isEmpty)
    }
}
