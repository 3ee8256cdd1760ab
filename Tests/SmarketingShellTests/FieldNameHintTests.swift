import Foundation
import Testing
@testable import SmarketingKit
@testable import SmarketingShell

/// A field named after `by`, `sort` or `cols` gets the same warning as one in `where`
/// when no lead holds it, and an imported custom field named without `fields.` is
/// suggested with it.
@Suite("field name hints")
struct FieldNameHintTests {
    @Test("count by fields.nope warns as count where fields.nope = 5 does")
    func byWarns() throws {
        let harness = try Harness(path: Harness.demoPath)
        let grouped = harness.run("count by fields.nope")
        #expect(grouped.err.contains("warning: no lead has fields.nope"), "\(grouped.err)")
        #expect(harness.run("leads sort fields.nope limit 1").err.contains("warning: no lead has fields.nope"))
        #expect(harness.run("count by fields.erp").err.isEmpty, "a field some lead holds: no warning")
    }

    @Test("a custom field named without fields. is suggested with it, and a typo of it too")
    func customSuggested() throws {
        let folder = NSTemporaryDirectory() + "smk-hint-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let csv = folder + "/x.csv"
        try "email,What is your occupation\na@x.io,Student\nb@x.io,Unemployed\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let harness = EmptyHarness()
        harness.run("import \"\(csv)\" map \"What is your occupation\" to fields.occupation")
        #expect(harness.run("count where occupation = Student").err.contains("no field 'occupation' — did you mean 'fields.occupation'?"))
        #expect(harness.run("count by occupaton").err.contains("did you mean 'fields.occupation'?"))
        #expect(harness.run("count where fields.occupation = Student").out.hasPrefix("1\n"))
    }
}
