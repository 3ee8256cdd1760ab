import Foundation
import Testing
@testable import SmarketingKit

@Suite("Timestamps")
struct TimestampTests {
    @Test("parses the forms a workspace uses", arguments: [
        ("2026-10-03T09:12:00Z", 1_791_018_720.0),
        ("2026-10-03T11:12:00+02:00", 1_791_018_720.0),
        ("2026-10-03T09:12Z", 1_791_018_720.0),
        ("2026-10-03", 1_790_985_600.0),
        ("2026-10-03T09:12:00.250Z", 1_791_018_720.25),
    ])
    func parses(text: String, seconds: Double) {
        #expect(Timestamp.parse(text)?.timeIntervalSince1970 == seconds)
    }

    @Test("refuses what is not a date", arguments: ["yesterday", "2026-13-01", "2026-02-30", "2026-10-03T25:00Z", "2026-10-03T09:12", ""])
    func refuses(text: String) {
        #expect(Timestamp.parse(text) == nil)
    }

    @Test("formats back to the same text")
    func roundTrip() {
        for text in ["2026-10-03T09:12:00Z", "1999-12-31T23:59:59Z", "2024-02-29T00:00:00.125Z", "1969-07-20T20:17:40Z"] {
            #expect(Timestamp.parse(text).map(Timestamp.format) == text)
        }
    }
}
