import SmarketingKit

/// `scenario new|switch|diff|apply|drop`: try changes on a copy of the workspace.
public enum ScenarioCommand: ShellCommand {
    public static let name = "scenario"
    public static let group = CommandGroup.whatIf
    public static let summary = "try changes on a copy: new, switch, diff, apply (into main), save (in the file), drop"
    public static let usage = "scenario new NAME | scenario switch NAME|main | scenario diff | scenario apply | scenario save [NAME] | scenario drop [NAME]"
    public static let details = """
        scenario new forks the workspace (cheaply: nothing is copied until changed) and
        opens the fork; the prompt shows its name. Every change made there — moves, rate
        assumptions, edits — stays there. diff shows the changes and the funnel and
        forecast before and after; apply brings them into main as one undoable step;
        drop forgets the scenario. save refuses in a scenario (save FILE writes a copy).
        scenario save keeps the scenario's changes in the workspace (a change to main, so
        save writes it to the file); scenario switch NAME reopens it in a later session.
        quit asks first while a scenario holds changes neither applied nor saved.
        """
    public static let examples = [
        "scenario new push; rate mql->sal 70%; scenario diff; scenario switch main; scenario drop push",
        "scenario new try; as anna; assign @unassigned to anna; scenario apply; undo",
    ]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        let action = try arguments.text("new, switch, diff, apply or drop")
        switch action.text.lowercased() {
        case "new":
            let name = try arguments.text("a name for the scenario")
            try arguments.finish()
            try session.forkScenario(name.text)
            return .message("scenario \(name.text): changes stay here until scenario apply (scenario switch main to leave)")
        case "switch":
            let name = try arguments.text("a scenario name, or main")
            try arguments.finish()
            let isKnown = session.scenario == name.text || session.parkedScenarios.contains { $0.name == name.text }
            if name.text.lowercased() != "main", !isKnown, let saved = try SavedScenarios.entry(named: name.text, in: session.mainWorkspace) {
                return try reopen(saved, in: session)
            }
            try session.switchScenario(to: name.text.lowercased() == "main" ? nil : name.text)
            return .message("now in \(session.scenario.map { "scenario " + $0 } ?? "main")")
        case "diff":
            try arguments.finish()
            guard let scenario = session.currentScenario else { throw .refused("not in a scenario (scenario new NAME starts one)") }
            return try diff(scenario, in: session)
        case "apply":
            try arguments.finish()
            guard let scenario = session.currentScenario else { throw .refused("not in a scenario (scenario new NAME starts one)") }
            let changes = scenario.done.map(\.change)
            if let agreed = session.agreementInScenario(changes) {
                throw .refused("scenario \(scenario.name) changes an agreement (\(agreed)); in main that is a proposal the other team approves: make it there")
            }
            try session.switchScenario(to: nil)
            if !changes.isEmpty {
                do {
                    try session.apply(.group(changes), summary: "scenario \(scenario.name) (\(changes.count) change\(changes.count == 1 ? "" : "s"))")
                } catch {
                    try session.switchScenario(to: scenario.name)
                    throw error
                }
            }
            try session.dropScenario(scenario.name)
            return .message("applied scenario \(scenario.name) to main: \(changes.count) change(s), one undo step")
        case "save":
            let name = arguments.isAtEnd ? session.scenario : try arguments.text("a scenario name").text
            try arguments.finish()
            guard let name else { throw .refused("not in a scenario: name the one to save (scenario save NAME)") }
            return try keep(name, in: session)
        case "drop":
            let name = arguments.isAtEnd ? session.scenario : try arguments.text("a scenario name").text
            try arguments.finish()
            guard let name else { throw .refused("not in a scenario: name the one to drop") }
            try session.dropScenario(name)
            return .message("dropped scenario \(name)")
        default:
            throw arguments.unexpected(action, expected: "new, switch, diff, apply, save or drop")
        }
    }

    /// Keeps scenario `name` in main's workspace (one undoable change to main), so that
    /// `save` writes it to the file and `scenario switch NAME` reopens it another day.
    static func keep(_ name: String, in session: Session) throws(ShellError) -> CommandResult {
        let scenario: Scenario
        if let current = session.currentScenario, current.name == name {
            scenario = current
        } else if let parked = session.parkedScenarios.first(where: { $0.name == name }) {
            scenario = parked
        } else {
            throw .refused("no scenario \(name)" + (Suggestion.nearest(to: name, in: session.parkedScenarios.map(\.name)).map { " — did you mean '\($0)'?" } ?? ""))
        }
        let opened = session.scenario
        try session.switchScenario(to: nil)
        defer { try? session.switchScenario(to: opened) }
        let value = SavedScenarios.keeping(scenario, by: session.actor, at: session.now, in: session.workspace)
        try session.apply(.setExtra(key: SavedScenarios.key, value: value), summary: "scenario save \(name)")
        let count = "\(scenario.done.count) change\(scenario.done.count == 1 ? "" : "s")"
        let next = opened == nil ? "save writes it to the file" : "scenario switch main and save write it to the file"
        return .message("kept scenario \(name) (\(count)) in the workspace: \(next); scenario switch \(name) reopens it")
    }

    /// Opens a scenario saved in the workspace: a fork of main with its changes applied again.
    static func reopen(_ saved: SavedScenarios.Entry, in session: Session) throws(ShellError) -> CommandResult {
        try session.switchScenario(to: nil)
        try session.forkScenario(saved.name)
        for (summary, change) in saved.changes {
            do { try session.apply(change, summary: summary) } catch {
                try? session.switchScenario(to: nil)
                try? session.dropScenario(saved.name)
                throw error
            }
        }
        return .message("reopened saved scenario \(saved.name): \(saved.changes.count) change(s) applied again")
    }

    /// A forecast as shown: to one decimal.
    static func round1(_ x: Double) -> Double { (x * 10).rounded() / 10 }

    /// The difference between two forecasts as the table shows them: of the rounded
    /// figures, so 37.5 → 39.9 reads +2.4 (the unrounded 37.46 → 39.94 would say 2.5).
    static func shownDifference(from before: Double, to after: Double) -> Double {
        round1(round1(after) - round1(before))
    }

    static func diff(_ scenario: Scenario, in session: Session) throws(ShellError) -> CommandResult {
        let changes = Table(title: "changes in \(scenario.name)", columns: ["#", "by", "what", "leads"],
                            rows: scenario.done.enumerated().map { [.number(Double($0 + 1)), .text($1.by), .text($1.summary), .number(Double($1.change.leadCount))] })
        let before = try FunnelCommand.analysis(of: Array(0..<scenario.base.leads.count), in: scenario.base, session: session)
        let after = try FunnelCommand.analysis(of: Array(0..<scenario.workspace.leads.count), in: scenario.workspace, session: session)
        var rows: [[TableValue]] = zip(before.stages, after.stages).map { b, a in
            [.text(b.stage), .number(Double(b.now)), .number(Double(a.now)), .number(Double(a.now - b.now))]
        }
        let forecastBefore = WhatIf.expectedCustomers(before, overrides: RateCommand.assumed(in: scenario.base))
        // Both forecasts use main's measured rates, so the difference is the pipeline's and
        // the scenario's assumptions, not rates re-measured on the changed leads.
        let forecastAfter = WhatIf.expectedCustomers(before, overrides: RateCommand.assumed(in: scenario.workspace),
                                                     now: after.stages.map(\.now))
        rows.append([.text("new customers expected"), .number(round1(forecastBefore)), .number(round1(forecastAfter)),
                     .number(shownDifference(from: forecastBefore, to: forecastAfter))])
        let funnel = Table(title: "funnel and forecast", columns: ["stage", "main", scenario.name, "difference"], rows: rows, stageColumns: [0])
        return .many([.table(changes), .table(funnel)])
    }
}
