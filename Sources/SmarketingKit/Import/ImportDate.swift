import Foundation

/// Dates as exports write them: ISO-8601 (`2024-01-15`, `2024-01-15 10:23`,
/// `2024-01-15T10:23:00.000+0000`), or in a `date-format` such as `dd-MM-yyyy HH:mm`
/// (letters `yyyy MM dd HH mm ss`; anything else must match itself). Read as UTC.
public struct ImportDate: Sendable, Equatable {
    public let format: String?

    public init(format: String?) {
        self.format = format
    }

    /// Whether `format` is one this reader can follow (it names a year, month and day).
    public static func isValid(format: String) -> Bool {
        format.contains("yyyy") && format.contains("MM") && format.contains("dd")
    }

    public func parse(_ text: String) -> Date? {
        // Foundation's trimming bridges to NSString: a tenth of a 100k-row import's time
        // when called on every date cell, most of which (already trimmed) have no space.
        let text = Self.mayBePadded(text) ? text.trimmingCharacters(in: .whitespaces) : text
        guard let format else { return Self.parseISO(text) }
        let pattern = Array(format)
        let chars = Array(text)
        var values: [Character: Int] = [:]
        var i = 0, p = 0
        while p < pattern.count {
            let letter = pattern[p]
            if "yMdHms".contains(letter) {
                var width = 0
                while p < pattern.count, pattern[p] == letter { width += 1; p += 1 }
                var digits = 0, value = 0
                // A two-letter field takes one or two digits (`5-3-2018` as well as `05-03-2018`).
                let most = width == 2 ? 2 : width
                while i < chars.count, digits < most, let digit = chars[i].wholeNumberValue, chars[i].isASCII {
                    value = value * 10 + digit
                    digits += 1
                    i += 1
                }
                guard digits > 0, width != 4 || digits == 4 else { return nil }
                values[letter] = value
            } else {
                guard i < chars.count, chars[i] == letter else { return nil }
                i += 1
                p += 1
            }
        }
        guard i == chars.count, let year = values["y"], let month = values["M"], let day = values["d"] else { return nil }
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let iso = "\(year)-\(two(month))-\(two(day))T\(two(values["H"] ?? 0)):\(two(values["m"] ?? 0)):\(two(values["s"] ?? 0))Z"
        return Timestamp.parse(iso)
    }

    /// True when `text` starts or ends in a space, a tab or a non-ASCII byte (which may be
    /// a Unicode space).
    @inline(__always)
    static func mayBePadded(_ text: String) -> Bool {
        guard let first = text.utf8.first, let last = text.utf8.last else { return false }
        return first == 0x20 || first == 0x09 || first >= 0x80 || last == 0x20 || last == 0x09 || last >= 0x80
    }

    /// ISO-8601 with the forms CRM exports add: a space for `T`, no zone (UTC), `+0000`.
    static func parseISO(_ text: String) -> Date? {
        if let date = Timestamp.parse(text) { return date }
        var candidate = text
        if candidate.count >= 16, !candidate.hasSuffix("Z"), !candidate.dropFirst(10).contains(where: { $0 == "+" || $0 == "-" }) {
            candidate += "Z"
            if let date = Timestamp.parse(candidate) { return date }
        }
        // `+0000` → `+00:00`.
        if candidate.count > 5 {
            let zone = candidate.suffix(5)
            if let sign = zone.first, sign == "+" || sign == "-", zone.dropFirst().allSatisfy(\.isNumber) {
                let head = String(candidate.dropLast(5))
                let hours = String(zone.prefix(3)), minutes = String(zone.suffix(2))
                return Timestamp.parse(head + hours + ":" + minutes)
            }
        }
        return nil
    }
}
