import Foundation

/// The leads of a loaded workspace, one array per field.
///
/// Filled once by `LeadStreamDecoder` (or from `Lead` values) and then only read: a
/// filter over a million leads is a scan of one or two arrays, not a walk over a million
/// structs full of strings.
struct LeadColumns: Sendable {
    private(set) var count = 0
    var text: [[TextRef]] = Array(repeating: [], count: TextField.allCases.count)
    /// Escaped strings, decoded; `TextRef`s with `inArena` point here.
    var arena: [UInt8] = []
    /// The stage's position in the funnel the table was decoded with.
    var stage: [UInt8] = []
    var categories: [CategoryColumn] = Array(repeating: CategoryColumn(), count: CategoryField.allCases.count)
    var numbers: [[Double]] = Array(repeating: [], count: NumberField.allCases.count)
    /// Sales contact attempts (calls, emails, meetings).
    var attempts: [UInt32] = []
    /// Every activity's type, interned, lead after lead: what interest rules score.
    var activityTypes = CategoryColumn()
    /// Every activity's time (seconds since the reference date), in the same order.
    var activityAt: [Double] = []
    /// One past the row's last activity in `activityTypes` and `activityAt`.
    var activityEnd = RowEnds()
    /// Every stage move, lead after lead: the stage codes left and entered
    /// (`StageCodes.none` for a lead created in its stage) and when; what the funnel and
    /// the rates are measured from.
    var historyFrom: [UInt8] = []
    var historyTo: [UInt8] = []
    var historyAt: [Double] = []
    /// One past the row's last move in the history columns.
    var historyEnd = RowEnds()
    /// Each move's note (the reason of a recycle, reject or lose) and whether it was a
    /// `reject`, in the order of the history columns: what `reason`, `rejected` and
    /// `loop` read without decoding the lead.
    var historyNote: [TextRef] = []
    var historyReject: [Bool] = []
    /// How many verdicts sales gave, and the latest one: 0 for none, else 1 + its
    /// position in `Feedback.Verdict.allCases`.
    var feedbackCount: [UInt32] = []
    var feedbackLatest: [UInt8] = []
    /// Every tag, interned, lead after lead; `tagEnd[row]` is one past the row's last.
    var tags = CategoryColumn()
    var tagEnd = RowEnds()
    /// Where each lead's `fields` object is in the file (`fieldsStart` -1: none, or the
    /// lead is kept whole), so `fields.erp = 'SAP'` parses a few bytes, not the lead.
    var fieldsStart = FileOffsets()
    var fieldsEnd = FileOffsets()

    /// The positions of the row's tags in `tags.codes`.
    func tagRange(of row: Int) -> Range<Int> { Self.span(tagEnd, row) }

    /// The positions of the row's moves in the history columns.
    func historyRange(of row: Int) -> Range<Int> { Self.span(historyEnd, row) }

    /// The positions of the row's activities in the activity columns.
    func activityRange(of row: Int) -> Range<Int> { Self.span(activityEnd, row) }

    /// The row's span in a flattened column whose `ends[row]` is one past its last item.
    private static func span(_ ends: RowEnds, _ row: Int) -> Range<Int> {
        (row == 0 ? 0 : ends[row - 1])..<ends[row]
    }

    mutating func reserve(_ capacity: Int) {
        for i in text.indices { text[i].reserveCapacity(capacity) }
        for i in categories.indices { categories[i].codes.reserveCapacity(capacity) }
        for i in numbers.indices { numbers[i].reserveCapacity(capacity) }
        stage.reserveCapacity(capacity)
        attempts.reserveCapacity(capacity)
        activityEnd.reserveCapacity(capacity)
        historyEnd.reserveCapacity(capacity)
        feedbackCount.reserveCapacity(capacity)
        feedbackLatest.reserveCapacity(capacity)
    }

    /// Appends a row; every column must have been given its value for this row.
    mutating func finishRow() {
        count += 1
    }

