/// A text column read as a category when its values repeat (titles: a few hundred
/// distinct values among a million leads): one code per table row and the distinct
/// texts, so `title ~ 'head'` tests each distinct title once and then reads four bytes
/// per lead, instead of reaching into the file's text for every lead (a cache miss per
/// lead, about 150 ms per scan at a million leads; the fit rules scan titles three times).
struct TextCodes: Sendable {
    /// Per table row: the position of its text in `values`, or `CategoryColumn.none`.
    let codes: [UInt32]
    /// The distinct texts, as written.
    let values: [String]

    /// The codes of `field` in `table`, worked out on first use and kept with the table;
    /// nil when the column's values hardly repeat (names, emails), also kept.
    static func of(_ field: TextField, in table: LeadTable) -> TextCodes? {
        let kept: Kept? = table.memo.value("text-codes-\(field.rawValue)", key: 0) { Kept(codes: build(field, table)) }
        return kept?.codes
    }

    /// A kept answer, "not worth it" included.
    private struct Kept: Sendable {
        let codes: TextCodes?
    }

    /// At most one distinct value per this many rows (and at least this many rows)
    /// for the codes to be worth keeping.
    static let rowsPerValue = 16

    private static func build(_ field: TextField, _ table: LeadTable) -> TextCodes? {
        let count = table.count
        guard count >= 4 * rowsPerValue else { return nil }
        let limit = count / rowsPerValue
        var codes = [UInt32](repeating: CategoryColumn.none, count: count)
        var values: [String] = []
        var valueBytes: [[UInt8]] = []
        var index = ByteHashTable(capacity: 256)
        let complete = table.columns.text[field.rawValue].withUnsafeBufferPointer { refs in
            table.source.withUnsafeBufferPointer { source in
                table.columns.arena.withUnsafeBufferPointer { arena in
                    codes.withUnsafeMutableBufferPointer { codes in
                        for row in 0..<count {
                            let ref = refs[row]
                            if ref.isNone { continue }
                            let bytes = UnsafeBufferPointer(rebasing: (ref.inArena ? arena : source)[ref.offset..<(ref.offset + ref.length)])
                            let hash = ByteHashTable.hash(bytes)
                            if let known = index.find(hash: hash, matches: { code in valueBytes[Int(code)].withUnsafeBufferPointer { $0.equals(bytes) } }) {
                                codes[row] = UInt32(known)
                                continue
                            }
                            guard values.count < limit else { return false }
                            index.insert(hash: hash, value: Int32(values.count))
                            codes[row] = UInt32(values.count)
                            valueBytes.append(Array(bytes))
                            values.append(String(decoding: bytes, as: UTF8.self))
                        }
                        return true
                    }
                }
            }
        }
        return complete ? TextCodes(codes: codes, values: values) : nil
    }
}
