import SmarketingKit

/// Shares as people read them: `42.3%`.
enum Percent {
    static func format(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "–" }
        return format(Double(part) / Double(whole))
    }

    static func format(_ fraction: Double) -> String {
        let value = (fraction * 1000).rounded() / 10
        return NumberText.format(value) + "%"
    }
}
