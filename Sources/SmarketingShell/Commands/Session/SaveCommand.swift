import SmarketingKit

/// `save [FILE]`: writes the workspace atomically; the old file survives any failure.
public enum SaveCommand: ShellCommand {
    public static let name = "save"
    public static let aliases = ["save!"]
    public static let group = CommandGroup.session
    public static let summary = "write the workspace to its file (or FILE), atomically"
    public static let usage = "save [FILE] | save! [FILE]"
    public static let details = """
        Writes to a temporary file beside the target, flushes it to disk and renames it
        over the target, so a crash or a full disk never leaves half a file. Keys smk does
        not know are written back unchanged. Saving to another FILE leaves the session's
        own file as it is. A symlink is followed (the file it points to is written) and the
        file keeps its mode and owner; a read-only file, or one whose owner cannot be kept,
        is refused: save! writes it anyway. A file with hard links is written in place, so
        every name still shows one file: the complete new version is flushed beside it
        first, and the next open by any name completes a copy a crash cut short.
        """
    public static let examples = ["save /tmp/smk-example-copy.json"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        let target = arguments.isAtEnd ? nil : try arguments.text("a file name").text
        try arguments.finish()
        if let target {
            let own = session.path.map(WorkspaceLock.realPath) == SafeMode.resolve(target)
            try SafeMode.check(target, for: "save", in: session, writes: !own)
        }
        return .message(try session.save(to: target, force: arguments.commandName.text.hasSuffix("!")))
    }
}
