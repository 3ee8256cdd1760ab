import SmarketingKit

/// `whoami`: who the session acts as, and their team.
public enum WhoamiCommand: ShellCommand {
    public static let name = "whoami"
    public static let group = CommandGroup.session
    public static let summary = "who you act as, and your team"
    public static let usage = "whoami"
    public static let examples = ["whoami"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        try arguments.finish()
        let role = session.workspace.role(of: session.actor)
        let team = role.map(\.rawValue) ?? (session.workspace.team.isEmpty ? "no team in this workspace" : "not in the team")
        return .document(.object(JSONObject([JSONMember("name", .string(session.actor)), JSONMember("team", role.map { .string($0.rawValue) } ?? .null)])),
                         display: .text("\(session.actor) (\(team))"))
    }
}
