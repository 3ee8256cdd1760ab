import Foundation
import Testing
@testable import SmarketingKit

@Suite("Reading CSV exports as they really are")
struct CSVReaderTests {
    func read(_ text: String, separator: UInt8? = nil) throws -> CSVDocument {
        try CSVReader.read(Array(text.utf8), separator: separator)
    }

    @Test("a BOM, CRLF and no final newline read like plain LF with one")
    func warts() throws {
        let plain = try read("a,b\n1,2\n3,4\n")
        let warty = try CSVReader.read([0xEF, 0xBB, 0xBF] + Array("a,b\r\n1,2\r\n3,4".utf8))
        #expect(plain.header == ["a", "b"] && warty.header == ["a", "b"])
        #expect(plain.records == warty.records)
        #expect(warty.records.map(\.line) == [2, 3])
        #expect(warty.encoding == .utf8BOM && warty.lineEnding == "CRLF" && !warty.finalNewline)
    }

    @Test("quoted fields keep separators, doubled quotes and line breaks; lines count the breaks")
    func quoting() throws {
        let doc = try read("name,note\r\n\"Holm, Ingrid\",\"said \"\"yes\"\"\"\r\nx,\"two\r\nlines\"\r\ny,after\r\n")
        #expect(doc.records[0].fields == ["Holm, Ingrid", "said \"yes\""])
        // A quoted CRLF line break reads as the line break it is, without a stray "\r".
        #expect(doc.records[1].fields == ["x", "two\nlines"])
        #expect(doc.records.map(\.line) == [2, 3, 5])
    }

    @Test("the separator is sniffed from the header: semicolon and tab as well as comma")
    func sniffing() throws {
        #expect(try read("a;b;c\n1;2,5;3\n").records[0].fields == ["1", "2,5", "3"])
        #expect(try read("a\tb\n1\t2\n").separator == 0x09)
        #expect(try read("\"a;x\",b\n1,2\n").separator == 0x2C)
    }

    @Test("trailing empty header columns are dropped")
    func trailingColumns() throws {
        let doc = try read("a,b,,\n1,2,,\n")
        #expect(doc.header == ["a", "b"])
        #expect(doc.records[0].fields == ["1", "2", "", ""])
    }

    @Test("Latin-1 / Windows-1252 is converted, never shown as mojibake; UTF-16 is refused")
    func encodings() throws {
        let latin1: [UInt8] = Array("name,city\n".utf8) + [0x53, 0x74, 0x65, 0x66, 0x61, 0x6E, 0x2C, 0x47, 0xF6, 0x74, 0x65, 0x62, 0x6F, 0x72, 0x67, 0x20, 0x80, 0x0A]
        let doc = try CSVReader.read(latin1)
        #expect(doc.records[0].fields == ["Stefan", "Göteborg €"])
        #expect(doc.encoding == .latin1)
        #expect(throws: CSVError.self) { try CSVReader.read([0xFF, 0xFE, 0x61, 0x00]) }
        #expect(throws: CSVError.unsupportedEncoding("neither UTF-8 nor Latin-1 (byte 0xe9 at offset 3)")) {
            try CSVReader.read([0x61, 0x0A, 0x62, 0xE9, 0x81])
        }
    }

    @Test("a UTF-8 file with one broken byte is refused naming its line, not converted as Latin-1")
    func brokenUTF8() throws {
        let bytes = Array("name,city\nȘtefan,Göteborg\nx,".utf8) + [0xFF] + Array("\n".utf8)
        #expect(throws: CSVError.unsupportedEncoding("UTF-8 with a broken byte (0xff on line 3); fix that line or export the file again as CSV UTF-8")) {
            try CSVReader.read(bytes)
        }
    }

    @Test("an unclosed quote names the line it opened on")
    func unclosed() throws {
        #expect(throws: CSVError.unterminatedQuote(line: 3)) { try read("a,b\n1,2\n3,\"oops\n4,5\n") }
        #expect(throws: CSVError.empty) { try read("") }
    }

    @Test("any bytes read without a crash", arguments: 0..<200)
    func noCrash(seed: Int) throws {
        var generator = SplitMix(seed: UInt64(seed))
        let alphabet: [UInt8] = [0x2C, 0x3B, 0x09, 0x22, 0x0A, 0x0D, 0x61, 0x62, 0xC3, 0xA9, 0xFF, 0xEF, 0xBB, 0xBF, 0x20]
        let bytes = (0..<Int(generator.next() % 64)).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
        _ = try? CSVReader.read(bytes)
    }

    @Test("dates in a date-format, and the ISO forms CRMs write")
    func dates() {
        let olist = ImportDate(format: "dd-MM-yyyy HH:mm")
        #expect(olist.parse("26-02-2018 19:58") == Timestamp.parse("2018-02-26T19:58:00Z"))
        #expect(olist.parse("2018-02-26") == nil)
        #expect(ImportDate(format: "dd-MM-yyyy").parse("01-02-2018") == Timestamp.parse("2018-02-01"))
        let iso = ImportDate(format: nil)
        #expect(iso.parse("2026-10-02 09:14") == Timestamp.parse("2026-10-02T09:14:00Z"))
        #expect(iso.parse("2024-01-15T10:23:00.000+0000") == Timestamp.parse("2024-01-15T10:23:00Z"))
        #expect(iso.parse("15/01/2024") == nil)
    }

    @Test("CRM presets are found from their real headers")
    func presets() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let salesforce = root.deletingLastPathComponent().appendingPathComponent("shared/data/salesforce_lead_export_header.csv").path
        if let bytes = FileManager.default.contents(atPath: salesforce) {
            let doc = try CSVReader.read(Array(bytes))
            #expect(doc.header.count == 67)
            #expect(ImportPreset.detect(header: doc.header) == .salesforce)
        }
        #expect(ImportPreset.detect(header: ["First Name", "Last Name", "Email", "Lifecycle Stage", "Lead Status"]) == .hubspot)
        #expect(ImportPreset.detect(header: ["Lead - Title", "Lead - Owner", "Person - Name"]) == .pipedrive)
        #expect(ImportPreset.detect(header: ["mql_id", "origin"]) == nil)
        #expect(ImportField.customName(for: "Total Time Spent on Website") == "totalTimeSpentOnWebsite")
        #expect(ImportField.customName(for: "mql_id") == "mqlId")
    }
}
