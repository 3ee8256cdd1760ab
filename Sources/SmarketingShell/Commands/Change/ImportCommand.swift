import Foundation
import SmarketingKit

/// `import FILE.csv [as hubspot|…] [CLAUSES…]`: brings a CRM export in. The plan (where
/// each column goes, how stage values read, rows to add, update and skip) is shown first;
/// then the whole import is applied as one change, so one `undo` takes it back.
public enum ImportCommand: ShellCommand {
    public static let name = "import"
    public static let group = CommandGroup.change
    public static let summary = "import leads from a CSV export (HubSpot, Salesforce, Pipedrive or any CSV); one undo step"
    public static let usage = """
        import FILE [as hubspot|salesforce|pipedrive|csv] [map "COLUMN" to FIELD]… \
        [stage from "COLUMN" ["VALUE" to STAGE]… [else STAGE]] [stage STAGE [on "COLUMN"]] [null "VALUE"]… \
        [date-format FORMAT] [separator comma|semicolon|tab] [key email|id] [join FILE on "COLUMN" …] [strict] [dry-run]
        """
    public static let details = """
        Before changing anything import prints its plan: each column and the field it fills
        (a column with no field of its own is kept as fields.NAME, never dropped), each
        stage value and the stage it becomes with how many rows, and the rows to add,
        update and skip. A row that cannot be read (wrong number of columns, a date or
        number that does not parse, a stage value with no rule and no else) is listed with
        its line and every problem it has, and skipped; strict refuses the whole import
        instead. Every added lead's history starts with "imported from FILE at line N", by
        you. An import brings a CRM's state as it is: rows going into stages your team
        does not enter, or not meeting a stage's entry rule, are added all the same, and
        the plan says how many per stage (add lead and move would refuse them). The plan
        also says what a raw import would take at face value, with the clause that changes
        it: a value like Select, N/A, - or unknown (any case) that fills a large share of
        a column is counted as an answer unless null "VALUE" reads it as blank; which
        column became the leads' tags and how many distinct tags that makes; and leads
        left with no created date (no age; their history starts at the import), with a
        date-named column and the date-format that would give one; and, when no column
        gives the ids, a column named like one (map "Prospect ID" to id).
        The journal keeps the import as its file (path, size, hash) and clauses: after
        a crash the replay reads the file again, and refuses if it changed since.

        as PRESET     read a CRM's export header (found from the header when left out)
        map           a column into a lead field (id, name, name.first, name.last, email,
                      phone, company, title, industry, employees, country, city, source,
                      campaign, owner, fit, interest, value, tags, created) or fields.NAME
        stage from    the column whose values are stages, "VALUE" to STAGE for each value
                      that is no stage name, else STAGE for the rest
        stage STAGE   every row's stage (in a join: the stage a joined row moves to, on
                      the date in "COLUMN")
        null "X"      a value meaning "not answered", like a blank cell
        date-format   dd-MM-yyyy [HH:mm] (yyyy MM dd HH mm ss); ISO dates need none
        separator     sniffed from the header line when left out (, ; or tab)
        key email|id  a row whose email or id matches a lead updates it instead of adding
        join FILE on "COLUMN" CLAUSES…   a second export, row by row on a key column
        dry-run       show the plan and the first leads, change nothing

        The file may start with a byte-order mark, use CRLF or LF, lack a final newline,
        quote fields holding commas, quotes and line breaks, repeat its header, end rows
        with empty columns, or be Latin-1 / Windows-1252 (converted to UTF-8).
        """
    public static let examples = [
        "import Workspace/imports/hubspot-sample.csv dry-run",
        "import Workspace/imports/hubspot-sample.csv; count where source ~ 'search' by stage; undo",
        "import Workspace/imports/hubspot-sample.csv map \"Lead Status\" to campaign null \"Open\"; show 51002; undo",
    ]

