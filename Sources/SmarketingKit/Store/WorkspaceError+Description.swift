/// The one place where load and save errors are worded.
extension WorkspaceError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .cannotRead(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .malformedJSON(let path, let error):
            return "\(prefix(path))\(error.position): malformed JSON: \(error.message)"
        case .notAnObject(let path, let found):
            return "\(prefix(path))not a workspace: the file holds \(found), expected a JSON object with \"leads\""
        case .notAWorkspace(let path, let format):
            return "\(prefix(path))not a workspace: \"format\" is '\(format)', expected 'smk-workspace'"
        case .unsupportedVersion(let path, let version):
            return "\(prefix(path))workspace version \(version) is not supported by this smk (it reads version 1)"
        case .badLead(let path, let index, let id, let fault):
            let who = id.map { "lead #\(index) (\($0))" } ?? "lead #\(index)"
            return "\(prefix(path))\(who): \(Self.describe(fault))"
        case .duplicateLeadID(let path, let id, let first, let second):
            return "\(prefix(path))lead #\(second) repeats the id \(id) of lead #\(first); lead ids must be unique"
        case .badSection(let path, let section, let fault):
            return "\(prefix(path))\(section): \(Self.describe(fault))"
        case .duplicateStage(let path, let id):
            return "\(prefix(path))stages: the stage '\(id)' is defined twice"
        case .cannotSave(let path, let reason):
            return "cannot save \(path): \(reason); the file on disk is unchanged"
        case .badLeads(let errors, let more):
            let total = errors.count + more
            let shown = more > 0 ? " (the first \(errors.count) here)" : ""
            var path: String?
            let lines = errors.map { error -> String in
                guard case .badLead(let file, let index, let id, let fault) = error else { return "  " + error.description }
                path = path ?? file
                return "  " + WorkspaceError.badLead(path: nil, index: index, id: id, fault).description
            }
            return "\(prefix(path))\(total) leads are wrong\(shown):\n" + lines.joined(separator: "\n")
                + (more > 0 ? "\n  … and \(more) more" : "")
        case .replayRefused(let change, let by, let conflict):
            return "'\(change)' by \(by) is not replayed: " + Self.describe(conflict)
        }
    }

    /// Why a journalled change does not fit the file as it is now, naming the leads.
    public static func describe(_ conflict: ReplayConflict) -> String {
        switch conflict {
        case .importFile(let error):
            return error.description
        case .changedSince(let leads):
            let each = leads.map { one in
                one.fields.isEmpty ? "\(one.lead) is no longer in the file"
                    : "\(one.lead) was saved since with another \(one.fields.joined(separator: ", "))"
            }
            return each.joined(separator: "; ") + " (someone saved over it; their version stands)"
        case .stageGone(let lead, let fault):
            return (lead.map { "\($0): " } ?? "") + describe(fault) + " in the funnel saved since"
        }
    }

    private func prefix(_ path: String?) -> String {
        path.map { "\($0): " } ?? ""
    }

    /// A field fault as a phrase: "stage 'mqll' is not a stage — did you mean 'mql'?".
    public static func describe(_ fault: FieldFault) -> String {
        let field = fault.field
        switch fault.problem {
        case .missing:
            return "\(field) is missing"
        case .empty:
            return "\(field) is empty"
        case .wrongType(let expected, let found):
            return field.isEmpty ? "expected \(expected), found \(found)" : "\(field) must be \(expected), found \(found)"
        case .notADate(let text):
            return "\(field) '\(text)' is not a date (expected ISO-8601 such as 2026-10-03T09:12:00Z)"
        case .outOfRange(let value, let allowed):
            return "\(field) \(value) is out of range (\(allowed))"
        case .notAStage(let text, let suggestion):
            let hint = suggestion.map { " — did you mean '\($0)'?" } ?? ""
            return "\(field) '\(text)' is not a stage\(hint)"
        case .notAVerdict(let text):
            return "\(field) '\(text)' is not a verdict (good or bad)"
        }
    }
}
