import SmarketingKit

/// `feedback ID good|bad "reason"`: sales' verdict on a lead it received — the closed loop.
public enum FeedbackCommand: ShellCommand {
    public static let name = "feedback"
    public static let group = CommandGroup.change
    public static let summary = "rate a lead marketing handed over: good or bad, and why"
    public static let usage = "feedback ID good|bad \"reason\""
    public static let examples = ["as anna; feedback L-000002 good \"right size, real project\"; undo"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        let ids = try arguments.leadIDs(in: session)
        let verdictToken = try arguments.text("good or bad")
        guard let verdict = Feedback.Verdict(rawValue: verdictToken.text.lowercased()) else {
            throw arguments.unexpected(verdictToken, expected: "good or bad")
        }
        let reason = try arguments.text("the reason in quotes").text
        try arguments.finish()
        let rows = ids.compactMap { session.workspace.leads.row(of: $0) }
        let now = session.now, actor = session.actor
        return try LeadEditing.apply(rows: rows, in: session, summary: { "feedback \(verdict.rawValue) on \(LeadEditing.count($0))" },
                                     done: { "rated \(LeadEditing.count($0)) \(verdict.rawValue)" }) { lead in
            lead.feedback.append(Feedback(at: now, by: actor, verdict: verdict, reason: reason))
            return .changed
        }
    }
}
