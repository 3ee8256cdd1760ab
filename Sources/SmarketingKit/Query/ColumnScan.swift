/// The leaf scans of a column plan: one tight loop over one or two columns each.
enum ColumnScan {
    /// Rows whose stage code names a stage for which `matching` holds. Each stage is
    /// tested once, not once per lead.
    static func stage(matching: @escaping (String) -> Bool) -> ColumnPlan.Scan {
        { table, mask in
            var matches = [Bool](repeating: false, count: 256)
            for (code, stage) in table.funnel.stages.enumerated() where code < 254 { matches[code] = matching(stage.id) }
            return table.columns.stage.withUnsafeBufferPointer { codes in
                matches.withUnsafeBufferPointer { matches in
                    RowBitmap(count: table.count, within: mask) { row in
                        let code = codes[row]
                        return code == 255 ? matching(table.lead(at: row).stage) : matches[Int(code)]
                    }
                }
            }
        }
    }

    /// Rows whose category value satisfies `matches`, tested once per distinct value.
    static func category(_ field: CategoryField, noneMatches: Bool, matches: @escaping (QueryValue) -> Bool) -> ColumnPlan.Scan {
        { table, mask in
            let column = table.columns.categories[field.rawValue]
            return codes(column.codes, values: column.values, count: table.count, mask: mask, noneMatches: noneMatches, matches: matches)
        }
    }

    /// Rows whose computed category (quadrant, persona, feedback, reason) satisfies `matches`.
    static func computed(_ key: ColumnKey, environment: QueryEnvironment, noneMatches: Bool,
                         matches: @escaping (QueryValue) -> Bool) -> ColumnPlan.Scan {
        { table, mask in
            let category = environment.computedCategory(key, table)
            return codes(category.codes, values: category.values, count: table.count, mask: mask, noneMatches: noneMatches, matches: matches)
        }
    }

    /// Rows whose code names a value for which `matches` holds; each value tested once.
    private static func codes(_ codes: [UInt32], values: [String], count: Int, mask: RowBitmap?, noneMatches: Bool,
                              matches: (QueryValue) -> Bool) -> RowBitmap {
        Self.codes(codes, values: values, count: count, mask: mask, noneMatches: noneMatches, matching: values.map { matches(.text($0)) })
    }

    /// Rows whose code's entry in `matching` is true (`noneMatches` for none).
    private static func codes(_ codes: [UInt32], values: [String], count: Int, mask: RowBitmap?, noneMatches: Bool,
                              matching: [Bool]) -> RowBitmap {
        do {
            return codes.withUnsafeBufferPointer { codes in
                matching.withUnsafeBufferPointer { matching in
                    RowBitmap(count: count, within: mask) { row in
                        let code = codes[row]
                        return code == CategoryColumn.none ? noneMatches : matching[Int(code)]
                    }
                }
            }
        }
    }

    /// Rows whose text value satisfies `holds`; a string is made per row, no lead.
    static func text(_ field: TextField, holds: @escaping (QueryValue) -> Bool) -> ColumnPlan.Scan {
        { table, mask in
            RowBitmap(count: table.count, within: mask) { row in holds(table.text(field, at: row).map(QueryValue.text) ?? .none) }
        }
    }

    /// Rows whose text contains `needle` (folded, ASCII), case ignored: ASCII text is
    /// searched in place, byte by byte, with no string made; other text takes `holds`,
    /// the general (accent-folding) test.
    static func textContains(_ field: TextField, needle: [UInt8], holds: @escaping (QueryValue) -> Bool) -> ColumnPlan.Scan {
        { table, mask in
            // A column whose values repeat (titles): each distinct value tested once.
            if let text = TextCodes.of(field, in: table) {
                let matching = text.values.map { value in
                    var value = value
                    return value.withUTF8 { asciiContains($0, needle) } ?? holds(.text(value))
                }
                return codes(text.codes, values: text.values, count: table.count, mask: mask, noneMatches: holds(.none),
                             matching: matching)
            }
            // Non-ASCII texts repeat (titles, companies): each distinct one is folded and
            // tested once, up to a bound that keeps a column of unique names from
            // filling memory.
            var tested: [String: Bool] = [:]
            return table.columns.text[field.rawValue].withUnsafeBufferPointer { refs in
                table.source.withUnsafeBufferPointer { source in
                    table.columns.arena.withUnsafeBufferPointer { arena in
                        RowBitmap(count: table.count, within: mask) { row in
                            let ref = refs[row]
                            if ref.isNone { return holds(.none) }
                            let bytes = UnsafeBufferPointer(rebasing: (ref.inArena ? arena : source)[ref.offset..<(ref.offset + ref.length)])
                            if let found = asciiContains(bytes, needle) { return found }
                            let text = String(decoding: bytes, as: UTF8.self)
                            if let known = tested[text] { return known }
                            let found = holds(.text(text))
                            if tested.count < 1 << 16 { tested[text] = found }
                            return found
                        }
                    }
                }
            }
        }
    }

