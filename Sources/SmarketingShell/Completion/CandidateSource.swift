import Foundation
import SmarketingKit

/// Where candidates come from: the command table, the workspace, the session's variables
/// and the file system. Each method gives the plain words (unquoted, without sigils) that
/// start with `typed`, case- and accent-insensitively.
struct CandidateSource {
    let session: Session
    let commands: [any ShellCommand.Type]
    /// The most ids a lead-id completion collects.
    let idLimit: Int

    private var workspace: Workspace { session.workspace }

    /// True when `candidate` starts with `typed`, ignoring case and accents.
    static func matches(_ candidate: String, _ typed: String) -> Bool {
        typed.isEmpty || TextFold.fold(candidate).hasPrefix(TextFold.fold(typed))
    }

    private func matching(_ candidates: some Sequence<String>, _ typed: String) -> [String] {
        candidates.filter { Self.matches($0, typed) }
    }

    func words(_ kind: ArgumentKind, typed: String) -> [String] {
        switch kind {
        case .command: matching(commands.flatMap { [$0.name] + $0.aliases }, typed)
        case .leadID: LeadIDSearch.ids(startingWith: typed, in: workspace.leads, limit: idLimit)
        case .stage: matching(workspace.funnel.ids, typed)
        case .field: matching(LeadField.names(in: workspace), typed)
        case .owner: matching(distinctValues(of: "owner") + workspace.team.map(\.name), typed)
        case .persona: matching(workspace.personas.map(\.name), typed)
        case .view: matching(workspace.views.keys, typed)
        case .term: matching(workspace.glossary.flatMap { [$0.term] + $0.aliases }, typed)
        case .variable: matching(session.variables.keys, typed)
        case .scenario: matching(session.parkedScenarios.map(\.name) + [session.scenario].compactMap { $0 }, typed)
        case .tag: matching(distinctTags(), typed)
        case .activity: matching(ActivityTypes.all(in: workspace), typed)
        case .teamMember: matching(workspace.team.map(\.name), typed)
        case .proposal: matching(workspace.proposals.filter { $0.status == .open }.map { String($0.number) }, typed)
        case .file: files(typed)
        case .expression, .text, .value, .column: []
        }
    }

    /// The values worth proposing after `field =`: stage ids for `stage`, the quadrants,
    /// the personas, and for other category fields (source, owner, country…) the values
    /// present in the workspace. Nil for a field that is not a category.
    func values(of fieldName: String, typed: String) -> [String]? {
        guard let field = LeadField.named(fieldName), field.isCategory else { return nil }
        switch field.name {
        case _ where field.type == .stage: return words(.stage, typed: typed)
        case "quadrant": return matching(Quadrant.allCases.map(\.rawValue), typed)
        case "persona": return words(.persona, typed: typed)
        case "owner": return words(.owner, typed: typed)
        default: return matching(distinctValues(of: field.name), typed)
        }
    }

    /// The most leads read for the values of a field or the tags, so TAB stays quick on a
    /// million leads (a full pass takes over a second there). A workspace up to this size
    /// is read whole; a larger one at evenly spaced rows from first to last, which finds
    /// every value but the rarest.
    static let scanLimit = 50_000

    /// The rows read for values: all of them, or `scanLimit` evenly spaced ones.
    private var scannedRows: StrideTo<Int> {
        let count = workspace.leads.count
        return stride(from: 0, to: count, by: max(1, (count + Self.scanLimit - 1) / Self.scanLimit))
    }

    /// The distinct text values of a field over the leads.
    private func distinctValues(of fieldName: String) -> [String] {
        guard let field = LeadField.named(fieldName) else { return [] }
        let environment = session.queryEnvironment()
        let leads = workspace.leads
        var seen = Set<String>()
        for row in scannedRows {
            if case .text(let value) = leads.value(of: field, at: row, in: environment) { seen.insert(value) }
        }
        return Array(seen)
    }

    private func distinctTags() -> [String] {
        let leads = workspace.leads
        var seen = Set<String>()
        for row in scannedRows { seen.formUnion(leads[row].tags) }
        return Array(seen)
    }

    /// The files and directories whose path starts with `typed` (relative to the current
    /// directory, or absolute, or from `~/`). Hidden ones only when the name typed starts
    /// with a dot. A directory ends in `/`.
    func files(_ typed: String) -> [String] {
        let slash = typed.lastIndex(of: "/")
        let directory = slash.map { String(typed[...$0]) } ?? ""
        let name = slash.map { String(typed[typed.index(after: $0)...]) } ?? typed
        var location = directory.isEmpty ? "." : directory
        if location == "~/" || location.hasPrefix("~/") {
            location = FileManager.default.homeDirectoryForCurrentUser.path + "/" + location.dropFirst(2)
        }
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: location) else { return [] }
        var found: [String] = []
        for entry in entries where Self.matches(entry, name) && (name.hasPrefix(".") || !entry.hasPrefix(".")) {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: (location as NSString).appendingPathComponent(entry), isDirectory: &isDirectory)
            found.append(directory + entry + (isDirectory.boolValue ? "/" : ""))
        }
        return found
    }
}
