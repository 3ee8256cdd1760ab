import Foundation
import Testing
@testable import SmarketingKit
@testable import SmarketingShell

/// A session on an empty workspace (as `smk --new`), output captured.
struct EmptyHarness {
    let session: Session
    let out = StringSink()
    let err = StringSink()

    init(actor: String = "anna") {
        session = Session(workspace: Workspace(name: "new"), path: nil, actor: actor, out: out, err: err)
        session.fixedNow = Timestamp.parse("2026-11-24T12:00:00Z")
    }

    @discardableResult
    func run(_ text: String) -> (out: String, err: String, outcome: Interpreter.Outcome) {
        let outcome = Interpreter(session: session).run(text, file: nil, bail: true)
        return (out.take(), err.take(), outcome)
    }
}

/// The real exports in ../shared/data, read here with a few lines of code that share
/// nothing with smk's reader: a row is the fields between commas outside quotes.
enum RealData {
    static let folder = Harness.repository.deletingLastPathComponent().appendingPathComponent("shared/data").path
    static let xeducation = folder + "/x_education_leads.csv"
    static let mqls = folder + "/olist_marketing_qualified_leads_dataset.csv"
    static let deals = folder + "/olist_closed_deals_dataset.csv"
    static var present: Bool { FileManager.default.fileExists(atPath: xeducation) && FileManager.default.fileExists(atPath: deals) }

    /// The X Education workspace as the README makes it (`Workspace/xeducation.json`,
    /// generated rather than kept in the repository), made once per test run from the
    /// import script in a temporary folder.
    static let xeducationWorkspace: String = {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("smk-xeducation-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("xeducation.json").path
        EmptyHarness(actor: "smk").run("run Workspace/imports/xeducation.smk \"\(xeducation)\"; save \"\(path)\"")
        return path
    }()

    /// Header and rows as dictionaries; the files have no quoted line breaks.
    static func rows(_ path: String) throws -> [[String: String]] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        func split(_ line: String) -> [String] {
            var fields: [String] = [], current = "", quoted = false
            for c in line {
                if c == "\"" { quoted.toggle() } else if c == ",", !quoted { fields.append(current); current = "" } else { current.append(c) }
            }
            fields.append(current)
            return fields
        }
        let header = split(lines[0])
        return lines.dropFirst().map { line in
            Dictionary(uniqueKeysWithValues: zip(header, split(line)).map { ($0, $1.trimmingCharacters(in: .whitespaces)) })
        }
    }
}

@Suite("import")
struct ImportTests {
    static let sample = Harness.repository.appendingPathComponent("Workspace/imports/hubspot-sample.csv").path

    /// `count by source` as a dictionary (no source: "?").
    static func countBySource(_ harness: EmptyHarness) throws -> [String: Int] {
        guard case .array(let rows) = try JSONParser.parse(harness.run("format json; count by source").out) else { return [:] }
        var counts: [String: Int] = [:]
        for case .object(let row) in rows { counts[row["source"]?.stringValue ?? "(none)"] = row["count"]?.doubleValue.map { Int($0) } }
        return counts
    }

