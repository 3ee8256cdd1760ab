import Foundation

/// ISO-8601 timestamps as the workspace writes them, parsed and formatted by hand.
///
/// Hand-written because the workspace holds several timestamps per lead (a million leads
/// means millions of dates) and Foundation's formatters are slow and not `Sendable`.
public enum Timestamp {
    /// Parses `2026-10-03T09:12:00Z`, `2026-10-03T09:12:00.250+02:00`, `2026-10-03T09:12Z`
    /// or a plain date `2026-10-03` (midnight UTC). Returns nil for anything else.
    public static func parse(_ text: String) -> Date? {
        // The string's own bytes (no copy for a native string: dates are parsed by the million).
        var text = text
        return text.withUTF8 { parse(bytes: $0) }
    }

    static func parse(bytes b: UnsafeBufferPointer<UInt8>) -> Date? {
        var i = 0
        func number(_ count: Int) -> Int? {
            guard i + count <= b.count else { return nil }
            var value = 0
            for k in 0..<count {
                let d = b[i + k]
                guard d >= 0x30, d <= 0x39 else { return nil }
                value = value * 10 + Int(d - 0x30)
            }
            i += count
            return value
        }
        func take(_ ascii: Character) -> Bool {
            guard i < b.count, b[i] == ascii.asciiValue else { return false }
            i += 1
            return true
        }
        guard let year = number(4), take("-"), let month = number(2), take("-"), let day = number(2) else { return nil }
        guard (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day) else { return nil }
        var seconds = Double(daysFromCivil(year: year, month: month, day: day)) * 86_400
        if i == b.count { return Date(timeIntervalSince1970: seconds) }
        guard take("T") || take("t") || take(" ") else { return nil }
        guard let hour = number(2), take(":"), let minute = number(2), hour < 24, minute < 60 else { return nil }
        seconds += Double(hour * 3600 + minute * 60)
        if take(":") {
            guard let second = number(2), second < 61 else { return nil }
            seconds += Double(second)
            if take(".") || take(",") {
                var scale = 0.1
                var digits = 0
                while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
                    seconds += Double(b[i] - 0x30) * scale
                    scale /= 10
                    digits += 1
                    i += 1
                }
                guard digits > 0 else { return nil }
            }
        }
        if take("Z") || take("z") {
            // UTC
        } else if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
            let sign: Double = b[i] == UInt8(ascii: "+") ? 1 : -1
            i += 1
            guard let offsetHours = number(2) else { return nil }
            _ = take(":")
            guard let offsetMinutes = number(2), offsetHours < 24, offsetMinutes < 60 else { return nil }
            seconds -= sign * Double(offsetHours * 3600 + offsetMinutes * 60)
        } else {
            return nil
        }
        return i == b.count ? Date(timeIntervalSince1970: seconds) : nil
    }

    /// Seconds since 1970 of the form a save writes, `2026-10-03T09:12:00Z`, checked as
    /// `parse` checks it; nil for any other form (then `parse` decides). The streaming
    /// decoder reads millions of these, and this path does no per-character work beyond
    /// the digits.
    static func parseCanonical(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        guard b.count == 20, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54, b[13] == 0x3A, b[16] == 0x3A, b[19] == 0x5A else { return nil }
        @inline(__always) func two(_ at: Int) -> Int? {
            let d0 = b[at] &- 0x30, d1 = b[at + 1] &- 0x30
            return d0 < 10 && d1 < 10 ? Int(d0) * 10 + Int(d1) : nil
        }
        guard let c = two(0), let y = two(2), let month = two(5), let day = two(8),
              let hour = two(11), let minute = two(14), let second = two(17) else { return nil }
        let year = c * 100 + y
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
              hour < 24, minute < 60, second < 61 else { return nil }
        return Double(daysFromCivil(year: year, month: month, day: day)) * 86_400 + Double(hour * 3600 + minute * 60 + second)
    }

    /// Formats as `2026-10-03T09:12:00Z` (milliseconds only when present).
    public static func format(_ date: Date) -> String {
        let total = date.timeIntervalSince1970
        let whole = total.rounded(.down)
        var millis = Int(((total - whole) * 1000).rounded())
        var secondsSinceEpoch = Int64(whole)
        if millis == 1000 { millis = 0; secondsSinceEpoch += 1 }
        let days = Int(floorDiv(secondsSinceEpoch, 86_400))
        let secondOfDay = Int(secondsSinceEpoch - Int64(days) * 86_400)
        let (year, month, day) = civilFromDays(days)
        var text = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))"
        if millis != 0 { text += ".\(pad(millis, 3))" }
        return text + "Z"
    }

    /// Formats the date part only: `2026-10-03` (UTC).
    public static func formatDay(_ date: Date) -> String {
        String(format(date).prefix(10))
    }

    /// Formats for tables: `2026-10-03 09:12` (UTC).
    public static func formatShort(_ date: Date) -> String {
        let full = format(date)
        return String(full.prefix(10)) + " " + String(full.dropFirst(11).prefix(5))
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }

    private static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 (Howard Hinnant's algorithm).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    private static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
