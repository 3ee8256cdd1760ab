import Foundation

/// The streaming decoder gave up; the caller decodes the document the slow, exact way
/// (`JSONParser` and `Lead(json:)`), which produces the error message, if there is one.
struct StreamRefusal: Error {}

/// Decodes a `leads` array in one pass over the file's bytes, straight into columns.
///
/// It accepts exactly what the tree decoder accepts and nothing more: whatever it is not
/// sure about (an error, an escaped key, a repeated key, a date it must normalize) it
/// either hands one lead to the tree decoder or refuses the whole document, so every
/// error message stays the tree decoder's own. Nested records (activities, history,
/// feedback) are validated here but kept as bytes; what queries need from them (counts,
/// attempts, the last touch) is computed on the way.
struct LeadStreamDecoder {
    let bytes: UnsafeBufferPointer<UInt8>
    var i: Int
    let funnel: Funnel
    var columns = LeadColumns()
    var rawStart = FileOffsets()
    var rawEnd = FileOffsets()
    var canonical: [Bool] = []
    /// Leads that are canonical but for their spacing (a compact file from another tool).
    var respaced: [Bool] = []
    var whole: [Int: Lead] = [:]
    var index: LeadIDIndex
    private var stageTable = ByteHashTable()
    private var stageBytes: [[UInt8]] = []
    /// False once the current lead's text differs from what `Lead.json` writes.
    private var canon = true

    /// True once the current lead's whitespace differs from what `Lead.json` writes.
    private var spacing = false

    /// The text is valid but not written as a save writes it.
    mutating func noteLayout() { canon = false }

    /// The text differs from a save's only in whitespace between tokens: a save can
    /// copy it with the whitespace rewritten, without decoding the lead.
    mutating func noteSpacing() { spacing = true }
    var row = Row()

    /// The values of the lead being read, appended to the columns once it is complete.
    struct Row {
        var text = [TextRef](repeating: .none, count: TextField.allCases.count)
        var categories = [UInt32](repeating: CategoryColumn.none, count: CategoryField.allCases.count)
        var numbers = [Double](repeating: .nan, count: NumberField.allCases.count)
        var stage: UInt8 = 255
        var attempts: UInt32 = 0
        /// The lead's activities so far (type code, time), and the record being read.
        var activityTypes: [UInt32] = []
        var activityAt: [Double] = []
        var recordAt = Double.nan
        var recordType = CategoryColumn.none
        /// The lead's stage moves so far (codes left and entered, time), and the record's.
        var historyFrom: [UInt8] = []
        var historyTo: [UInt8] = []
        var historyAt: [Double] = []
        var recordFrom = StageCodes.none
        var recordTo = StageCodes.none
        /// The lead's move notes and reject marks so far, and the record's.
        var historyNote: [TextRef] = []
        var historyReject: [Bool] = []
        var recordNote = TextRef.none
        var recordReject = false
        /// The lead's verdicts so far: how many, the latest (a `feedbackLatest` code) and
        /// when; and the record's verdict.
        var feedbackCount: UInt32 = 0
        var feedbackLatest: UInt8 = 0
        var feedbackLatestAt = Double.nan
        var recordVerdict: UInt8 = 0
        var tagCodes: [UInt32] = []
        var fieldsStart = -1
        var fieldsEnd = -1
        var seen: UInt32 = 0
        var lastKnown = -1
        var sawUnknown = false

        /// Clears the row for the next lead, keeping the arrays' storage.
        mutating func reset() {
            for k in text.indices { text[k] = .none }
            for k in categories.indices { categories[k] = CategoryColumn.none }
            for k in numbers.indices { numbers[k] = .nan }
            stage = 255
            attempts = 0
            activityTypes.removeAll(keepingCapacity: true)
            activityAt.removeAll(keepingCapacity: true)
            historyFrom.removeAll(keepingCapacity: true)
            historyTo.removeAll(keepingCapacity: true)
            historyAt.removeAll(keepingCapacity: true)
            historyNote.removeAll(keepingCapacity: true)
            historyReject.removeAll(keepingCapacity: true)
            feedbackCount = 0
            feedbackLatest = 0
            feedbackLatestAt = .nan
            tagCodes.removeAll(keepingCapacity: true)
            fieldsStart = -1
            fieldsEnd = -1
            seen = 0
            lastKnown = -1
            sawUnknown = false
        }
    }

