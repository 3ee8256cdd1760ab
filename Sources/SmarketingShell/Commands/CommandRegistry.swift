import SmarketingKit

/// Every command, in one explicit list. Dispatch, `help` and completion all read it, so
/// they cannot drift apart; a test fails if a command file is missing from it.
public enum CommandRegistry {
    public static let all: [any ShellCommand.Type] = [
        LeadsCommand.self,
        ShowCommand.self,
        CountCommand.self,
        ReportCommand.self,
        LoopCommand.self,
        FindCommand.self,
        ExportCommand.self,
        ViewCommand.self,
        ViewsCommand.self,
        MoveCommand.self,
        AssignCommand.self,
        NoteCommand.self,
        LogCommand.self,
        FeedbackCommand.self,
        RecycleCommand.self,
        RejectCommand.self,
        LoseCommand.self,
        TagCommand.self,
        SetCommand.self,
        AddCommand.self,
        ImportCommand.self,
        DupesCommand.self,
        MergeCommand.self,
        StageCommand.self,
        ActivityCommand.self,
        TeamCommand.self,
        PersonaCommand.self,
        PersonasCommand.self,
        DefineCommand.self,
        UndefineCommand.self,
        GlossaryCommand.self,
        ProposalsCommand.self,
        ApproveCommand.self,
        DeclineCommand.self,
        ExplainCommand.self,
        ScoreCommand.self,
        SlaCommand.self,
        QuadrantCommand.self,
        FunnelCommand.self,
        RatesCommand.self,
        WhatIfCommand.self,
        RateCommand.self,
        ScenarioCommand.self,
        ScenariosCommand.self,
        InfoCommand.self,
        WhoamiCommand.self,
        WhoCommand.self,
        AsCommand.self,
        ChangesCommand.self,
        AuditCommand.self,
        ClearCommand.self,
        SaveCommand.self,
        OpenCommand.self,
        UndoCommand.self,
        RedoCommand.self,
        QuitCommand.self,
        HelpCommand.self,
        FormatCommand.self,
        OutputCommand.self,
        LetCommand.self,
        EchoCommand.self,
        ExpectCommand.self,
        BailCommand.self,
        StrictCommand.self,
        TimerCommand.self,
        MaxRowsCommand.self,
        RunCommand.self,
        RecordCommand.self,
    ]

    /// The command called `name` (or one of its aliases), case-insensitively.
    public static func command(named name: String) -> (any ShellCommand.Type)? {
        let lowered = name.lowercased()
        return all.first { $0.name == lowered || $0.aliases.contains(lowered) }
    }

    /// Every name and alias, for suggestions and completion.
    public static var names: [String] {
        all.flatMap { [$0.name] + $0.aliases }
    }

    /// Every example of every command, with the command it belongs to.
    public static var allExamples: [(command: String, example: String)] {
        all.flatMap { command in command.examples.map { (command.name, $0) } }
    }
}