    /// Whether ASCII `text` contains the lower-case ASCII `needle`, case ignored; nil when
    /// `text` is not ASCII (folding accents needs the general path).
    @inline(__always)
    static func asciiContains(_ text: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool? {
        needle.withUnsafeBufferPointer { needle in
            var found = needle.isEmpty
            let n = needle.count
            var i = 0
            while i < text.count {
                let byte = text[i]
                if byte >= 0x80 { return nil }
                if !found, i + n <= text.count, byte | (byte &- 0x41 < 26 ? 0x20 : 0) == needle[0] {
                    var k = 1
                    while k < n {
                        var b = text[i + k]
                        if b &- 0x41 < 26 { b |= 0x20 }
                        if b != needle[k] { break }
                        k += 1
                    }
                    if k == n { found = true }
                }
                i += 1
            }
            return found
        }
    }

    /// Rows whose numeric value satisfies `compare`. NaN (none) fails every comparison
    /// except `!=`, which is exactly how `QueryValue.holds` treats none.
    static func number(_ key: ColumnKey, environment: QueryEnvironment, _ compare: @escaping (Double) -> Bool) -> ColumnPlan.Scan {
        { table, mask in
            switch key {
            case .number(let field):
                return ColumnKey.numberColumn(field, table, environment).withUnsafeBufferPointer { values in
                    RowBitmap(count: table.count, within: mask) { compare(values[$0]) }
                }
            case .score:
                let scoring = environment.workspace.scoring
                return ColumnKey.fitColumn(table, environment).withUnsafeBufferPointer { fit in
                    ColumnKey.interestColumn(table, environment).withUnsafeBufferPointer { interest in
                        RowBitmap(count: table.count, within: mask) { compare(ColumnKey.score(fit[$0], interest[$0], scoring)) }
                    }
                }
            default:
                let read = key.reader(table, environment)
                return RowBitmap(count: table.count, within: mask) { compare(read($0)) }
            }
        }
    }

    /// Rows where the field has no value.
    static func none(_ key: ColumnKey, environment: QueryEnvironment) -> ColumnPlan.Scan {
        { table, mask in
            switch key {
            case .text(let field):
                let refs = table.columns.text[field.rawValue]
                return RowBitmap(count: table.count, within: mask) { refs[$0].isNone }
            case .category(let field):
                let codes = table.columns.categories[field.rawValue].codes
                return RowBitmap(count: table.count, within: mask) { codes[$0] == CategoryColumn.none }
            case .stage, .attempts, .activities, .quadrant, .dupes, .feedbacks, .rejected:
                return RowBitmap(count: table.count)
            case .tags, .custom:
                return RowBitmap(count: table.count, within: mask) { key.value(table, $0, environment) == .none }
            case .persona, .feedback, .reason:
                let codes = environment.computedCategory(key, table).codes
                return RowBitmap(count: table.count, within: mask) { codes[$0] == CategoryColumn.none }
            default:
                let read = key.reader(table, environment)
                return RowBitmap(count: table.count, within: mask) { read($0).isNaN }
            }
        }
    }

    /// `value op target` on doubles; nil for `~`, which numbers refuse at compile time.
    static func comparison(_ op: CompareOp, _ target: Double) -> ((Double) -> Bool)? {
        switch op {
        case .equal: { $0 == target }
        case .notEqual: { $0 != target }
        case .less: { $0 < target }
        case .lessOrEqual: { $0 <= target }
        case .greater: { $0 > target }
        case .greaterOrEqual: { $0 >= target }
        case .contains: nil
        }
    }
}
