import SmarketingKit

/// Catches the typo that would otherwise answer 0: a comparison (`=`, `!=`, `in`) with a
/// value no lead has, in a field whose values are few (source, country, owner, tags…).
/// `count where source = webnar` still answers 0, and adds
/// `warning: no lead has source 'webnar'; did you mean 'webinar'?`.
///
/// Stages, quadrants and personas are closed sets and already refused by the query
/// compiler; this covers the open ones, whose values only the leads know.
enum UnknownValueCheck {
    /// The fields checked: categories whose values come from the leads.
    static let fields: Set<String> = ["industry", "country", "city", "source", "campaign", "owner", "tags"]
    /// A field with more distinct values than this is not "few" (a city list of a big
    /// workspace): a value missing there is no sign of a typo.
    static let maximumDistinct = 200

    /// One value no lead has.
    struct Finding: Equatable {
        var message: String
        /// Where the value is, in the expression's text.
        var range: Range<Int>
    }

    /// The values compared with in `text` that no lead has. Nil when Ctrl-C stopped it.
    static func findings(in text: String, session: Session, environment: QueryEnvironment) -> [Finding]? {
        guard let expression = try? ExpressionParser.parse(text) else { return [] }
        var findings: [Finding] = []
        // The values of each field read in full (only ever when a value was missing).
        var known: [String: [String: String]] = [:]
        for (ref, operand) in comparisons(in: expression) {
            guard let field = LeadField.named(ref.name), fields.contains(field.name), let value = textValue(operand, session: session) else { continue }
            let folded = value.lowercased()
            let values: [String: String]
            if let seen = known[field.name] {
                values = seen
            } else {
                switch scan(field, lookingFor: folded, session: session, environment: environment) {
                case .interrupted: return nil
                case .present: continue
                case .missing(let all):
                    known[field.name] = all
                    values = all
                }
            }
            guard values[folded] == nil else { continue }
            var message = "no lead has \(field.name) '\(value)'"
            if let near = Suggestion.nearest(to: value, in: values.values) {
                message += "; did you mean '\(near)'?"
            } else if !values.isEmpty {
                let some = values.values.sorted()
                message += " (it has " + some.prefix(6).map { "'\($0)'" }.joined(separator: ", ") + (some.count > 6 ? ", …)" : ")")
            }
            findings.append(Finding(message: message, range: operand.range))
        }
        return findings
    }

    /// Every `field = value`, `field != value` and `field in (…)` of the expression.
    private static func comparisons(in expression: Expr) -> [(FieldRef, Operand)] {
        switch expression {
        case .and(let a, let b), .or(let a, let b): comparisons(in: a) + comparisons(in: b)
        case .not(let a): comparisons(in: a)
        case .compare(let ref, let op, let operand): op == .equal || op == .notEqual ? [(ref, operand)] : []
        case .isIn(let ref, let operands, _): operands.map { (ref, $0) }
        case .between, .isNone: []
        }
    }

    /// The operand as text, when it is text (a quoted string, a bare word, a variable).
    private static func textValue(_ operand: Operand, session: Session) -> String? {
        switch operand.kind {
        case .literal(.text(let text)): text
        case .word(let word): word
        case .variable(let name): if case .text(let text)? = session.variables[name] { text } else { nil }
        default: nil
        }
    }

    /// What a scan for one value found.
    private enum ScanResult {
        /// A lead has it, or the field has too many values to judge: nothing to say.
        case present
        /// No lead has it; every value of the field, lowercased to as written.
        case missing([String: String])
        case interrupted
    }

    /// Reads the field's values until `wanted` (lowercased) shows up.
    private static func scan(_ field: LeadField, lookingFor wanted: String, session: Session,
                             environment: QueryEnvironment) -> ScanResult {
        let leads = session.workspace.leads
        var values: [String: String] = [:]
        for row in 0..<leads.count {
            if row & 0xFFF == 0, session.isInterrupted() { return .interrupted }
            switch leads.value(of: field, at: row, in: environment) {
            case .text(let text):
                if values[text.lowercased()] == nil { values[text.lowercased()] = text }
            case .list(let items):
                for text in items where values[text.lowercased()] == nil { values[text.lowercased()] = text }
            default:
                continue
            }
            if values[wanted] != nil || values.count > maximumDistinct { return .present }
        }
        return .missing(values)
    }
}
