/// Where a column's values go in a lead: one of the lead's own fields, or a custom field
/// `fields.NAME` (every column without a field of its own becomes one: nothing is dropped).
public enum ImportField: Sendable, Hashable, CustomStringConvertible {
    case id, name, firstName, lastName, email, phone, company, title, industry, employees
    case country, city, source, campaign, owner, fit, interest, value, tags, created, stage
    case custom(String)

    /// The field called `name` as typed in `map … to NAME` (`email`, `fields.plan`,
    /// `name.first`); nil for an unknown one.
    public init?(named name: String) {
        let lowered = name.lowercased()
        if lowered.hasPrefix("fields."), name.count > 7 {
            self = .custom(String(name.dropFirst(7)))
            return
        }
        guard let known = ImportField.leadFields.first(where: { $0.description.lowercased() == lowered }) else { return nil }
        self = known
    }

    /// The lead's own fields a column can fill.
    public static let leadFields: [ImportField] = [.id, .name, .firstName, .lastName, .email, .phone, .company, .title, .industry,
                                                   .employees, .country, .city, .source, .campaign, .owner, .fit, .interest, .value,
                                                   .tags, .created, .stage]

    public var description: String {
        switch self {
        case .id: "id"
        case .name: "name"
        case .firstName: "name.first"
        case .lastName: "name.last"
        case .email: "email"
        case .phone: "phone"
        case .company: "company"
        case .title: "title"
        case .industry: "industry"
        case .employees: "employees"
        case .country: "country"
        case .city: "city"
        case .source: "source"
        case .campaign: "campaign"
        case .owner: "owner"
        case .fit: "fit"
        case .interest: "interest"
        case .value: "value"
        case .tags: "tags"
        case .created: "created"
        case .stage: "stage"
        case .custom(let name): "fields." + name
        }
    }

    /// Column names (folded: lowercase letters and digits) that mean a lead field in
    /// any export: the field's own name and the usual spellings.
    static let byColumnName: [String: ImportField] = {
        var names: [String: ImportField] = [:]
        for field in leadFields where field != .firstName && field != .lastName { names[ImportPreset.fold(field.description)] = field }
        let aliases: [String: ImportField] = [
            "e-mail": .email, "email address": .email, "first name": .firstName, "firstname": .firstName,
            "last name": .lastName, "lastname": .lastName, "surname": .lastName, "full name": .name,
            "company name": .company, "organization": .company, "organisation": .company, "phone number": .phone,
            "job title": .title, "lead source": .source, "created at": .created, "create date": .created,
        ]
        for (alias, field) in aliases { names[ImportPreset.fold(alias)] = field }
        return names
    }()

    /// The custom field a column with no field of its own becomes: its words in
    /// lowerCamelCase (`Lead Origin` → `leadOrigin`, `mql_id` → `mqlId`), so that
    /// `fields.leadOrigin` reads in a query.
    public static func customName(for column: String) -> String {
        var words: [String] = []
        var current = ""
        for character in column {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        guard !words.isEmpty else { return "column" }
        var name = ""
        for (index, word) in words.enumerated() {
            let isUpper = word.allSatisfy { !$0.isLowercase }
            let base = isUpper && word.count > 1 ? word.lowercased() : word
            if index == 0 {
                name += base.prefix(1).lowercased() + base.dropFirst()
            } else {
                name += base.prefix(1).uppercased() + base.dropFirst()
            }
        }
        if let first = name.first, first.isNumber { name = "c" + name }
        return name
    }
}
