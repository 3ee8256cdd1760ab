import SmarketingKit

/// `merge ID into ID`: folds a duplicate into the lead that stays.
public enum MergeCommand: ShellCommand {
    public static let name = "merge"
    public static let group = CommandGroup.clean
    public static let summary = "fold a duplicate into another lead (activities, history, feedback, tags kept)"
    public static let usage = "merge ID into ID"
    public static let details = """
        The second lead keeps its id and stage; it gains the first one's activities,
        history, feedback and tags, the earlier created date, and any field it lacked.
        The merge is recorded in its history; the first lead is removed. One undo step.
        """
    public static let examples = ["merge L-000002 into L-000001; undo"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        let sourceID = try arguments.leadIDs(in: session)
        try arguments.expect("into")
        let targetID = try arguments.leadIDs(in: session)
        try arguments.finish()
        guard sourceID.count == 1, targetID.count == 1 else { throw .refused("merge takes one lead into one other lead") }
        guard sourceID[0] != targetID[0] else { throw .refused("a lead cannot be merged into itself") }
        guard let source = session.workspace.leads[id: sourceID[0]], var target = session.workspace.leads[id: targetID[0]] else {
            throw .change(.noSuchLead(sourceID[0]))
        }
        merge(source, into: &target)
        target.history.append(StageChange(at: session.now, from: target.stage, to: target.stage, by: session.actor,
                                          note: "merged \(source.id) into \(target.id)"))
        try session.apply(.group([.updateLead(target), .removeLead(id: source.id)]), summary: "merge \(source.id) into \(target.id)")
        return .message("merged \(source.id) into \(target.id)")
    }

    /// Unions the records, keeps the earlier creation, fills fields the target lacks.
    static func merge(_ source: Lead, into target: inout Lead) {
        target.activities = (target.activities + source.activities).sorted { $0.at < $1.at }
        target.history = (target.history + source.history).sorted { $0.at < $1.at }
        target.feedback = (target.feedback + source.feedback).sorted { $0.at < $1.at }
        for tag in source.tags where !target.tags.contains(tag) { target.tags.append(tag) }
        if let created = source.created, target.created.map({ created < $0 }) ?? true { target.created = created }
        let text: [WritableKeyPath<Lead, String?>] = [\.name, \.email, \.phone, \.company, \.title, \.industry, \.country, \.city,
                                                      \.source, \.campaign, \.owner]
        for path in text where target[keyPath: path] == nil { target[keyPath: path] = source[keyPath: path] }
        let numbers: [WritableKeyPath<Lead, Double?>] = [\.fit, \.interest, \.value]
        for path in numbers where target[keyPath: path] == nil { target[keyPath: path] = source[keyPath: path] }
        if target.employees == nil { target.employees = source.employees }
        for member in source.fields.members where target.fields[member.key] == nil { target.fields[member.key] = member.value }
    }
}