    public static func run(_ arguments: inout Arguments, in session: Session) throws(ShellError) -> CommandResult {
        let fileToken = try arguments.text("a CSV file")
        let spec = try parseClauses(&arguments, in: session, allowJoin: true)
        try arguments.finish()
        // Under --safe a script reads files only from the workspace's folder too: an import
        // would otherwise copy any readable file into the workspace.
        try SafeMode.check(fileToken.text, for: "import", in: session, writes: false)
        // With a team, leads come in only from one of it (a change like any other).
        if !session.workspace.team.isEmpty, session.workspace.role(of: session.actor) == nil {
            let names = session.workspace.team.map(\.name).joined(separator: ", ")
            throw .refused("\(session.actor) is not in this workspace's team (\(names)); act as one of them with as NAME")
        }
        if let join = spec.join { try SafeMode.check(join.file, for: "import … join", in: session, writes: false) }
        let endProgress = session.progress?("importing \(URL(fileURLWithPath: fileToken.text).lastPathComponent)") { ImportProgress.fraction }
        defer { endProgress?() }
        var (plan, mainFile, joinedFile) = try plan(fileToken.text, spec: spec, in: session)
        var results = ImportReport.plan(plan)
        let refusal = sharedRefusal(plan, in: session)
        if spec.dryRun {
            if let refusal { results.append(.message("the import would be refused: " + refusal)) }
            results.append(ImportReport.preview(plan))
            results.append(.message("dry run: nothing changed (" + ImportReport.counts(plan, future: true) + ")"))
            return .many(results)
        }
        if let refusal { throw .refused(refusal) }
        let done = "imported \(plan.file): " + ImportReport.counts(plan, future: false)
            + (plan.addedCount == 0 && plan.updated.isEmpty ? "" : " (undo takes it all back)")
        if plan.addedCount > 0 || !plan.updated.isEmpty {
            // Journalled as the file and its clauses, not as every lead it added.
            var reference = ImportReference(file: mainFile, joined: joinedFile, spec: spec, actor: session.actor, now: session.now,
                                            highestNumber: plan.highestNumber, addedRanges: plan.addedLineRanges)
            reference.salesOwner = plan.salesOwner
            let summary = "import \(plan.file): \(Thousands.format(plan.addedCount)) added, \(Thousands.format(plan.updated.count)) updated"
            // The change takes the leads out of the plan: they are not held twice while
            // the column table is built from them (a million leads is hundreds of megabytes).
            try session.apply(plan.takeChange(), summary: summary, imported: reference)
        }
        results.append(.message(done))
        return .many(results)
    }

    /// In a shared workspace the database itself lets a login add leads only into the
    /// stages its team owns or is allowed into, for every row of an import: rather than
    /// leave the whole import to fail on the first such row with the database's words,
    /// say before anything is sent which rows and what to do. Nil when nothing is refused.
    static func sharedRefusal(_ plan: ImportPlan, in session: Session) -> String? {
        guard session.store.isShared, session.scenario == nil, let importer = plan.importer, !plan.outsideTeam.isEmpty else { return nil }
        let total = plan.outsideTeam.reduce(0) { $0 + $1.rows }
        let each = plan.outsideTeam.map { "\($0.stage) \(Thousands.format($0.rows))" }.joined(separator: ", ")
        return "in a shared workspace the database lets \(importer.name) (\(importer.team)) add leads only into \(importer.team)'s stages, "
            + "and \(Thousands.format(total)) row\(total == 1 ? "" : "s") go\(total == 1 ? "es" : "") elsewhere (\(each)): "
            + "import those with someone of the other team, choose the stages with stage from \"COLUMN\" … else STAGE, "
            + "or have the administrator import the file and smk db push it"
    }

    /// Reads the file (and the joined one) and plans the import. The documents are
    /// released when this returns, before the import is applied: a million rows of cells
    /// must not stay alive beside the leads made from them.
    static func plan(_ path: String, spec: ImportSpec, in session: Session)
        throws(ShellError) -> (ImportPlan, ImportReference.File, ImportReference.File?) {
        // Rows are read one at a time unless a key or a join needs them all at hand.
        let keep = spec.key != nil || spec.join != nil
        let (document, mainFile) = try read(path, separator: spec.separator, keepRecords: keep)
        var joined: CSVDocument?
        var joinedFile: ImportReference.File?
        if let join = spec.join {
            (joined, joinedFile) = try read(join.file, separator: join.spec.separator)
        }
        var planner = ImportPlanner(workspace: session.workspace, actor: session.actor, now: session.now)
        planner.isInterrupted = { session.isInterrupted() }
        for stage in session.workspace.funnel.stages {
            if let rule = MoveCommand.entryRule(of: stage, in: session) { planner.entryRules[stage.id] = rule }
        }
        do { return (try planner.plan(document, file: path, spec: spec, joined: joined), mainFile, joinedFile) } catch {
            if error == .interrupted { throw .interrupted }
            throw .refused(error.description)
        }
    }

