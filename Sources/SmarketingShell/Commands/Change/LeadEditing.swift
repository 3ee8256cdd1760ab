import SmarketingKit

/// What an edit did to one lead.
enum EditOutcome {
    case changed
    case unchanged
    /// The lead may not be changed this way; the text says why.
    case refused(String)
}

/// Applies one edit to each selected lead as a single undoable step: asks first at the
/// prompt when many leads would change, applies the edits that are allowed, and reports
/// the refused ones by name — never half-applies silently.
enum LeadEditing {
    /// Above this many leads, a person at the prompt is asked to confirm.
    static let confirmationThreshold = 20

    /// Runs `edit` on every row; `summary(n)` names the change for n leads ("move 3 leads
    /// to sal"), `done(n)` the confirmation ("moved 3 leads to sal").
    static func apply(rows: [Int], in session: Session, summary: (Int) -> String, done: (Int) -> String,
                      edit: (inout Lead) -> EditOutcome) throws(ShellError) -> CommandResult {
        if let reason = session.readOnlyReason { throw .refused("read-only: \(reason)") }
        var changes: [Change] = []
        var refusals: [String] = []
        for row in rows {
            if row & 0xFFF == 0, session.isInterrupted() { throw .interrupted }
            var lead = session.workspace.leads[row]
            switch edit(&lead) {
            case .changed: changes.append(.updateLead(lead))
            case .unchanged: break
            case .refused(let why): refusals.append("\(lead.id) \(why)")
            }
        }
        if changes.isEmpty {
            if refusals.isEmpty { return .message("nothing to change") }
            if refusals.count == 1 { throw .refused(refusals[0]) }
            throw .refused("nothing changed; \(Thousands.count(refusals.count, "lead")) refused:\n  " + refusals.joined(separator: "\n  "))
        }
        if changes.count > confirmationThreshold, session.isInteractive, let confirm = session.confirm {
            guard confirm("\(summary(changes.count))? [y/N] ") else { return .message("cancelled: nothing changed") }
        }
        try session.apply(changes.count == 1 ? changes[0] : .group(changes), summary: summary(changes.count))
        let message = CommandResult.message(done(changes.count))
        return refusals.isEmpty ? message : .partial(message, refusals: refusals)
    }

    /// "1 lead", "3 leads" or "1,200 leads", grouped as every count in prose.
    static func count(_ n: Int) -> String {
        Thousands.count(n, "lead")
    }

    /// The selection's rows, or an error when it selects nothing.
    static func rows(_ selector: LeadSelector, in session: Session) throws(ShellError) -> [Int] {
        try selector.rows(in: session, environment: session.queryEnvironment())
    }
}
