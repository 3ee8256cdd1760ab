import SmarketingKit

/// Shares as people read them: `42.3%`.
enum Percent {
    static func format(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "–" }
        return format(Double(part) / Double(whole))
    }

    /// A share rounded to one decimal, except that a share above nothing never reads as
    /// none, nor one short of all as all: 4 leads of 9,237 are `<0.1%`, not `0%`.
    static func format(_ fraction: Double) -> String {
        let value = (fraction * 1000).rounded() / 10
        if value == 0, fraction > 0 { return "<0.1%" }
        if value == 100, fraction < 1 { return ">99.9%" }
        return NumberText.format(value) + "%"
    }
}
