import Foundation

/// Folding for "contains" and search: lower case, accents removed, so `lofgren` finds
/// "Löfgren", `goteborg` finds "Göteborg" and `stefan` finds "Ștefan".
public enum TextFold {
    public static func fold(_ text: String) -> String {
        var isASCII = true
        for byte in text.utf8 where byte >= 0x80 { isASCII = false; break }
        if isASCII { return text.lowercased() }
        var scalars = String.UnicodeScalarView()
        for scalar in text.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .enclosingMark:
                continue
            default:
                scalars.append(substitute[scalar] ?? scalar)
            }
        }
        return String(scalars)
    }

    /// Letters that carry their accent inside (no decomposition): fold them by hand.
    private static let substitute: [Unicode.Scalar: Unicode.Scalar] = [
        "ø": "o", "ł": "l", "đ": "d", "ı": "i", "æ": "a", "œ": "o", "ß": "s",
    ]
}
