import SmarketingKit

/// `leads`: the selected leads as a table, sorted, cut and with the columns asked for.
public enum LeadsCommand: ShellCommand {
    public static let name = "leads"
    public static let group = CommandGroup.look
    public static let summary = "list leads as a table: select, sort, limit, choose columns"
    public static let usage = "leads [ID,…|where EXPR|@view] [sort F [desc],…] [limit N] [cols a,b,c]"
    public static let details = """
        Without a selector, every lead in file order. `where` takes the query language
        (help where); `@view` a saved view (views lists them). Columns are any fields,
        computed ones too (score, quadrant, persona, age, idle, attempts) and fields.NAME.
        Tables fit the terminal's width (on a narrow one the default columns leave out
        fit and interest and cut the company before the name); format json|csv|markdown
        gives other shapes.
        """
    public static let examples = [
        "leads limit 5",
        "leads where stage = mql and score >= 60 sort score desc limit 10",
        "leads where city ~ 'goteborg' cols id,name,city,stage",
        "leads @hot limit 5",
        "leads L-000001,L-000002 cols id,name,quadrant,age",
    ]

    public static let defaultColumns = ["id", "name", "company", "country", "stage", "owner", "fit", "interest", "score"]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        let selector = try LeadSelector.parse(&arguments, in: session)
        var shape = try ListingShape.parse(&arguments, in: session)
        try arguments.finish()
        if case .view(let name, let range) = selector {
            shape = try ViewDefinition.lookup(name, range: range, in: session).shape.overridden(by: shape)
        }
        let environment = session.queryEnvironment()
        let selected = try selector.rows(in: session, environment: environment)
        // Under `maxrows` only the rows shown are sorted into place (a bounded top-N) and
        // built; the rest are counted: a million leads at the prompt answer at once.
        let listed = min(shape.limit ?? selected.count, selected.count)
        var cut = shape
        if let cap = session.listingCap, cap < listed { cut.limit = cap }
        let shown = cut.apply(to: selected, in: session, environment: environment)
        let columns = shape.columns ?? defaultColumns.compactMap(LeadField.named)
        let footer = listed < selected.count ? "\(Thousands.format(listed)) of \(Thousands.format(selected.count)) leads" : nil
        var result = table(rows: shown, columns: columns, in: session, environment: environment, footer: footer)
        result.moreRows = listed - shown.count
        if shape.columns == nil, let width = terminalWidth(in: session) { result.narrower = [narrow(result, width: width)] }
        return .table(result)
    }

    /// A table of `rows` with one column per field; stage columns coloured on a terminal.
    static func table(rows: [Int], columns: [LeadField], in session: Session, environment: QueryEnvironment,
                      footer: String? = nil) -> Table {
        let leads = session.workspace.leads
        var cells: [[TableValue]] = []
        cells.reserveCapacity(rows.count)
        // Cells come from the columns where they can: a listing decodes no lead unless a
        // column needs one (a computed field without a column path).
        for row in rows {
            cells.append(columns.map { leads.value(of: $0, at: row, in: environment).cell })
        }
        let stageColumns = Set(columns.indices.filter { columns[$0].type == .stage })
        return Table(columns: columns.map(\.name), rows: cells, footer: footer, stageColumns: stageColumns)
    }
}
