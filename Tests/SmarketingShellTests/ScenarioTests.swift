import Testing
@testable import SmarketingKit
@testable import SmarketingShell

@Suite("Scenarios")
struct ScenarioTests {
    @Test("changes in a scenario leave main alone until apply, which is one undo step")
    func isolation() throws {
        let harness = try Harness()
        let original = harness.session.workspace
        harness.run("scenario new push")
        harness.run("move L-000001 to sal; rate mql->sal 80%; assign L-000005 to anna")
        #expect(harness.session.scenario == "push")
        #expect(harness.session.workspace.leads[id: "L-000001"]?.stage == "sal")
        #expect(!harness.session.isDirty, "main has no unsaved change while the scenario is open")
        harness.run("scenario switch main")
        #expect(harness.session.workspace == original)
        harness.run("scenario switch push")
        let diff = harness.run("scenario diff").out
        #expect(diff.contains("move 1 lead to sal"))
        #expect(diff.contains("mql                      1     0          -1") || diff.contains("-1"))
        #expect(harness.run("save").err.contains("in scenario push"))
        #expect(harness.run("scenario apply").out.contains("applied scenario push to main: 3 change(s), one undo step"))
        #expect(harness.session.scenario == nil)
        #expect(harness.session.workspace.leads[id: "L-000001"]?.stage == "sal")
        #expect(harness.session.workspace.rates["mql->sal"]?.doubleValue == 0.8)
        #expect(harness.session.isDirty)
        harness.run("undo")
        #expect(harness.session.workspace == original)
        #expect(harness.run("scenarios").out.contains("(none)"))
    }

    @Test("a change in a scenario after a save leaves main saved")
    func scenarioAfterSave() throws {
        let harness = try Harness(path: try Harness.smallCopy("scenario-save"))
        harness.run("tag L-000001 +c; save; scenario new s; rate mql->sal 20%")
        #expect(!harness.session.isDirty, "main was saved; only the scenario holds a change")
        harness.run("scenario switch main")
        #expect(!harness.session.isDirty)
        #expect(harness.session.unsavedCount == 0)
        #expect(recordValue(harness.run("info").out, "unsaved") == "none")
        harness.run("scenario switch s; scenario apply")
        #expect(harness.session.isDirty, "the applied scenario is main's unsaved change")
        #expect(harness.session.unsavedCount == 1)
    }

    @Test("scenarios are listed, switched and dropped; names are checked")
    func lifecycle() throws {
        let harness = try Harness()
        harness.run("scenario new a; scenario new b; scenario switch a")
        let list = harness.run("scenarios").out
        #expect(list.contains("a (open)") && list.contains("b"))
        #expect(harness.run("scenario new a").err.contains("already exists"))
        #expect(harness.run("scenario switch c").err.contains("no scenario c"))
        harness.run("scenario drop")
        #expect(harness.session.scenario == nil)
        harness.run("scenario drop b")
        #expect(harness.session.parkedScenarios.isEmpty)
    }

    @Test("the prompt shows the scenario")
    func prompt() throws {
        let harness = try Harness()
        harness.run("scenario new push")
        #expect(Repl(session: harness.session, reader: ScriptedReader([])).prompt == "anna@sales smk small:push> ")
    }

    @Test("whatif answers the worked example on the workspace")
    func whatifCommand() throws {
        let harness = try Harness(path: Harness.demoPath)
        let text = harness.run("whatif target 10000 deal 1000 rate lead->customer 2%").out
        #expect(text.contains("target 10,000 EUR at 1,000 EUR a customer: 10 customers"))
        let lead = try #require(text.split(separator: "\n").first { $0.hasPrefix("lead ") })
        #expect(lead.contains(" 500 ") && lead.contains("given lead->customer"))
        #expect(harness.run("whatif target 10k rate mql->lead 5%").err.contains("a step forward in the funnel"))
        #expect(harness.run("whatif target 10k rate lead->customer 0%").err.contains("above 0%"))
    }
}
