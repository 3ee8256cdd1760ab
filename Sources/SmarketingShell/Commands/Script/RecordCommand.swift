/// `record FILE` … `record off`: writes the commands typed at the prompt to a script.
public enum RecordCommand: ShellCommand {
    public static let isRecorded = false
    public static let name = "record"
    public static let group = CommandGroup.script
    public static let summary = "write the commands typed at the prompt that ran to a .smk script, to replay"
    public static let usage = "record FILE | record off"
    public static let details = """
        The script starts with a header (workspace, who, when, the fixed clock if any) so
        that smk WORKSPACE -f FILE replays the session. Only what happened is written:
        commands that succeeded, not a change answered no at its question, and not help,
        clear, quit or record themselves (save is kept). record off ends it.
        """
    public static let examples = ["record /tmp/smk-example-review.smk; record off"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        let target = try arguments.text("a file name, or off")
        try arguments.finish()
        if let recorder = session.recorder {
            recorder.close()
            session.recorder = nil
            if target.text.lowercased() == "off" { return .message("recorded to \(recorder.path)") }
        } else if target.text.lowercased() == "off" {
            return .message("not recording")
        }
        try SafeMode.check(target.text, for: "record", in: session)
        session.recorder = try Recorder(path: target.text, session: session)
        return .message("recording to \(target.text) (record off to stop)")
    }
}
