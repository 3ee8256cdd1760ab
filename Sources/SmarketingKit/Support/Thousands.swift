import Foundation

/// Numbers for people: thousands separated by commas (`1,148,903`, `12,500.5`), so a
/// table of large counts reads at a glance. JSON and CSV keep plain numbers. In the kit
/// so the texts it words (an agreement's effect) group like the shell's tables.
public enum Thousands {
    /// A count in prose (a footer, a message): `100,000 leads`, as the table cells above it.
    public static func format(_ count: Int) -> String {
        format(Double(count))
    }

    /// A count with its noun, singular for exactly one: `1 column`, `5 columns`,
    /// `1,200 leads` (`plural` for a noun that does not just take an s). The one plural
    /// rule for counts in prose, so a message never says `column(s)`.
    public static func count(_ count: Int, _ noun: String, plural: String? = nil) -> String {
        format(count) + " " + (count == 1 ? noun : plural ?? noun + "s")
    }

    public static func format(_ value: Double) -> String {
        let plain = NumberText.format(value)
        guard value.isFinite, abs(value) >= 1000, abs(value) < 1e15 else { return plain }
        let negative = plain.hasPrefix("-")
        let unsigned = negative ? String(plain.dropFirst()) : plain
        let parts = unsigned.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        var digits = Array(parts[0])
        guard digits.allSatisfy(\.isNumber) else { return plain }
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + String(digits.suffix(3)) + grouped
            digits.removeLast(3)
        }
        grouped = String(digits) + grouped
        if parts.count > 1 { grouped += "." + parts[1] }
        return (negative ? "-" : "") + grouped
    }
}
