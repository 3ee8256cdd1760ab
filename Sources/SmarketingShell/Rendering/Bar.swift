/// Horizontal bars drawn with block characters, an eighth of a column at a time.
enum Bar {
    private static let partials: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// A bar `fraction` (0…1) of `width` columns long.
    static func draw(_ fraction: Double, width: Int) -> String {
        let eighths = Int((max(0, min(1, fraction)) * Double(width) * 8).rounded())
        var bar = String(repeating: "█", count: eighths / 8)
        if eighths % 8 > 0 { bar.append(partials[eighths % 8 - 1]) }
        return bar
    }
}
