import Foundation
import Testing
@testable import SmarketingKit
@testable import SmarketingShell

/// An add-only import fills the column store from the file's cells and keeps no `Lead`
/// per row: the leads it makes again from their rows must be the leads the value path
/// (`key id`, which keeps them) makes, and undo / redo must move the rows, not copies.
@Suite("import into columns")
struct ImportColumnsTests {
    /// A file with the warts that make a cell differ from its bytes: quotes, doubled
    /// quotes, a line break, padding, a BOM-less Latin-free UTF-8 name, blank cells,
    /// a numeric and a text custom column, rows with and without an id.
    static let csv = """
        id,First Name,Last Name,email,company,stage,fit,created,fields.erp,fleet size,notes\r
        ,Ana,Pop,ana@x.ro,"Pop, Ana SRL",lead,40,2025-01-02T08:00:00Z,SAP,12,"said ""call me""\r
        in May"\r
        X-7, Ștefan ,Ionescu,,Ionescu SA,sal,,2025-02-03T09:00:00Z,,7,\r
        ,Bo,,bo@y.dk,Bo ApS,customer,90,,Odoo,0.5,plain\r
        """

    static func file() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("smk-import-columns-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("rows.csv").path
        try csv.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("an add-only import holds columns over the file, makes the same leads as the value path, and undo and redo move the rows")
    func columns() throws {
        let path = try Self.file()
        let columnar = EmptyHarness()
        #expect(columnar.run("import \"\(path)\"").out.contains("3 rows read: 3 added, 0 updated, 0 skipped"))
        let byValue = EmptyHarness()
        #expect(byValue.run("import \"\(path)\" key id").out.contains("3 rows read: 3 added, 0 updated, 0 skipped"))

        let leads = columnar.session.workspace.leads
        #expect(leads.table.rows != nil && leads.table.whole.isEmpty)
        #expect(byValue.session.workspace.leads.table.rows == nil)
        // No activity and one move a row: those row ends are a number, not a column.
        #expect(leads.table.columns.activityEnd.isUniform && leads.table.columns.historyEnd.isUniform)
        #expect(leads.table.rows?.rowLine.ranges == [2...2, 4...5])
        #expect(leads.all == byValue.session.workspace.leads.all)
        let ana = try #require(leads[id: "L-000001"])
        #expect(ana.company == "Pop, Ana SRL" && ana.name == "Ana Pop")
        #expect(ana.fields["notes"] == .string("said \"call me\"\nin May"))
        #expect(ana.fields["fleetSize"] == .number(12) && ana.fields["erp"] == .string("SAP"))
        #expect(leads[id: "X-7"]?.name == "Ștefan Ionescu")
        #expect(leads[id: "L-000002"]?.history.first?.note == "imported from rows.csv at line 5")
        // Queries read the columns and the cells the same way the leads say.
        #expect(columnar.run("count where fields.fleetSize > 1").out == byValue.run("count where fields.fleetSize > 1").out)
        #expect(columnar.run("count where company ~ 'SRL' by stage").out == byValue.run("count where company ~ 'SRL' by stage").out)

        // One change; its undo removes the last three rows, and redo puts the same table back.
        let record = try #require(columnar.session.done.last)
        #expect(record.inverse == .group([.removeLastLeads(count: 3)]))
        let table = leads.table
        columnar.run("undo")
        #expect(columnar.session.workspace.leads.isEmpty)
        columnar.run("redo")
        #expect(columnar.session.workspace.leads.table === table)
        #expect(columnar.session.workspace.leads.all == byValue.session.workspace.leads.all)
    }

    @Test("an import into a workspace that has leads appends them as values, and its undo takes exactly them back")
    func intoLeads() throws {
        let path = try Self.file()
        let harness = try Harness(path: Harness.demoPath)
        let before = harness.session.workspace
        #expect(harness.run("import \"\(path)\"").out.contains("3 rows read: 3 added"))
        #expect(harness.session.workspace.leads.count == before.leads.count + 3)
        #expect(harness.session.workspace.leads[id: "X-7"]?.stage == "sal")
        harness.run("undo")
        #expect(harness.session.workspace == before)
    }

    @Test("a file read record by record reads the same records as one read whole")
    func streamed() throws {
        let bytes = Array(Self.csv.utf8)
        let whole = try CSVReader.read(bytes)
        let streamed = try CSVReader.read(bytes, keepRecords: false)
        #expect(streamed.records.isEmpty && streamed.header == whole.header && streamed.lineEnding == whole.lineEnding)
        var records: [CSVRecord] = []
        try streamed.forEachRecord(file: "rows.csv") { line, fields, ranges, start throws(ImportError) in
            records.append(CSVRecord(line: line, fields: fields))
            #expect(ranges.count == fields.count && start >= streamed.bodyStart)
        }
        #expect(records == whole.records)
    }
}