    /// Decodes the array starting at `offset` (a `[`); returns the table and the offset
    /// just past the array.
    static func decode(_ buffer: UnsafeBufferPointer<UInt8>, source: FileBytes, at offset: Int,
                       funnel: Funnel) throws(StreamRefusal) -> (table: LeadTable, end: Int) {
        try decode(buffer, source: source, at: offset, funnel: funnel, split: splitPoint(buffer, from: offset))
    }

    /// Decodes as above, in two halves cut at `split` (a guess the first half checks),
    /// or in one pass when it is nil.
    static func decode(_ buffer: UnsafeBufferPointer<UInt8>, source: FileBytes, at offset: Int,
                       funnel: Funnel, split: Int?) throws(StreamRefusal) -> (table: LeadTable, end: Int) {
        LoadProgress.bytesDecoded.store(offset, ordering: .relaxed)
        var decoder = LeadStreamDecoder(bytes: buffer, i: offset, funnel: funnel,
                                        index: LeadIDIndex(capacity: max(16, buffer.count / 800)))
        if let split {
            // Blocks go back when freed while the halves are built and joined, not after.
            defer { LargeAllocations.reuseFreed() }
            try decoder.readArrayInHalves(split: split)
        } else {
            try decoder.readArray()
        }
        let table = LeadTable(columns: decoder.columns, source: source, rawStart: decoder.rawStart, rawEnd: decoder.rawEnd,
                              canonical: decoder.canonical, respaced: decoder.respaced, whole: decoder.whole, funnel: funnel,
                              index: decoder.index)
        return (table, decoder.i)
    }

    init(bytes: UnsafeBufferPointer<UInt8>, i: Int, funnel: Funnel, index: LeadIDIndex) {
        self.bytes = bytes
        self.i = i
        self.funnel = funnel
        self.index = index
        for (code, stage) in funnel.stages.enumerated() where code < 254 {
            var id = stage.id
            id.withUTF8 { idBytes in
                let hash = ByteHashTable.hash(idBytes)
                let known = stageBytes
                if stageTable.find(hash: hash, matches: { known[Int($0)].withUnsafeBufferPointer { $0.equals(idBytes) } }) == nil {
                    stageBytes.append(Array(idBytes))
                    stageTable.insert(hash: hash, value: Int32(stageBytes.count - 1))
                    stageCodeOf.append(UInt8(code))
                }
            }
        }
    }

    private var stageCodeOf: [UInt8] = []
    private var day = DayCache()

    // MARK: - The array and its leads

    mutating func readArray(estimatedBytes: Int? = nil) throws(StreamRefusal) {
        try expect(UInt8(ascii: "["))
        reserve(forBytes: estimatedBytes ?? bytes.count)
        skipWhitespace()
        if peek == UInt8(ascii: "]") { i += 1; return }
        _ = try readElements(stopAt: nil)
    }

    /// Room for the leads `count` bytes of the file hold (about 900 bytes a lead).
    mutating func reserve(forBytes count: Int) {
        let estimate = count / 900
        columns.reserve(estimate)
        rawStart.reserveCapacity(estimate)
        rawEnd.reserveCapacity(estimate)
        canonical.reserveCapacity(estimate)
        respaced.reserveCapacity(estimate)
    }

    /// Reads leads separated by commas up to and past the closing `]` (false). With
    /// `stopAt`, stops instead where the next lead starts exactly there (true).
    mutating func readElements(stopAt: Int?) throws(StreamRefusal) -> Bool {
        var reported = i
        defer { LoadProgress.bytesDecoded.add(i &- reported, ordering: .relaxed) }
        while true {
            skipWhitespace()
            if i == stopAt { return true }
            if i &- reported > 1 << 20 {
                LoadProgress.bytesDecoded.add(i &- reported, ordering: .relaxed)
                reported = i
            }
            try readLeadOrFallBack()
            skipWhitespace()
            switch peek {
            case UInt8(ascii: ","): i += 1
            case UInt8(ascii: "]"): i += 1; return false
            default: throw StreamRefusal()
            }
        }
    }

