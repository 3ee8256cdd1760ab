/// One interned category field: a code per row into a small table of distinct values.
///
/// Queries compare codes, and `count by` counts codes in an array; the strings are
/// looked at once per distinct value, not once per lead.
struct CategoryColumn: Sendable {
    /// Code per row; `CategoryColumn.none` when the lead has no value.
    var codes: [UInt32] = []
    /// The distinct values, indexed by code.
    private(set) var values: [String] = []
    private var valueBytes: [[UInt8]] = []
    private var table = ByteHashTable()

    static let none = UInt32.max

    /// The code of `bytes`, adding the value when it is new.
    mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        let hash = ByteHashTable.hash(bytes)
        let known = valueBytes
        if let code = table.find(hash: hash, matches: { code in
            known[Int(code)].withUnsafeBufferPointer { $0.equals(bytes) }
        }) {
            return UInt32(code)
        }
        let code = values.count
        values.append(String(decoding: bytes, as: UTF8.self))
        valueBytes.append(Array(bytes))
        table.insert(hash: hash, value: Int32(code))
        return UInt32(code)
    }

    mutating func intern(_ text: String) -> UInt32 {
        var copy = text
        return copy.withUTF8 { intern($0) }
    }

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>?) {
        codes.append(bytes.map { intern($0) } ?? Self.none)
    }

    mutating func append(_ text: String?) {
        codes.append(text.map { intern($0) } ?? Self.none)
    }

    func value(at row: Int) -> String? {
        let code = codes[row]
        return code == Self.none ? nil : values[Int(code)]
    }
}
