import SmarketingKit

/// Adding an activity, shared by `note` and `log`.
enum ActivityLogging {
    static func add(type: String, note: String?, rows: [Int], in session: Session, done: String) throws(ShellError) -> CommandResult {
        let now = session.now, actor = session.actor
        return try LeadEditing.apply(rows: rows, in: session, summary: { "\(type) on \(LeadEditing.count($0))" },
                                     done: { "\(done) \(LeadEditing.count($0))" }) { lead in
            lead.activities.append(Activity(at: now, type: type, by: actor, note: note))
            return .changed
        }
    }
}
