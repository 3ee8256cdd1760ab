/// The nested records of a lead (activities, history, feedback): validated with the
/// tree decoder's rules and kept as bytes; on the way, the facts queries need from them
/// (how many activities, how many were contact attempts, the last time anything
/// happened) are added to the lead's row.
extension LeadStreamDecoder {
    /// activities (19), history (20) or feedback (21): validated, counted, kept as bytes.
    mutating func readRecords(kind: Int) throws(StreamRefusal) {
        if try readNull() { noteLayout(); return }
        try expect(UInt8(ascii: "["))
        if skipWhitespace() > 0 { noteSpacing() }
        if peek == UInt8(ascii: "]") { i += 1; return }
        repeat {
            try readRecord(kind: kind)
        } while try more(close: UInt8(ascii: "]"))
    }

    mutating func readRecord(kind: Int) throws(StreamRefusal) {
        let keys = recordKeys[kind - 19]
        try expect(UInt8(ascii: "{"))
        if skipWhitespace() > 0 { noteSpacing() }
        if peek == UInt8(ascii: "}") { throw StreamRefusal() }  // "at" is required
        var seen: UInt32 = 0
        var last = -1
        var unknown = false
        row.recordFrom = StageCodes.none
        row.recordNote = .none
        row.recordReject = false
        repeat {
            let name = try readObjectKey()
            // The keys come in the order a save writes them: the one after the last is
            // tried first.
            let guess = last + 1
            let k = guess < keys.count && keys[guess].withUnsafeBufferPointer({ $0.equals(name) })
                ? guess : keys.firstIndex(where: { $0.withUnsafeBufferPointer { $0.equals(name) } })
            guard let k else {
                unknown = true
                if kind == 20, viaKey.withUnsafeBufferPointer({ $0.equals(name) }) {
                    try readVia()
                } else {
                    try skipValue(depth: 6)
                }
                continue
            }
            if seen & (1 << k) != 0 { throw StreamRefusal() }
            seen |= 1 << k
            if k < last || unknown { noteLayout() }
            last = k
            try readRecordValue(kind: kind, key: k)
        } while try more(close: UInt8(ascii: "}"))
        // Required keys: at; and type (activity), to (history), verdict (feedback).
        let required: UInt32 = switch kind {
        case 19: 0b11
        case 20: 0b101
        default: 0b101
        }
        guard seen & required == required else { throw StreamRefusal() }
        if kind == 19 {
            row.activityTypes.append(row.recordType)
            row.activityAt.append(row.recordAt)
        } else if kind == 20 {
            row.historyFrom.append(row.recordFrom)
            row.historyTo.append(row.recordTo)
            row.historyAt.append(row.recordAt)
            row.historyNote.append(row.recordNote)
            row.historyReject.append(row.recordReject)
        } else {
            // The newest verdict by time; the later entry on a tie (`Lead.latestFeedback`).
            row.feedbackCount &+= 1
            if row.feedbackLatestAt.isNaN || row.recordAt >= row.feedbackLatestAt {
                row.feedbackLatest = row.recordVerdict
                row.feedbackLatestAt = row.recordAt
            }
        }
        if kind == 20, seen & 0b10 == 0 { noteLayout() }  // a save writes "from": null
    }

    mutating func readRecordValue(kind: Int, key: Int) throws(StreamRefusal) {
        if key == 0 {
            guard let at = try readDate(required: true) else { throw StreamRefusal() }
            touch(at)
            row.recordAt = at
            return
        }
        if try readNull() {
            // A save writes "from": null but drops other null optionals.
            let requiredKey = (kind == 19 && key == 1) || (kind == 20 && key == 2) || (kind == 21 && key == 2)
            if requiredKey { throw StreamRefusal() }
            if !(kind == 20 && key == 1) { noteLayout() }
            return
        }
        guard peek == UInt8(ascii: "\"") else { throw StreamRefusal() }
        if kind == 20, key == 4 {
            row.recordNote = try readTextRef()
            return
        }
        let s = try scanString()
        switch (kind, key) {
        case (19, 1):
            guard s.end > s.start, !s.escaped else { throw StreamRefusal() }
            let type = UnsafeBufferPointer(rebasing: bytes[s.start..<s.end])
            if attemptTypes.contains(where: { $0.withUnsafeBufferPointer { $0.equals(type) } }) { row.attempts += 1 }
            row.recordType = columns.activityTypes.intern(type)
        case (20, 1), (20, 2):
            guard !s.escaped, s.end > s.start || key == 1, let code = stageCode(s.start, s.end) else { throw StreamRefusal() }
            if key == 1 { row.recordFrom = code } else { row.recordTo = code }
        case (21, 2):
            let verdict = UnsafeBufferPointer(rebasing: bytes[s.start..<s.end])
            guard !s.escaped, let position = verdicts.firstIndex(where: { $0.withUnsafeBufferPointer { $0.equals(verdict) } }) else {
                throw StreamRefusal()
            }
            row.recordVerdict = UInt8(clamping: position + 1)
        default:
            break
        }
    }

    /// A history record's `"via"` value: `"reject"` marks the move as a reject
    /// (`StageChange.isReject`); an escaped string is left to the tree decoder.
    mutating func readVia() throws(StreamRefusal) {
        guard peek == UInt8(ascii: "\"") else {
            try skipValue(depth: 6)
            return
        }
        let s = try scanString()
        if s.escaped { throw StreamRefusal() }
        row.recordReject = rejectBytes.withUnsafeBufferPointer { $0.equals(UnsafeBufferPointer(rebasing: bytes[s.start..<s.end])) }
    }
}
