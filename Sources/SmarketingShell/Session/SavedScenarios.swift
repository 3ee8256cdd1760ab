import Foundation
import SmarketingKit

/// Scenarios kept in the workspace file by `scenario save NAME`, so that a plan tried
/// this week can be reopened next week. They live under the top-level key `scenarios`
/// (a version of smk that does not know it keeps it as an unknown key):
///
///     "scenarios": [{"name": "push", "savedBy": "anna", "savedAt": "2026-11-24T10:00:00Z",
///                    "changes": [{"summary": "move 3 leads to sal", "change": {"op": …}}]}]
///
/// Each change is the same JSON the journal writes; reopening forks main and applies
/// them again, in order.
enum SavedScenarios {
    static let key = "scenarios"

    /// One saved scenario: its name and its changes with what they were called.
    struct Entry {
        var name: String
        var changes: [(summary: String, change: Change)]
    }

    /// The names of the saved scenarios and how many changes each holds, in file order.
    static func list(in workspace: Workspace) -> [(name: String, count: Int)] {
        guard case .array(let items)? = workspace.extra[key] else { return [] }
        return items.compactMap { item in
            guard case .object(let object) = item, let name = object["name"]?.stringValue else { return nil }
            if case .array(let changes)? = object["changes"] { return (name, changes.count) }
            return (name, 0)
        }
    }

    /// The saved scenario called `name`, its changes read back against the workspace's
    /// funnel; nil when there is none. A change that cannot be read is an error naming it.
    static func entry(named name: String, in workspace: Workspace) throws(ShellError) -> Entry? {
        guard case .array(let items)? = workspace.extra[key] else { return nil }
        for item in items {
            guard case .object(let object) = item, object["name"]?.stringValue == name else { continue }
            var entry = Entry(name: name, changes: [])
            guard case .array(let changes)? = object["changes"] else { return entry }
            for (index, saved) in changes.enumerated() {
                guard case .object(let record) = saved, let json = record["change"] else {
                    throw .refused("saved scenario \(name): change \(index + 1) has no change")
                }
                do {
                    let change = try Change(json: json, funnel: workspace.funnel)
                    entry.changes.append((record["summary"]?.stringValue ?? "change \(index + 1)", change))
                } catch {
                    throw .refused("saved scenario \(name): change \(index + 1): \(error)")
                }
            }
            return entry
        }
        return nil
    }

    /// The `scenarios` value with `scenario` kept under its name (replacing an older one).
    static func keeping(_ scenario: Scenario, by actor: String, at now: Date, in workspace: Workspace) -> JSONValue {
        let changes: [JSONValue] = scenario.done.map { record in
            .object(JSONObject([JSONMember("summary", .string(record.summary)), JSONMember("by", .string(record.by)),
                                JSONMember("at", .string(Timestamp.format(record.at))), JSONMember("change", record.change.json)]))
        }
        let entry = JSONValue.object(JSONObject([
            JSONMember("name", .string(scenario.name)), JSONMember("savedBy", .string(actor)),
            JSONMember("savedAt", .string(Timestamp.format(now))), JSONMember("changes", .array(changes)),
        ]))
        var items: [JSONValue] = []
        if case .array(let existing)? = workspace.extra[key] { items = existing }
        if let index = items.firstIndex(where: { if case .object(let o) = $0 { o["name"]?.stringValue == scenario.name } else { false } }) {
            items[index] = entry
        } else {
            items.append(entry)
        }
        return .array(items)
    }
}