    private mutating func readLeadOrFallBack() throws(StreamRefusal) {
        let start = i
        canon = true
        spacing = false
        row.reset()
        let arenaMark = columns.arena.count
        do {
            try readLead()
        } catch {
            columns.arena.removeLast(columns.arena.count - arenaMark)
            i = start
            try fallBack(from: start)
            return
        }
        try commit(start: start)
    }

    /// Hands one lead to the tree decoder; its error, if any, refuses the document so the
    /// tree decoder reports it with its index and id.
    private mutating func fallBack(from start: Int) throws(StreamRefusal) {
        guard let (value, end) = try? JSONParser.parseValue(in: bytes, at: start),
              let lead = try? Lead(json: value, funnel: funnel) else { throw StreamRefusal() }
        i = end
        let number = columns.count
        let codes = StageCodes(funnel: funnel)
        columns.append(lead, codes: codes)
        whole[number] = lead
        rawStart.append(start)
        rawEnd.append(end)
        canonical.append(false)
        respaced.append(false)
        try addToIndex(number)
    }

    private mutating func commit(start: Int) throws(StreamRefusal) {
        let number = columns.count
        for k in 0..<row.text.count { columns.text[k].append(row.text[k]) }
        for k in 0..<row.categories.count { columns.categories[k].codes.append(row.categories[k]) }
        for k in 0..<row.numbers.count { columns.numbers[k].append(row.numbers[k]) }
        columns.stage.append(row.stage)
        columns.attempts.append(row.attempts)
        columns.activityTypes.codes.append(contentsOf: row.activityTypes)
        columns.activityAt.append(contentsOf: row.activityAt)
        columns.activityEnd.append(columns.activityAt.count)
        columns.historyFrom.append(contentsOf: row.historyFrom)
        columns.historyTo.append(contentsOf: row.historyTo)
        columns.historyAt.append(contentsOf: row.historyAt)
        columns.historyEnd.append(columns.historyAt.count)
        columns.historyNote.append(contentsOf: row.historyNote)
        columns.historyReject.append(contentsOf: row.historyReject)
        columns.feedbackCount.append(row.feedbackCount)
        columns.feedbackLatest.append(row.feedbackLatest)
        columns.tags.codes.append(contentsOf: row.tagCodes)
        columns.tagEnd.append(columns.tags.codes.count)
        columns.fieldsStart.append(row.fieldsStart)
        columns.fieldsEnd.append(row.fieldsEnd)
        columns.finishRow()
        rawStart.append(start)
        rawEnd.append(i)
        canonical.append(canon && !spacing)
        respaced.append(canon && spacing)
        try addToIndex(number)
    }

    /// False for the decoder of a second half: its ids are indexed when it is joined.
    var indexing = true

