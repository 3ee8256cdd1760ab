import Testing
@testable import SmarketingKit

/// The row estimate an import reserves its columns with (issue 16, item 7: memory): too
/// low and a million rows' columns grow by doubling, each copy leaving its old buffer.
@Suite("import row estimate")
struct ImportEstimateTests {
    @Test("CRLF, LF and CR-less last lines count the same records; blank lines count none", arguments: ["\r\n", "\n"])
    func lineEnds(end: String) {
        let text = Array(("h1,h2" + end + "a,b" + end + "c,d" + end + end + "e,f").utf8)
        let start = 5 + end.utf8.count
        #expect(ImportedRowsBuilder.estimatedRows(in: text, from: start, columns: 2) == 3)
        #expect(ImportedRowsBuilder.estimatedRows(in: text + Array(end.utf8), from: start, columns: 2) == 3)
        #expect(ImportedRowsBuilder.estimatedRows(in: text, from: text.count, columns: 2) == 0)
    }
}
