import SmarketingKit

/// Catches the other typo that answers 0: a custom field no lead has. `count where
/// fields.erpp = 'SAP'` still answers 0, and adds
/// `warning: no lead has fields.erpp; did you mean 'fields.erp'?`, as an unknown command
/// gets "did you mean". Built-in fields are refused by the query compiler already; custom
/// ones are open, and only the leads know them.
enum UnknownFieldCheck {
    /// How many of the nearest existing fields a warning names when none is a likely typo.
    static let named = 3

    /// The `fields.NAME` of `text` that no lead holds. Nil when Ctrl-C stopped it.
    static func findings(in text: String, session: Session) -> [UnknownValueCheck.Finding]? {
        guard let expression = try? ExpressionParser.parse(text) else { return [] }
        let custom = expression.fieldRefs.filter { $0.name.lowercased().hasPrefix("fields.") && $0.name.count > 7 }
        guard !custom.isEmpty else { return [] }
        var findings: [UnknownValueCheck.Finding] = []
        var checked: Set<String> = []
        var known: Set<String>?
        for ref in custom where checked.insert(ref.name).inserted {
            let wanted = String(ref.name.dropFirst(7))
            // Once one scan read every lead's fields, the others need no second one.
            let found: ScanResult? = known.map { $0.contains(wanted) ? .present : .missing($0) } ?? scan(lookingFor: wanted, session: session)
            guard let found else { return nil }
            guard case .missing(let all) = found else { continue }
            known = all
            findings.append(UnknownValueCheck.Finding(message: message(for: ref.name, known: all), range: ref.range))
        }
        return findings
    }

    /// Warns when `token` (a field named after `by`, `sort` or `cols`) is a `fields.NAME`
    /// no lead holds: `count by fields.nope` would otherwise answer one `(none)` group
    /// without a word, where `count where fields.nope = 5` warns.
    static func warnIfMissing(_ token: Token, session: Session) {
        let name = token.text
        guard name.lowercased().hasPrefix("fields."), name.count > 7,
              case .missing(let all)? = scan(lookingFor: String(name.dropFirst(7)), session: session) else { return }
        session.warn(message(for: name, known: all), at: token.range)
    }

    /// `no lead has fields.X`, with the likely typo's fix, or the nearest fields there are.
    static func message(for name: String, known: Set<String>) -> String {
        // Compared without the `fields.` all share, so `fields.zzz` is no typo of `fields.erp`.
        let key = String(name.dropFirst(7))
        var text = "no lead has \(name)"
        if let near = Suggestion.nearest(to: key, in: known) {
            return text + "; did you mean 'fields.\(near)'?"
        }
        guard !known.isEmpty else { return text + " (the leads have no custom fields)" }
        let target = Array(key.lowercased())
        let nearest = known.map { (key: $0, distance: Suggestion.editDistance(target, Array($0.lowercased()))) }
            .sorted { ($0.distance, $0.key) < ($1.distance, $1.key) }
            .prefix(named).map { "'fields.\($0.key)'" }
        text += " (the nearest there are: " + nearest.joined(separator: ", ") + (known.count > named ? ", …)" : ")")
        return text
    }

    private enum ScanResult {
        /// Some lead holds the field.
        case present
        /// No lead does; every custom field the leads hold.
        case missing(Set<String>)
    }

    /// Reads each lead's custom fields until one holds `wanted` (a lead holding it, even
    /// empty, means it is no typo). Nil when Ctrl-C stopped it.
    private static func scan(lookingFor wanted: String, session: Session) -> ScanResult? {
        let leads = session.workspace.leads
        var names: Set<String> = []
        for row in 0..<leads.count {
            if row & 0xFFF == 0, session.isInterrupted() { return nil }
            for name in leads.customFieldNames(at: row) {
                if name == wanted { return .present }
                names.insert(name)
            }
        }
        return .missing(names)
    }
}