    /// Appends the facts of a materialized lead (built from `Lead` values, or a lead the
    /// streaming decoder handed to the tree decoder). `sourceRef` may point a text field
    /// at bytes already in the table's source (an import's cells) instead of the arena;
    /// `fieldSpans` false leaves `fieldsStart` and `fieldsEnd` empty (an import's table,
    /// whose custom fields are read from its rows: 16 bytes a lead saved).
    mutating func append(_ lead: Lead, codes: StageCodes, fieldSpans: Bool = true,
                         sourceRef: (TextField, String) -> TextRef? = { _, _ in nil }) {
        let stageCode = codes.code(of: lead.stage)
        for field in TextField.allCases {
            let value: String? = switch field {
            case .id: lead.id
            case .name: lead.name
            case .email: lead.email
            case .phone: lead.phone
            case .company: lead.company
            case .title: lead.title
            }
            if let value, let ref = sourceRef(field, value) {
                text[field.rawValue].append(ref)
            } else {
                text[field.rawValue].append(appendToArena(value))
            }
        }
        for field in CategoryField.allCases {
            let value: String? = switch field {
            case .industry: lead.industry
            case .country: lead.country
            case .city: lead.city
            case .source: lead.source
            case .campaign: lead.campaign
            case .owner: lead.owner
            }
            categories[field.rawValue].append(value)
        }
        for field in NumberField.allCases {
            let value: Double? = switch field {
            case .employees: lead.employees.map(Double.init)
            case .fit: lead.fit
            case .interest: lead.interest
            case .value: lead.value
            case .created: lead.created?.timeIntervalSinceReferenceDate
            case .lastTouched: lead.lastTouched?.timeIntervalSinceReferenceDate
            }
            numbers[field.rawValue].append(value ?? .nan)
        }
        stage.append(stageCode)
        attempts.append(UInt32(clamping: lead.attempts))
        for activity in lead.activities {
            activityTypes.append(activity.type)
            activityAt.append(activity.at.timeIntervalSinceReferenceDate)
        }
        activityEnd.append(activityAt.count)
        for move in lead.history {
            historyFrom.append(move.from.map { codes.code(of: $0) } ?? StageCodes.none)
            historyTo.append(codes.code(of: move.to))
            historyAt.append(move.at.timeIntervalSinceReferenceDate)
            historyNote.append(appendToArena(move.note))
            historyReject.append(move.isReject)
        }
        historyEnd.append(historyAt.count)
        feedbackCount.append(UInt32(clamping: lead.feedback.count))
        feedbackLatest.append(Self.verdictCode(lead.latestFeedback?.verdict))
        for tag in lead.tags { tags.append(tag) }
        tagEnd.append(tags.codes.count)
        if fieldSpans {
            fieldsStart.append(-1)
            fieldsEnd.append(-1)
        }
        count += 1
    }

    /// The `feedbackLatest` code of a verdict.
    static func verdictCode(_ verdict: Feedback.Verdict?) -> UInt8 {
        guard let verdict, let position = Feedback.Verdict.allCases.firstIndex(of: verdict) else { return 0 }
        return UInt8(clamping: position + 1)
    }

    mutating func appendToArena(_ value: String?) -> TextRef {
        guard let value else { return .none }
        let offset = arena.count
        arena.append(contentsOf: value.utf8)
        return TextRef(offset: offset, length: arena.count - offset, inArena: true) ?? .none
    }

    mutating func appendToArena(_ bytes: UnsafeBufferPointer<UInt8>) -> TextRef {
        let offset = arena.count
        arena.append(contentsOf: bytes)
        return TextRef(offset: offset, length: bytes.count, inArena: true) ?? .none
    }
}

extension LeadColumns {
    /// The row count of columns filled whole from a snapshot (`SnapshotTable`) or
    /// joined from two halves (`LeadStreamDecoder.absorb`), which have made every
    /// per-row column hold `count` values.
    mutating func setRestoredCount(_ count: Int) {
        self.count = count
    }
}
