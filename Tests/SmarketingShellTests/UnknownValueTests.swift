import Testing
@testable import SmarketingKit
@testable import SmarketingShell

/// A mistyped value warns instead of answering a silent 0 (issue 13, item 2).
@Suite("Unknown values")
struct UnknownValueTests {
    @Test("a value no lead has, in a field of few values, warns with the nearest one")
    func typo() throws {
        let harness = try Harness(path: Harness.demoPath)
        let result = harness.run("count where source = webnar")
        #expect(result.out == "0\n")
        #expect(result.err == "warning: no lead has source 'webnar'; did you mean 'webinar'?\n")
        #expect(result.outcome.failures == 0)
    }

    @Test("values that some lead has, in any case, and other fields, do not warn",
          arguments: ["count where source = webinar", "count where source = 'WEBINAR'", "count where country in ('SE', 'ro')",
                      "count where tags = dmu", "count where name = 'Nobody At All'", "count where source != webinar",
                      "leads where source ~ web limit 1"])
    func noWarning(command: String) throws {
        let harness = try Harness(path: Harness.demoPath)
        #expect(harness.run(command).err == "")
    }

    @Test("in, != and tags are checked too; a value far from all is answered with some that exist")
    func otherForms() throws {
        let harness = try Harness(path: Harness.demoPath)
        #expect(harness.run("count where country in ('SE', 'SW')").err.contains("no lead has country 'SW'; did you mean 'SE'?"))
        #expect(harness.run("count where tags != dmuu").err.contains("no lead has tags 'dmuu'; did you mean 'dmu'?"))
        #expect(harness.run("count where source = qqqqqqqqqqq").err.contains("no lead has source 'qqqqqqqqqqq' (it has 'cold-outreach'"))
    }

    @Test("in a script the warning names file:line:col, and the script goes on")
    func scriptPlace() throws {
        let harness = try Harness(path: Harness.demoPath)
        let result = harness.run("echo start\ncount where source = webnar\necho end", file: "weekly.smk")
        #expect(result.err == "weekly.smk:2:22: warning: no lead has source 'webnar'; did you mean 'webinar'?\n")
        #expect(result.out.contains("end"))
        #expect(result.outcome.failures == 0)
    }

    @Test("with strict on a warning fails the command and bail stops the script there")
    func strict() throws {
        let harness = try Harness(path: Harness.demoPath)
        let result = harness.run("strict on\ncount where source = webnar\necho end", file: "weekly.smk")
        #expect(result.err.contains("weekly.smk:2:22: warning: no lead has source 'webnar'"))
        #expect(!result.out.contains("end"))
        #expect(result.outcome.failures == 1 && result.outcome.stopped)
    }

    @Test("a view's mistyped value is reported at the @view")
    func view() throws {
        let harness = try Harness(path: Harness.demoPath)
        harness.run("view typo = \"source = webnar\"")
        #expect(harness.run("count @typo", file: "w.smk").err == "w.smk:1:7: warning: no lead has source 'webnar'; did you mean 'webinar'?\n")
    }
}
