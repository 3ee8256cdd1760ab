import SmarketingKit

/// Shares as people read them: `42.3%`.
enum Percent {
    static func format(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "–" }
        return format(Double(part) / Double(whole))
    }

    /// A share with always one decimal (`50.0%` beside `19.3%`, so a column of shares
    /// lines up on the point and a line of them reads alike), except that a share above
    /// nothing never reads as none, nor one short of all as all: 4 leads of 9,237 are
    /// `<0.1%`, not `0.0%`.
    static func format(_ fraction: Double) -> String {
        guard fraction.isFinite else { return "–" }
        // Beyond what an Int of tenths holds (no share comes near): the plain number.
        guard abs(fraction) < 1e12 else { return NumberText.format(fraction * 100) + "%" }
        let tenths = Int((fraction * 1000).rounded())
        if tenths == 0, fraction > 0 { return "<0.1%" }
        if tenths == 1000, fraction < 1 { return ">99.9%" }
        let size = abs(tenths)
        return (tenths < 0 ? "-" : "") + "\(size / 10).\(size % 10)%"
    }
}
