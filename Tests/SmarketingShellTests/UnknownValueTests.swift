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

    @Test("a custom field no lead has warns, naming the nearest fields that exist")
    func unknownCustomField() throws {
        let harness = try Harness(path: Harness.demoPath)
        let typo = harness.run("count where fields.erpp = 'SAP'", file: "q.smk")
        #expect(typo.out == "0\n")
        #expect(typo.err == "q.smk:1:13: warning: no lead has fields.erpp; did you mean 'fields.erp'?\n")
        #expect(harness.run("count where fields.ERP = 'SAP'").err.contains("no lead has fields.ERP; did you mean 'fields.erp'?"),
                "custom fields are matched with their case")
        #expect(harness.run("count where fields.zzz > 3").err
            == "warning: no lead has fields.zzz (the nearest there are: 'fields.erp', 'fields.fleetSize')\n")
        #expect(harness.run("count where fields.erp = 'SAP' or fields.fleetSize > 10").err == "")
        #expect(harness.run("leads where fields.erp is none limit 1").err == "", "a field some lead holds is no typo")
        let bare = try Harness()
        try bare.session.workspace.leads = LeadStore([Lead(id: "L-1", stage: "lead")])
        #expect(bare.run("count where fields.erp = x").err.contains("no lead has fields.erp (the leads have no custom fields)"))
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
