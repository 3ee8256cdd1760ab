import Foundation
import Testing
@testable import SmarketingKit
@testable import SmarketingShell

/// The plan of a raw import (no mapping script) says what it takes at face value:
/// placeholders counted as answers, the column that became tags, no created date.
@Suite("import notes")
struct ImportNotesTests {
    /// A file of 20 rows: Industry is `Select` in 6 and `NONE` in 2, Country `unknown` in 1;
    /// Tags holds labels; `Signup date` is an ISO date, blank in one row.
    static func file() throws -> String {
        let folder = NSTemporaryDirectory() + "smk-import-notes-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var lines = ["Email,Name,Industry,Country,Tags,Signup date"]
        for i in 1...20 {
            let industry = i <= 6 ? "Select" : i <= 8 ? "NONE" : "Retail"
            let country = i == 1 ? "unknown" : "Sweden"
            let tags = i <= 3 ? "\"vip, fair\"" : i <= 10 ? "fair" : ""
            let date = i == 20 ? "" : "2026-01-\(i < 10 ? "0" : "")\(i)"
            lines.append("p\(i)@x.se,P \(i),\(industry),\(country),\(tags),\(date)")
        }
        let path = folder + "/notes.csv"
        try Data(lines.joined(separator: "\r\n").utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("a placeholder filling a large share of a column is pointed out, each spelling with its null clause; a rare one is not")
    func placeholders() throws {
        let file = try Self.file()
        let harness = EmptyHarness()
        let out = harness.run("import \(file) dry-run").out
        #expect(out.contains("\"Select\" is in 6 of Industry (of 20 rows): exports write it for \"not answered\", "
                             + "and here it counts as an answer and is kept as a value; null \"Select\" reads it as blank"), "\(out)")
        #expect(out.contains("\"NONE\" is in 2 of Industry (of 20 rows)"), "\(out)")
        #expect(!out.contains("\"unknown\" is in"), "one row in twenty is no large share")
        // The clause the plan gives makes the note go, and the cells blank.
        let clean = harness.run("import \(file) null \"Select\" null \"NONE\"").out
        #expect(!clean.contains(" is in "), "\(clean)")
        #expect(harness.run("format table; count where industry = 'Select' or industry = 'NONE'").out.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
        #expect(harness.run("format table; count where industry = 'Retail'").out.trimmingCharacters(in: .whitespacesAndNewlines) == "12")
    }

    @Test("placeholders are found in any case, and only whole values")
    func placeholderWords() {
        for word in ["Select", "SELECT", "n/a", "N/A", "-", "none", "Null", "unknown", "Not Specified"] {
            #expect(ImportNotes.isPlaceholder(word), "\(word)")
        }
        for word in ["Selection", "Sales", "No", "", "nothing", "-1", "Unknown Pleasures Ltd"] {
            #expect(!ImportNotes.isPlaceholder(word), "\(word)")
        }
    }

    @Test("a column named like a creation date is one; a date of something later is not")
    func dateNames() {
        for name in ["first_contact_date", "CreatedDate", "Signup date", "Created", "date"] { #expect(ImportNotes.namesDate(name), "\(name)") }
        for name in ["won_date", "LastModifiedDate", "ConvertedDate", "Close Date", "update", "Candidate"] { #expect(!ImportNotes.namesDate(name), "\(name)") }
    }

    @Test("the plan says which column became tags and how many distinct tags, and how to keep it a field")
    func tags() throws {
        let file = try Self.file()
        let harness = EmptyHarness()
        let out = harness.run("import \(file)").out
        #expect(out.contains("Tags became the leads' tags (by name): 2 distinct tags on 10 rows, the most common \"fair\" (10), \"vip\" (3); "
                             + "map \"Tags\" to fields.tags keeps them as one field instead"), "\(out)")
        harness.run("undo")
        let mapped = harness.run("import \(file) map \"Tags\" to fields.tags dry-run").out
        #expect(!mapped.contains("became the leads' tags"), "\(mapped)")
    }

