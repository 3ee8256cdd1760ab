/// What smk knows of each CRM's export: which header columns fill which lead fields, the
/// column that holds the funnel position, and how its values read as smk stages. Any
/// clause of the command overrides a preset; a column a preset does not name becomes
/// `fields.NAME` like any other.
public struct ImportPreset: Sendable {
    public var kind: ImportSpec.Preset
    /// Header column → field.
    public var fields: [(column: String, field: ImportField)]
    /// The column whose values are stages, and the stage each value means (keys folded:
    /// lowercase, no spaces or punctuation, so `Marketing Qualified Lead` and HubSpot's
    /// internal `marketingqualifiedlead` are one key).
    public var stageColumn: String?
    public var stages: [String: String]

    /// The preset for `kind`.
    public static func named(_ kind: ImportSpec.Preset) -> ImportPreset {
        switch kind {
        case .hubspot: hubspot
        case .salesforce: salesforce
        case .pipedrive: pipedrive
        case .csv: ImportPreset(kind: .csv, fields: [], stageColumn: nil, stages: [:])
        }
    }

    /// The CRM whose export has this header, when its telltale columns are all present.
    public static func detect(header: [String]) -> ImportSpec.Preset? {
        let columns = Set(header.map(fold))
        func has(_ names: String...) -> Bool { names.allSatisfy { columns.contains(fold($0)) } }
        if has("LeadSource", "IsConverted") || has("FirstName", "LastName", "Company", "LeadSource") { return .salesforce }
        if has("Lifecycle Stage") || has("Record ID", "Original Source") || has("HubSpot Score") { return .hubspot }
        if has("Lead - Title") || has("Person - Name", "Lead - Source") || has("Person - Email", "Lead created") { return .pipedrive }
        return nil
    }

    /// A value or column name folded for matching: lowercase letters and digits only.
    public static func fold(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { CharacterSetASCII.isAlphanumeric($0) }.map(Character.init))
    }

    // MARK: The three CRMs

    static let hubspot = ImportPreset(
        kind: .hubspot,
        fields: [("Record ID", .id), ("First Name", .firstName), ("Last Name", .lastName), ("Email", .email),
                 ("Phone Number", .phone), ("Mobile Phone Number", .custom("mobilePhone")), ("Company Name", .company),
                 ("Job Title", .title), ("Industry", .industry), ("Number of Employees", .employees),
                 ("Country/Region", .country), ("Country", .country), ("City", .city), ("Original Source", .source),
                 ("Contact owner", .owner), ("HubSpot Owner", .owner), ("Create Date", .created), ("Lifecycle Stage", .stage)],
        stageColumn: "Lifecycle Stage",
        stages: folded([
            "Subscriber": "subscriber", "Lead": "lead", "Marketing Qualified Lead": "mql", "MQL": "mql",
            "Sales Qualified Lead": "sql", "SQL": "sql", "Opportunity": "opportunity", "Customer": "customer",
            "Evangelist": "customer", "Other": "lead",
        ]))

    static let salesforce = ImportPreset(
        kind: .salesforce,
        fields: [("Id", .id), ("FirstName", .firstName), ("LastName", .lastName), ("Title", .title), ("Company", .company),
                 ("City", .city), ("Country", .country), ("Phone", .phone), ("Email", .email), ("LeadSource", .source),
                 ("Status", .stage), ("Industry", .industry), ("NumberOfEmployees", .employees), ("OwnerId", .owner),
                 ("CreatedDate", .created)],
        stageColumn: "Status",
        stages: folded([
            "Open - Not Contacted": "lead", "Open": "lead", "New": "lead", "Working - Contacted": "sal",
            "Working": "sal", "Contacted": "sal", "Nurturing": "nurture", "Qualified": "sql",
            "Closed - Converted": "customer", "Converted": "customer", "Closed - Not Converted": "lost",
            "Unqualified": "lost",
        ]))

    static let pipedrive = ImportPreset(
        kind: .pipedrive,
        fields: [("Lead - ID", .id), ("Person - Name", .name), ("Person - Email", .email), ("Person - Phone", .phone),
                 ("Organization - Name", .company), ("Lead - Owner", .owner), ("Lead - Source", .source),
                 ("Lead - Labels", .tags), ("Lead - Value", .value), ("Lead created", .created)],
        stageColumn: nil,
        stages: [:])

    private static func folded(_ map: [String: String]) -> [String: String] {
        var out: [String: String] = [:]
        for (key, value) in map { out[fold(key)] = value }
        return out
    }
}

/// ASCII letter-or-digit test without Foundation's character sets.
enum CharacterSetASCII {
    static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x61...0x7A: true
        default: scalar.value >= 0x80 && Character(scalar).isLetter
        }
    }
}