    static func number(_ harness: EmptyHarness, _ command: String) -> Int? {
        Int(harness.run("format table; " + command).out.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// The row of `rates` (json) for a step.
    static func rate(_ harness: EmptyHarness, _ step: String) throws -> (reached: Int, wentOn: Int)? {
        guard case .array(let rows) = try JSONParser.parse(harness.run("format json; rates").out) else { return nil }
        for case .object(let row) in rows where row["step"]?.stringValue == step {
            return (Int(row["reached"]?.doubleValue ?? -1), Int(row["went on"]?.doubleValue ?? -1))
        }
        return nil
    }

    @Test("X Education: count, sources, stages, rates and score check equal a count of the CSV made here",
          .enabled(if: RealData.present))
    func xeducation() throws {
        let rows = try RealData.rows(RealData.xeducation)
        let harness = EmptyHarness()
        let result = harness.run("run Workspace/imports/xeducation.smk \"\(RealData.xeducation)\"")
        #expect(result.outcome.failures == 0, "\(result.err)")
        #expect(result.out.contains("imported x_education_leads.csv: \(Thousands.format(rows.count)) rows read: \(Thousands.format(rows.count)) added, 0 updated, 0 skipped"))
        #expect(rows.count == 9237)
        #expect(Self.number(harness, "count") == rows.count)
        var sources: [String: Int] = [:]
        for row in rows { sources[row["Lead Source"].flatMap { $0.isEmpty ? nil : $0 } ?? "(none)", default: 0] += 1 }
        #expect(try Self.countBySource(harness) == sources)
        let converted = rows.filter { $0["Converted"] == "1" }.count
        #expect(converted == 3559)
        #expect(Self.number(harness, "count where stage = customer") == converted)
        #expect(Self.number(harness, "count where stage = lost") == rows.count - converted)
        // Only the outcome is known: the steps between were not seen, lead->customer counts everyone.
        #expect(try Self.rate(harness, "lead->customer")?.reached == rows.count)
        #expect(try Self.rate(harness, "lead->customer")?.wentOn == converted)

        // The fit rules of the import script, computed here, and ROC AUC by ranks.
        func fit(_ row: [String: String]) -> Double {
            var points = 0.0
            if row["What is your current occupation"] == "Working Professional" { points += 40 }
            if row["Lead Origin"] == "Lead Add Form" { points += 30 }
            if let seconds = Double(row["Total Time Spent on Website"] ?? ""), seconds >= 600 { points += 30 }
            if row["Last Activity"] == "SMS Sent" { points += 20 }
            if row["Do Not Email"] == "Yes" { points -= 20 }
            if row["What is your current occupation"] == "Student" { points -= 10 }
            return min(100, max(0, points))
        }
        var positives: [Double: Int] = [:], negatives: [Double: Int] = [:]
        for row in rows { if row["Converted"] == "1" { positives[fit(row), default: 0] += 1 } else { negatives[fit(row), default: 0] += 1 } }
        var wins = 0.0
        for (score, p) in positives {
            for (other, n) in negatives where other <= score { wins += Double(p * n) * (other == score ? 0.5 : 1) }
        }
        let auc = wins / Double(converted * (rows.count - converted))
        guard case .object(let check) = try JSONParser.parse(harness.run("format json; score check").out) else {
            Issue.record("score check gave no object")
            return
        }
        #expect(check["leads"]?.doubleValue == Double(rows.count))
        #expect(check["converted"]?.doubleValue == Double(converted))
        #expect(abs((check["auc"]?.doubleValue ?? 0) - auc) < 1e-9)
        #expect(abs(auc - 0.8525327491555078) < 1e-9)
    }

    @Test("Olist: MQLs joined with closed deals; customers, sources and rates equal a count of the CSVs made here",
          .enabled(if: RealData.present))
    func olist() throws {
        let mqls = try RealData.rows(RealData.mqls)
        let deals = try RealData.rows(RealData.deals)
        let ids = Set(mqls.compactMap { $0["mql_id"] })
        let won = Set(deals.compactMap { $0["mql_id"] }).intersection(ids)
        let harness = EmptyHarness()
        let result = harness.run("run Workspace/imports/olist.smk \"\(RealData.mqls)\" \"\(RealData.deals)\"")
        #expect(result.outcome.failures == 0, "\(result.err)")
        #expect(mqls.count == 8000 && won.count == 842)
        #expect(result.out.contains("8,000 rows read: 8,000 added, 0 updated, 0 skipped; olist_closed_deals_dataset.csv: 842 rows read, 842 joined, 0 skipped"))
        #expect(Self.number(harness, "count") == mqls.count)
        #expect(Self.number(harness, "count where stage = customer") == won.count)
        #expect(Self.number(harness, "count where stage = mql") == mqls.count - won.count)
        var sources: [String: Int] = [:]
        for row in mqls { sources[row["origin"].flatMap { $0.isEmpty ? nil : $0 } ?? "(none)", default: 0] += 1 }
        #expect(try Self.countBySource(harness) == sources)
        let mqlToSal = try #require(try Self.rate(harness, "mql->sal"))
        #expect(mqlToSal.reached == mqls.count && mqlToSal.wentOn == won.count)
        let revenue = deals.filter { (Double($0["declared_monthly_revenue"] ?? "") ?? 0) > 0 }.count
        #expect(Self.number(harness, "count where fields.declaredMonthlyRevenue > 0") == revenue)
        let cats = deals.filter { $0["lead_behaviour_profile"] == "cat" }.count
        #expect(Self.number(harness, "count where stage = customer and fields.behaviourProfile = cat") == cats)
        // A won lead's history: imported as an MQL on its first contact, customer on the won date.
        let deal = deals[0]
        let lead = try #require(harness.session.workspace.leads[id: deal["mql_id"] ?? ""])
        #expect(lead.history.map(\.to) == ["mql", "customer"])
        #expect(lead.history[1].at == ImportDate(format: "dd-MM-yyyy HH:mm").parse(deal["won_date"] ?? ""))
        #expect(lead.history[0].note?.hasPrefix("imported from olist_marketing_qualified_leads_dataset.csv at line ") == true)
    }

    @Test("the plan comes first; the import is one undo step; each lead's history says file, line and who")
    func oneStep() throws {
        let harness = try Harness(path: Harness.demoPath)
        let before = harness.session.workspace
        let out = harness.run("import \(Self.sample)").out
        #expect(out.hasPrefix("import hubspot-sample.csv: 5 rows, 14 columns · separator ',' · UTF-8 with BOM · CRLF · preset hubspot (found from the header)"))
        #expect(out.contains("imported hubspot-sample.csv: 5 rows read: 5 added, 0 updated, 0 skipped"))
        let lead = try #require(harness.session.workspace.leads[id: "51003"])
        #expect(lead.name == "Somchai Jaidee" && lead.stage == "lead")
        #expect(lead.fields["notes"] == .string("met at the fair,\nwants a call in Q1"))
        #expect(lead.history.first?.note == "imported from hubspot-sample.csv at line 4" && lead.history.first?.by == "anna")
        #expect(harness.session.workspace.leads[id: "51005"]?.history.first?.note == "imported from hubspot-sample.csv at line 7")
        #expect(harness.session.workspace.leads[id: "51002"]?.company == "Transcarpat, SRL")
        #expect(harness.run("changes").out.contains("import hubspot-sample.csv: 5 added, 0 updated"))
        harness.run("undo")
        #expect(harness.session.workspace == before)
        harness.run("redo")
        #expect(harness.session.workspace.leads.count == before.leads.count + 5)
    }

    @Test("dry-run changes nothing; strict refuses a file with a bad row; bad rows are listed by line")
    func badRows() throws {
        let folder = NSTemporaryDirectory() + "smk-import-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let file = folder + "/leads.csv"
        try Data("""
            Email,Name,Status,Employees,Signed up\r
            a@x.se,Anna,hot,12,2026-01-02\r
            b@x.se,Bo,cold,many,2026-01-03\r
            c@x.se,Cy,warm,3\r
            Email,Name,Status,Employees,Signed up\r
            d@x.se,Di,odd,4,2026-13-01\r
            e@x.se,Ed,hot,5,2026-01-05,,\r
            """.utf8).write(to: URL(fileURLWithPath: file))
        let harness = try Harness()
        let clauses = "map \"Employees\" to employees map \"Signed up\" to created stage from \"Status\" \"hot\" to mql \"cold\" to lead \"warm\" to sal"
        let dry = harness.run("import \(file) \(clauses) dry-run")
        #expect(dry.out.contains("dry run: nothing changed (6 rows read: 2 to add, 0 to update, 4 skipped)"))
        #expect(harness.session.done.isEmpty)
        for expected in ["leads.csv:3  Employees: 'many' is not a whole number",
                         "leads.csv:4  4 columns, the header has 5",
                         "leads.csv:5  the header again (a spreadsheet repeated it)",
                         "leads.csv:6  Signed up: '2026-13-01' is not a date (give date-format)"] {
            #expect(dry.out.contains(expected), "\(expected)")
        }
        let strict = harness.run("import \(file) \(clauses) strict")
        #expect(strict.err.contains("strict: 4 bad rows, nothing imported; the first: leads.csv:3: Employees: 'many' is not a whole number"))
        #expect(harness.session.done.isEmpty)
        let unknown = harness.run("import \(file) stage from \"Status\" \"hot\" to mql dry-run").out
        #expect(unknown.contains("leads.csv:2  ") == false)
        #expect(unknown.contains("leads.csv:6  Status: 'odd' is no stage (add \"odd\" to STAGE to stage from, or else STAGE)"))
        #expect(harness.run("import \(file) map \"Emial\" to email").err.contains("leads.csv has no column \"Emial\" — did you mean \"Email\"?"))
    }

    @Test("a skipped row's columns are counted in one wording: 1 column, 2 columns, 5 columns")
    func columnCountWording() throws {
        let folder = NSTemporaryDirectory() + "smk-import-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let file = folder + "/b.csv"
        try Data("Email,First Name,Last Name,Company\r\na@x.com,Ann,A,Acme\r\nc@x.com,Cid,C,Cee,extra\r\nd@x.com,Dan\r\ne@x.com\r\n".utf8)
            .write(to: URL(fileURLWithPath: file))
        let out = try Harness().run("import \(file) dry-run").out
        for expected in ["b.csv:3  5 columns, the header has 4", "b.csv:4  2 columns, the header has 4", "b.csv:5  1 column, the header has 4"] {
            #expect(out.contains(expected), "\(expected) in \(out)")
        }
        #expect(!out.contains("column(s)"))
        #expect(Thousands.count(1, "column") == "1 column" && Thousands.count(1200, "lead") == "1,200 leads")
        #expect(Thousands.count(2, "company", plural: "companies") == "2 companies")
    }

    @Test("key email updates the lead with that email (fills, changes, never duplicates)")
    func keyUpdates() throws {
        let folder = NSTemporaryDirectory() + "smk-import-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let file = folder + "/update.csv"
        let harness = try Harness()
        let first = harness.session.workspace.leads[0]
        let email = try #require(first.email)
        try Data("email,phone,plan\n\(email.uppercased()),+46 70 000 00 00,gold\nnew@example.com,,silver\n".utf8)
            .write(to: URL(fileURLWithPath: file))
        let count = harness.session.workspace.leads.count
        let out = harness.run("import \(file) key email").out
        #expect(out.contains("2 rows read: 1 added, 1 updated, 0 skipped"))
        #expect(harness.session.workspace.leads.count == count + 1)
        let updated = try #require(harness.session.workspace.leads[id: first.id])
        #expect(updated.phone == "+46 70 000 00 00" && updated.fields["plan"] == .string("gold"))
        #expect(updated.stage == first.stage && updated.name == first.name)
        #expect(harness.run("import \(file) key email").out.contains("2 rows read: 0 added, 0 updated, 2 unchanged, 0 skipped"))
    }

    @Test("a row that moves a lead follows the hand-off: marketing cannot import an MQL into sal; sales can, and owns it")
    func handOff() throws {
        let folder = NSTemporaryDirectory() + "smk-import-handoff-\(ProcessInfo.processInfo.processIdentifier)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let erik = try Harness(path: Harness.demoPath, actor: "erik")
        let lead = try #require(erik.session.workspace.leads[id: "L-000003"])
        #expect(lead.stage == "mql")
        let csv = folder + "/move.csv"
        try "email,stage\n\(lead.email ?? "")',sal\n".replacingOccurrences(of: "'", with: "").write(toFile: csv, atomically: true, encoding: .utf8)
        let refused = erik.run("import \(csv) key email")
        #expect(refused.out.contains("L-000003 cannot enter sal: sal is owned by sales; erik is in marketing"), "\(refused.out)")
        #expect(erik.session.workspace.leads[id: "L-000003"]?.stage == "mql")
        let anna = try Harness(path: Harness.demoPath, actor: "anna")
        #expect(anna.run("import \(csv) key email").outcome.failures == 0)
        let moved = try #require(anna.session.workspace.leads[id: "L-000003"])
        #expect(moved.stage == "sal" && moved.owner == "anna")
        let outsider = try Harness(path: Harness.demoPath, actor: "bob")
        #expect(outsider.run("import \(csv) key email").err.contains("bob is not in this workspace's team"))
    }

    @Test("export then import gives the same leads: the CSV written again is the same bytes; a JSON export opens to the same leads")
    func roundTrip() throws {
        let folder = NSTemporaryDirectory() + "smk-export-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let cols = CSVWriter.leadColumns.joined(separator: ",") + ",fields.*"
        let demo = try Harness(path: Harness.demoPath)
        #expect(demo.run("export to \(folder)/one.csv cols \(cols)").out == "exported 420 leads to \(folder)/one.csv (21 columns)\n")
        // The default columns leave the custom fields out, and say how to keep them.
        #expect(demo.run("export to \(folder)/default.csv").out
                == "exported 420 leads to \(folder)/default.csv (19 columns; 2 custom fields left out: cols \(cols) keeps them)\n")
        let copy = EmptyHarness()
        #expect(copy.run("import \(folder)/one.csv").out.contains("420 rows read: 420 added, 0 updated, 0 skipped"))
        copy.run("export to \(folder)/two.csv cols \(cols)")
        let one = try Data(contentsOf: URL(fileURLWithPath: folder + "/one.csv"))
        let two = try Data(contentsOf: URL(fileURLWithPath: folder + "/two.csv"))
        #expect(one == two)
        let text = String(decoding: one, as: UTF8.self)
        #expect(text.hasPrefix("id,name,email,phone,company,title,industry,employees,country,city,source,campaign,stage,owner,fit,interest,value,tags,created,fields.erp,fields.fleetSize\r\n"))
        #expect(text.components(separatedBy: "\r\n").count == 422)
        for id in ["L-000014", "L-000300"] {
            let original = try #require(demo.session.workspace.leads[id: id])
            let imported = try #require(copy.session.workspace.leads[id: id])
            #expect(original.name == imported.name && original.company == imported.company && original.stage == imported.stage)
            #expect(original.created == imported.created && original.tags == imported.tags && original.fields == imported.fields)
        }

        demo.run("export @hot to \(folder)/hot.json")
        let hot = try Workspace.load(path: folder + "/hot.json")
        let ids = demo.run("format csv; leads @hot cols id").out.split(separator: "\r\n").dropFirst().map(String.init)
        #expect(hot.leads.ids == ids && !ids.isEmpty)
        #expect(hot.leads.all == ids.compactMap { demo.session.workspace.leads[id: $0] })
    }

    @Test("CSV fields are quoted only when they must be, quotes doubled, lines end in CRLF")
    func quoting() {
        #expect(CSVWriter.line(["a", "b, c", "say \"hi\"", "two\nlines", " pad"]) == "a,\"b, c\",\"say \"\"hi\"\"\",\"two\nlines\",\" pad\"\r\n")
    }

    @Test("TAB completes presets after as, the file's columns after map \", and stages after to")
    func completion() throws {
        let harness = try Harness()
        func complete(_ line: String) -> [String] {
            Completer.complete(line: line, cursor: line.count, session: harness.session).candidates
        }
        let file = Self.sample
        #expect(complete("import \(file) as ") == ["csv", "hubspot", "pipedrive", "salesforce"])
        #expect(complete("import \(file) as h") == ["hubspot"])
        #expect(complete("import \(file) map \"Li") == ["\"Lifecycle Stage\""])
        #expect(complete("import \(file) map \"Last") == ["\"Last Name\""])
        #expect(complete("import \(file) stage from \"Lead S") == ["\"Lead Status\""])
        #expect(complete("import \(file) stage from \"Lead Status\" \"Open\" to s").contains("sql"))
        #expect(complete("import \(file) stage from \"Lead Status\" \"Open\" to c").contains("customer"))
        #expect(complete("import \(file) dry").contains("dry-run"))
    }

    @Test("Salesforce's real header and Pipedrive's are recognised; their values map to smk's fields and stages; Latin-1 is converted",
          .enabled(if: RealData.present))
    func presets() throws {
        let folder = NSTemporaryDirectory() + "smk-import-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let headerText = try String(contentsOfFile: RealData.folder + "/salesforce_lead_export_header.csv", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let header = headerText.split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        func row(_ values: [String: String]) -> String { header.map { values[$0] ?? "" }.map(CSVWriter.field).joined(separator: ",") }
        let salesforce = [headerText,
                          row(["Id": "00Q1", "FirstName": "Anna", "LastName": "Berg", "Company": "Berg AB", "Email": "anna@berg.se",
                               "LeadSource": "Web", "Status": "Closed - Not Converted", "NumberOfEmployees": "40",
                               "CreatedDate": "2024-01-15T10:23:00.000+0000", "Rating": "Hot", "IsConverted": "false"]),
                          row(["Id": "00Q2", "LastName": "Popescu", "Company": "Carpat, SRL", "Status": "Closed - Converted",
                               "LeadSource": "Partner", "CreatedDate": "2024-02-01T08:00:00.000+0000", "IsConverted": "true"]),
                          row(["Id": "00Q3", "LastName": "Ng", "Company": "Ng Ltd", "Status": "Working - Contacted"])].joined(separator: "\r\n")
        try Data(salesforce.utf8).write(to: URL(fileURLWithPath: folder + "/sf.csv"))
        let harness = EmptyHarness()
        let out = harness.run("import \(folder)/sf.csv").out
        #expect(out.contains("preset salesforce (found from the header)"))
        #expect(out.contains("3 rows read: 3 added, 0 updated, 0 skipped"))
        let anna = try #require(harness.session.workspace.leads[id: "00Q1"])
        #expect(anna.name == "Anna Berg" && anna.stage == "lost" && anna.source == "Web" && anna.employees == 40)
        #expect(anna.created == Timestamp.parse("2024-01-15T10:23:00Z") && anna.fields["rating"] == .string("Hot"))
        #expect(harness.session.workspace.leads[id: "00Q2"]?.stage == "customer")
        #expect(harness.session.workspace.leads[id: "00Q3"]?.stage == "sal")

        let pipedrive = "Lead - Title,Lead - Owner,Lead - Source,Person - Name,Person - Email,Organization - Name,Lead - Labels,Lead created\n"
            + "Fleet deal,erik,Web forms,Sofia Lindqvist,sofia@nordvik.se,Nordvik AB,\"Hot, Warm\",2026-10-03 09:12:00\n"
        try Data(pipedrive.utf8).write(to: URL(fileURLWithPath: folder + "/pd.csv"))
        let other = EmptyHarness()
        #expect(other.run("import \(folder)/pd.csv").out.contains("preset pipedrive (found from the header)"))
        let sofia = try #require(other.session.workspace.leads.all.first)
        #expect(sofia.name == "Sofia Lindqvist" && sofia.company == "Nordvik AB" && sofia.owner == "erik" && sofia.tags == ["Hot", "Warm"])
        #expect(sofia.source == "Web forms" && sofia.fields["leadTitle"] == .string("Fleet deal") && sofia.stage == "lead")

        var latin1 = Array("name;city\r\n".utf8)
        latin1 += [0x53, 0x74, 0x65, 0x66, 0x61, 0x6E, 0x3B, 0x47, 0xF6, 0x74, 0x65, 0x62, 0x6F, 0x72, 0x67]
        try Data(latin1).write(to: URL(fileURLWithPath: folder + "/latin1.csv"))
        let third = EmptyHarness()
        #expect(third.run("import \(folder)/latin1.csv").out.contains("separator ';' · Latin-1 (converted to UTF-8) · CRLF"))
        #expect(third.session.workspace.leads.all.first?.city == "Göteborg")
    }
}