    @Test("no created column: the plan says the leads get no age and names the date column that would give one; blank dates are counted")
    func created() throws {
        let file = try Self.file()
        let harness = EmptyHarness()
        let out = harness.run("import \(file)").out
        #expect(out.contains("no column gives a created date: the 20 leads get none, so age is empty for them (where age > 30d finds none); "
                             + "their history starts at the import, so idle time and sla count them as entering their stage now; "
                             + "map \"Signup date\" to created gives one"), "\(out)")
        #expect(harness.run("format table; count where age > 1d").out.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
        harness.run("undo")
        let mapped = harness.run("import \(file) map \"Signup date\" to created").out
        #expect(mapped.contains("Signup date is blank in 1 row: that lead gets no created date, so age is empty for it"), "\(mapped)")
        #expect(!mapped.contains("no column gives a created date"))
        #expect(harness.run("format table; count where age > 1d").out.trimmingCharacters(in: .whitespacesAndNewlines) == "19")
    }

    @Test("X Education raw: Select, the Tags column and the missing created date are in the plan", .enabled(if: RealData.present))
    func xeducation() throws {
        let harness = EmptyHarness()
        let out = harness.run("import \"\(RealData.xeducation)\" dry-run").out
        #expect(out.contains("\"Select\" is in 1,942 of Specialization, 5,041 of How did you hear about X Education, 4,144 of Lead Profile "
                             + "and 2,248 of City (of 9,237 rows)"), "\(out)")
        #expect(!out.contains("\"unknown\" is in"), "Country's 5 unknowns are no large share")
        #expect(out.contains("Tags became the leads' tags (by name): 26 distinct tags on 5,885 rows, "
                             + "the most common \"Will revert after reading the email\" (2,071), \"Ringing\" (1,202), "
                             + "\"Interested in other courses\" (513); they read like notes, not labels: map \"Tags\" to fields.tags"), "\(out)")
        #expect(out.contains("no column gives a created date: the 9,237 leads get none"), "\(out)")
        #expect(out.contains("Prospect ID looks like one: map \"Prospect ID\" to id keeps the file's"), "\(out)")
        let mapped = harness.run("import \"\(RealData.xeducation)\" null \"Select\" map \"Tags\" to fields.tags dry-run").out
        #expect(!mapped.contains("\"Select\" is in") && !mapped.contains("became the leads' tags"), "\(mapped)")
        let identified = harness.run("import \"\(RealData.xeducation)\" map \"Prospect ID\" to id dry-run").out
        #expect(!identified.contains("no column gives the leads' ids"), "\(identified)")
    }

    @Test("Olist raw: origin's unknown and the first contact date with its date-format are in the plan; the clause given works",
          .enabled(if: RealData.present))
    func olist() throws {
        let harness = EmptyHarness()
        let out = harness.run("import \"\(RealData.mqls)\" dry-run").out
        #expect(out.contains("\"unknown\" is in 1,099 of origin (of 8,000 rows)"), "\(out)")
        #expect(out.contains("map \"first_contact_date\" to created date-format dd-MM-yyyy gives one"), "\(out)")
        #expect(out.contains("mql_id looks like one: map \"mql_id\" to id"), "\(out)")
        let mapped = harness.run("import \"\(RealData.mqls)\" map \"first_contact_date\" to created date-format dd-MM-yyyy").out
        #expect(mapped.contains("8,000 rows read: 8,000 added, 0 updated, 0 skipped"), "\(mapped)")
        #expect(!mapped.contains("created date"), "\(mapped)")
        #expect(harness.run("format table; count where age > 1d").out.trimmingCharacters(in: .whitespacesAndNewlines) == "8000")
        // A won date is no creation date: the deals file names none.
        let deals = harness.run("import \"\(RealData.deals)\" dry-run").out
        #expect(deals.contains("no column gives a created date: the 842 leads get none") && !deals.contains("map \"won_date\" to created"), "\(deals)")
    }
}