    mutating func addToIndex(_ number: Int) throws(StreamRefusal) {
        guard indexing else { return }
        let idColumn = columns.text[TextField.id.rawValue]
        let ref = idColumn[number]
        // An id too long for a `TextRef` (megabytes): the tree decoder keeps such leads.
        if ref.isNone { throw StreamRefusal() }
        let columns = self.columns
        let bytes = self.bytes
        func slice(_ ref: TextRef, _ body: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
            if ref.inArena {
                return columns.arena.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[ref.offset..<(ref.offset + ref.length)])) }
            }
            return body(UnsafeBufferPointer(rebasing: bytes[ref.offset..<(ref.offset + ref.length)]))
        }
        var hash: UInt32 = 0
        _ = slice(ref) { hash = ByteHashTable.hash($0); return true }
        let first = index.insert(row: number, hash: hash) { other in
            slice(ref) { mine in slice(idColumn[Int(other)]) { $0.equals(mine) } }
        }
        // A repeated id: the tree decoder names both leads.
        if first != nil { throw StreamRefusal() }
    }

    private mutating func readLead() throws(StreamRefusal) {
        try expect(UInt8(ascii: "{"))
        if skipWhitespace() > 0 { noteSpacing() }
        if peek == UInt8(ascii: "}") { throw StreamRefusal() }  // no id: the tree decoder says so
        repeat {
            let key = try readKey()
            if let known = key {
                let bit: UInt32 = 1 << UInt32(known)
                if row.seen & bit != 0 { throw StreamRefusal() }
                row.seen |= bit
                if known < row.lastKnown || row.sawUnknown { canon = false }
                row.lastKnown = known
                try readKnownValue(known)
            } else {
                row.sawUnknown = true
                try skipValue(depth: 4)
            }
        } while try more(close: UInt8(ascii: "}"))
        // id (0) and stage (12) are required.
        guard row.seen & 1 != 0, row.seen & (1 << 12) != 0 else { throw StreamRefusal() }
    }

    /// Reads `"key": ` and returns the key's bytes; an escaped key is left to the tree
    /// decoder. Shared by leads and their nested records.
    mutating func readObjectKey() throws(StreamRefusal) -> UnsafeBufferPointer<UInt8> {
        guard peek == UInt8(ascii: "\"") else { throw StreamRefusal() }
        let s = try scanString()
        if s.escaped { throw StreamRefusal() }
        if skipWhitespace() > 0 { noteSpacing() }
        try expect(UInt8(ascii: ":"))
        afterColon()
        return UnsafeBufferPointer(rebasing: bytes[s.start..<s.end])
    }

    /// Reads `"key": ` and returns the key's index in `Lead.knownKeys`, nil for others.
    private mutating func readKey() throws(StreamRefusal) -> Int? {
        let key = try readObjectKey()
        let guess = row.lastKnown + 1
        if guess < keyBytes.count, keyBytes[guess].withUnsafeBufferPointer({ $0.equals(key) }) { return guess }
        for (k, candidate) in keyBytes.enumerated() where candidate.withUnsafeBufferPointer({ $0.equals(key) }) { return k }
        return nil
    }

    private let keyBytes: [[UInt8]] = Lead.knownKeys.map { Array($0.utf8) }

    private mutating func readKnownValue(_ key: Int) throws(StreamRefusal) {
        switch key {
        case 0...5:
            let ref = try readTextRef()
            if key == 0, ref.isNone || ref.length == 0 { throw StreamRefusal() }
            row.text[key] = ref
        case 6, 8, 9, 10, 11, 13:
            let field: CategoryField = switch key {
            case 6: .industry
            case 8: .country
            case 9: .city
            case 10: .source
            case 11: .campaign
            default: .owner
            }
            row.categories[field.rawValue] = try readCategory(field)
        case 7:
            guard let number = try readNumber() else { return }
            guard number == number.rounded(), number >= 0, number < 1e12 else { throw StreamRefusal() }
            row.numbers[NumberField.employees.rawValue] = number
        case 12:
            row.stage = try readStage()
        case 14, 15:
            guard let number = try readNumber() else { return }
            guard (0...100).contains(number) else { throw StreamRefusal() }
            row.numbers[key == 14 ? NumberField.fit.rawValue : NumberField.interest.rawValue] = number
        case 16:
            row.numbers[NumberField.value.rawValue] = try readNumber() ?? .nan
        case 17:
            try readTags()
        case 18:
            if let date = try readDate(required: false) {
                row.numbers[NumberField.created.rawValue] = date
                touch(date)
            }
        case 19, 20, 21:
            try readRecords(kind: key)
        default:
            if try readNull() { canon = false; return }
            guard peek == UInt8(ascii: "{") else { throw StreamRefusal() }
            let start = i
            try skipValue(depth: 4)
            row.fieldsStart = start
            row.fieldsEnd = i
        }
    }

    mutating func touch(_ date: Double) {
        let slot = NumberField.lastTouched.rawValue
        if row.numbers[slot].isNaN || date > row.numbers[slot] { row.numbers[slot] = date }
    }

    // MARK: - Values

    mutating func readNull() throws(StreamRefusal) -> Bool {
        guard peek == UInt8(ascii: "n") else { return false }
        try literal("null")
        return true
    }

    /// A string or null, as a reference into the file or (escaped) the arena.
    mutating func readTextRef() throws(StreamRefusal) -> TextRef {
        if try readNull() { return .none }
        guard peek == UInt8(ascii: "\"") else { throw StreamRefusal() }
        let s = try scanString()
        if s.escaped {
            let decoded = try unescape(s.start, s.end)
            guard let ref = decoded.withUnsafeBufferPointer({ columns.appendToArena($0) }) as TextRef?, !ref.isNone else { throw StreamRefusal() }
            return ref
        }
        guard let ref = TextRef(offset: s.start, length: s.end - s.start, inArena: false) else { throw StreamRefusal() }
        return ref
    }

    private mutating func readCategory(_ field: CategoryField) throws(StreamRefusal) -> UInt32 {
        if try readNull() { return CategoryColumn.none }
        guard peek == UInt8(ascii: "\"") else { throw StreamRefusal() }
        let s = try scanString()
        if s.escaped {
            let decoded = try unescape(s.start, s.end)
            return decoded.withUnsafeBufferPointer { columns.categories[field.rawValue].intern($0) }
        }
        return columns.categories[field.rawValue].intern(UnsafeBufferPointer(rebasing: bytes[s.start..<s.end]))
    }

    /// The stage's code; only exact stage ids (what a save writes) are read here.
    private mutating func readStage() throws(StreamRefusal) -> UInt8 {
        guard peek == UInt8(ascii: "\"") else { throw StreamRefusal() }
        let s = try scanString()
        guard !s.escaped, let code = stageCode(s.start, s.end) else { throw StreamRefusal() }
        return code
    }

    func stageCode(_ start: Int, _ end: Int) -> UInt8? {
        let text = UnsafeBufferPointer(rebasing: bytes[start..<end])
        let known = stageBytes
        return stageTable.find(hash: ByteHashTable.hash(text)) { known[Int($0)].withUnsafeBufferPointer { $0.equals(text) } }
            .map { stageCodeOf[Int($0)] }
    }

    /// A finite number or null.
    private mutating func readNumber() throws(StreamRefusal) -> Double? {
        if try readNull() { return nil }
        let start = i
        try scanNumber()
        var negative = false
        var k = start
        if bytes[k] == UInt8(ascii: "-") { negative = true; k += 1 }
        if i - k <= 15, !negative {
            var value = 0
            var plain = true
            for p in k..<i {
                let d = bytes[p] &- 0x30
                if d > 9 { plain = false; break }
                value = value * 10 + Int(d)
            }
            if plain { return Double(value) }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
        guard let number = Double(text), number.isFinite else { throw StreamRefusal() }
        if NumberText.format(number) != text { canon = false }
        return number
    }

    /// A date string (seconds since 1970), or nil for null/absent when not required.
    mutating func readDate(required: Bool) throws(StreamRefusal) -> Double? {
        if try readNull() {
            if required { throw StreamRefusal() }
            return nil
        }
        guard peek == UInt8(ascii: "\"") else { throw StreamRefusal() }
        let s = try scanString()
        if s.escaped { throw StreamRefusal() }
        let text = UnsafeBufferPointer(rebasing: bytes[s.start..<s.end])
        if let seconds = sameDay(text) { return seconds }
        if let seconds = Timestamp.parseCanonical(text) {
            rememberDay(text, seconds: seconds)
            return seconds - Date.timeIntervalBetween1970AndReferenceDate
        }
        guard let date = Timestamp.parse(bytes: text) else { throw StreamRefusal() }
        // `Timestamp.format` writes `YYYY-MM-DDTHH:MM:SSZ` for whole seconds.
        if text.count != 20 || text[10] != UInt8(ascii: "T") || text[19] != UInt8(ascii: "Z") || text[17] >= UInt8(ascii: "6") {
            canon = false
        }
        return date.timeIntervalSinceReferenceDate
    }

    /// The day of the last canonical date read (`YYYY-MM-DD`, its first eight bytes and
    /// the two after) and its midnight in seconds since 1970: a lead's records mostly
    /// fall on days already seen, and the day is the costly part of a date.
    private struct DayCache {
        var head: UInt64 = 0
        var tail: UInt16 = 0
        var midnight = Double.nan
    }

    /// The canonical date `text` (`YYYY-MM-DDTHH:MM:SSZ`) on the day last read, as
    /// seconds since the reference date; nil for any other text (then `parseCanonical`
    /// decides, exactly as before).
    @inline(__always)
    private func sameDay(_ text: UnsafeBufferPointer<UInt8>) -> Double? {
        guard text.count == 20, !day.midnight.isNaN, let base = text.baseAddress,
              UnsafeRawPointer(base).loadUnaligned(as: UInt64.self) == day.head,
              UnsafeRawPointer(base + 8).loadUnaligned(as: UInt16.self) == day.tail,
              text[10] == 0x54, text[13] == 0x3A, text[16] == 0x3A, text[19] == 0x5A else { return nil }
        @inline(__always) func two(_ at: Int) -> Int? {
            let d0 = text[at] &- 0x30, d1 = text[at + 1] &- 0x30
            return d0 < 10 && d1 < 10 ? Int(d0) * 10 + Int(d1) : nil
        }
        guard let hour = two(11), let minute = two(14), let second = two(17), hour < 24, minute < 60, second < 61 else { return nil }
        return day.midnight + Double(hour * 3600 + minute * 60 + second) - Date.timeIntervalBetween1970AndReferenceDate
    }

    /// Remembers the day of `text`, a canonical date `parseCanonical` read as `seconds`.
    private mutating func rememberDay(_ text: UnsafeBufferPointer<UInt8>, seconds: Double) {
        guard text.count == 20, let base = text.baseAddress else { return }
        let t = text
        let timeOfDay = Double((Int(t[11] - 0x30) * 10 + Int(t[12] - 0x30)) * 3600 + (Int(t[14] - 0x30) * 10 + Int(t[15] - 0x30)) * 60
            + Int(t[17] - 0x30) * 10 + Int(t[18] - 0x30))
        day = DayCache(head: UnsafeRawPointer(base).loadUnaligned(as: UInt64.self),
                       tail: UnsafeRawPointer(base + 8).loadUnaligned(as: UInt16.self), midnight: seconds - timeOfDay)
    }

    private mutating func readTags() throws(StreamRefusal) {
        if try readNull() { canon = false; return }
        try expect(UInt8(ascii: "["))
        if skipWhitespace() > 0 { noteSpacing() }
        if peek == UInt8(ascii: "]") { i += 1; return }
        repeat {
            guard peek == UInt8(ascii: "\"") else { throw StreamRefusal() }
            let s = try scanString()
            // An escaped tag is rare: the tree decoder reads that lead.
            if s.escaped { throw StreamRefusal() }
            row.tagCodes.append(columns.tags.intern(UnsafeBufferPointer(rebasing: bytes[s.start..<s.end])))
        } while try more(close: UInt8(ascii: "]"))
    }

    let recordKeys: [[[UInt8]]] = [
        ["at", "type", "by", "note"].map { Array($0.utf8) },
        ["at", "from", "to", "by", "note"].map { Array($0.utf8) },
        ["at", "by", "verdict", "reason"].map { Array($0.utf8) },
    ]

    let attemptTypes: [[UInt8]] = Activity.attemptTypes.sorted().map { Array($0.utf8) }
    let viaKey: [UInt8] = Array(StageChange.viaKey.utf8)
    let rejectBytes: [UInt8] = Array("reject".utf8)
    let verdicts: [[UInt8]] = Feedback.Verdict.allCases.map { Array($0.rawValue.utf8) }
}
