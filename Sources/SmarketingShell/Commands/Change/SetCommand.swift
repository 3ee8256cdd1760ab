import Foundation
import SmarketingKit

/// `set ID FIELD = VALUE`: edits one stored field, checked against the field's type.
public enum SetCommand: ShellCommand {
    public static let name = "set"
    public static let group = CommandGroup.change
    public static let summary = "change a field of a lead (typed: a number field refuses text)"
    public static let usage = "set ID,… FIELD = VALUE|none"
    public static let details = """
        FIELD is a stored field (name, email, phone, company, title, industry, employees,
        country, city, source, campaign, fit, interest, value, created) or fields.NAME for a
        custom field. Stages change with move, owners with assign, tags with tag.
        """
    public static let examples = ["set L-000001 employees = 220; undo", "set L-000001 fields.erp = 'Odoo'; undo"]

    static let textFieldNames = ["name", "email", "phone", "company", "title", "industry", "country", "city", "source", "campaign"]
    static let numberFieldNames = ["fit", "interest", "value"]

    static func textField(_ name: String) -> WritableKeyPath<Lead, String?>? {
        switch name {
        case "name": \.name
        case "email": \.email
        case "phone": \.phone
        case "company": \.company
        case "title": \.title
        case "industry": \.industry
        case "country": \.country
        case "city": \.city
        case "source": \.source
        case "campaign": \.campaign
        default: nil
        }
    }

    static func numberField(_ name: String) -> WritableKeyPath<Lead, Double?>? {
        switch name {
        case "fit": \.fit
        case "interest": \.interest
        case "value": \.value
        default: nil
        }
    }

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        let ids = try arguments.leadIDs(in: session)
        let fieldToken = try arguments.text("a field")
        let equals = try arguments.next("'='")
        guard equals.isSymbol("=") else { throw arguments.unexpected(equals, expected: "'='") }
        let valueToken = try arguments.text("a value, or none")
        try arguments.finish()
        let edit = try self.edit(field: fieldToken, value: valueToken)
        if fieldToken.text.lowercased() == "created", let date = Timestamp.parse(valueToken.text), date > session.now {
            throw .unexpected(found: "'\(valueToken.text)'", expected: "a date no later than now (\(Timestamp.formatShort(session.now))) for created",
                              usage: usage, valueToken.range)
        }
        let rows = ids.compactMap { session.workspace.leads.row(of: $0) }
        let field = fieldToken.text
        let scoring = session.workspace.scoring
        let overruled = (field.lowercased() == "fit" && scoring.derivesFit) || (field.lowercased() == "interest" && scoring.derivesInterest)
        let note = overruled ? " (stored only: \(field.lowercased()) comes from the scoring rules here; see score rules)" : ""
        return try LeadEditing.apply(rows: rows, in: session, summary: { "set \(field) on \(LeadEditing.count($0))" },
                                     done: { "set \(field) on \(LeadEditing.count($0))" + note }) { lead in
            let before = lead
            edit(&lead)
            return lead == before ? .unchanged : .changed
        }
    }

    /// One @ with something before it and a dotted domain after it, and no spaces: enough
    /// to catch a name typed into the email field, not a full RFC 5322 check.
    static func looksLikeEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !text.contains(where: \.isWhitespace) else { return false }
        let domain = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return domain.count >= 2 && domain.allSatisfy { !$0.isEmpty }
    }

    /// The edit for `field = value`, or an error naming what is wrong with the value.
    static func edit(field fieldToken: Token, value valueToken: Token, usage: String = SetCommand.usage) throws(ShellError) -> (inout Lead) -> Void {
        let name = fieldToken.text
        let raw = valueToken.text
        let isNone = valueToken.kind == .word && raw.lowercased() == "none"
        func bad(_ expected: String) -> ShellError {
            .unexpected(found: "'\(raw)'", expected: "\(expected) for \(name)", usage: usage, valueToken.range)
        }
        if let path = textField(name.lowercased()) {
            let value: String? = isNone ? nil : raw
            if let value {
                let trimmed = value.trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty { throw bad("some text (or none to clear it)") }
                if name.lowercased() == "email", !Self.looksLikeEmail(trimmed) { throw bad("an address such as anna@example.com") }
            }
            return { $0[keyPath: path] = value }
        }
        if let path = numberField(name.lowercased()) {
            if isNone { return { $0[keyPath: path] = nil } }
            guard let number = try? LetCommand.literal(valueToken), case .number(let value) = number else { throw bad("a number") }
            if name.lowercased() != "value", !(0...100).contains(value) { throw bad("a number from 0 to 100") }
            return { $0[keyPath: path] = value }
        }
        switch name.lowercased() {
        case "employees":
            if isNone { return { $0.employees = nil } }
            guard let number = try? LetCommand.literal(valueToken), case .number(let value) = number, value >= 0,
                  value == value.rounded(), value < 1e12 else { throw bad("a whole number below 1e12") }
            return { $0.employees = Int(value) }
        case "created":
            if isNone { return { $0.created = nil } }
            guard let date = Timestamp.parse(raw) else { throw bad("a date such as 2026-10-01") }
            return { $0.created = date }
        case "stage": throw .refused("stages change with move (or recycle, lose), so history and rules are kept")
        case "owner": throw .refused("owners change with assign")
        case "tags": throw .refused("tags change with tag +x -y")
        case "id": throw .refused("a lead's id cannot change")
        default: break
        }
        if name.lowercased().hasPrefix("fields."), name.count > 7 {
            let key = String(name.dropFirst(7))
            if isNone { return { $0.fields[key] = nil } }
            let value: JSONValue
            if valueToken.kind == .string { value = .string(raw) }
            else if let number = Double(raw), number.isFinite { value = .number(raw) }
            else if raw == "true" || raw == "false" { value = .bool(raw == "true") }
            else { value = .string(raw) }
            return { $0.fields[key] = value }
        }
        let known = textFieldNames + numberFieldNames + ["employees", "created"]
        throw .query(QueryError(.unknownField(name, suggestion: Suggestion.nearest(to: name, in: known)),
                                at: fieldToken.range.start..<fieldToken.range.end))
    }
}