    /// Reads and decodes a CSV file, with what the journal needs to find it again (its
    /// path, size and hash); a file that cannot be read at all is an error.
    static func read(_ path: String, separator: UInt8?, keepRecords: Bool = true) throws(ShellError) -> (CSVDocument, ImportReference.File) {
        let bytes: [UInt8]
        do { bytes = try AtomicFile.readAll(path) } catch { throw .workspace(error) }
        // A workspace (or any JSON) read as CSV would add hundreds of leads named `"id": …`.
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        if let first = bytes[start...].first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }), first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            throw .refused("\(path) holds JSON, not CSV: import reads a CSV export; a workspace opens with open \(path)")
        }
        let file = ImportReference.File(path: path, bytes: bytes)
        do { return (try CSVReader.read(bytes, separator: separator, keepRecords: keepRecords), file) } catch {
            throw .refused("\(path): \(error)")
        }
    }

    static let clauseWords: Set<String> = ["as", "map", "stage", "null", "date-format", "separator", "key", "join", "strict", "dry-run"]

    /// The clauses after the file, until the end (or, in a join, until the next `join`).
    static func parseClauses(_ arguments: inout Arguments, in session: Session, allowJoin: Bool) throws(ShellError) -> ImportSpec {
        var spec = ImportSpec()
        while let token = arguments.peek {
            let word = token.kind == .word ? token.text.lowercased() : ""
            switch word {
            case "as":
                _ = try arguments.next("as")
                spec.preset = try arguments.choice("hubspot, salesforce, pipedrive or csv")
            case "map":
                _ = try arguments.next("map")
                let column = try arguments.text("a column name in quotes")
                try arguments.expect("to")
                let field = try arguments.text("a field")
                guard ImportField(named: field.text) != nil else {
                    throw .unexpected(found: "'\(field.text)'", expected: "a lead field or fields.NAME"
                                      + (Suggestion.nearest(to: field.text, in: ImportField.leadFields.map(\.description)).map { " — did you mean '\($0)'?" } ?? ""),
                                      usage: usage, field.range)
                }
                spec.mappings.append(.init(column: column.text, field: field.text))
            case "stage":
                _ = try arguments.next("stage")
                if arguments.take("from") {
                    spec.stageColumn = try arguments.text("a column name in quotes").text
                    while let next = arguments.peek, next.kind == .string {
                        let value = try arguments.text("a value")
                        try arguments.expect("to")
                        spec.stageValues.append(.init(value: value.text, stage: try arguments.stage(in: session)))
                    }
                    if arguments.take("else") { spec.stageElse = try arguments.stage(in: session) }
                } else {
                    spec.stage = try arguments.stage(in: session)
                    if arguments.take("on") { spec.stageDateColumn = try arguments.text("a date column in quotes").text }
                }
            case "null":
                _ = try arguments.next("null")
                spec.nulls.append(try arguments.text("a value in quotes").text)
            case "date-format":
                _ = try arguments.next("date-format")
                var format = try arguments.text("a date format such as dd-MM-yyyy").text
                if let time = arguments.peek, time.kind == .word, time.text.contains(":"), time.text.contains("H") || time.text.contains("m") {
                    format += " " + time.text
                    _ = try arguments.next("a time format")
                }
                guard ImportDate.isValid(format: format) else { throw .refused(ImportError.badDateFormat(format).description) }
                spec.dateFormat = format
            case "separator":
                _ = try arguments.next("separator")
                let token = try arguments.next("comma, semicolon or tab")
                switch token.text.lowercased() {
                case ",", "comma": spec.separator = 0x2C
                case ";", "semicolon": spec.separator = 0x3B
                case "\t", "tab", "\\t": spec.separator = 0x09
                case "|", "pipe": spec.separator = 0x7C
                default: throw arguments.unexpected(token, expected: "comma, semicolon or tab")
                }
            case "key":
                _ = try arguments.next("key")
                spec.key = try arguments.choice("email or id")
            case "join" where allowJoin:
                _ = try arguments.next("join")
                let file = try arguments.text("the CSV file to join")
                try arguments.expect("on")
                let column = try arguments.text("the key column in quotes")
                var inner = try parseClauses(&arguments, in: session, allowJoin: false)
                spec.strict = spec.strict || inner.strict
                spec.dryRun = spec.dryRun || inner.dryRun
                inner.strict = false
                inner.dryRun = false
                spec.join = .init(file: file.text, column: column.text, spec: inner)
            case "strict" where allowJoin:
                _ = try arguments.next("strict")
                spec.strict = true
            case "dry-run" where allowJoin:
                _ = try arguments.next("dry-run")
                spec.dryRun = true
            default:
                if !allowJoin { return spec }
                throw arguments.unexpected(token, expected: "a clause (" + clauseWords.sorted().joined(separator: ", ") + ")")
            }
        }
        return spec
    }
}
