import Foundation

/// The closed-loop facts of one lead, read from its feedback and stage history: what
/// `feedback`, `feedbacks`, `reason` and `rejected` answer in queries, and what `loop`
/// counts.
extension Lead {
    /// The newest verdict (by time; the later entry on a tie), nil when sales never rated it.
    public var latestFeedback: Feedback? {
        var latest: Feedback?
        for entry in feedback where latest.map({ entry.at >= $0.at }) ?? true { latest = entry }
        return latest
    }

    /// The newest move into a side stage (a recycle, a reject or a lose), whose note is
    /// the reason given.
    public func latestSideMove(in funnel: Funnel) -> StageChange? {
        var latest: StageChange?
        for move in history where funnel.stage(move.to)?.isSide == true && (latest.map { move.at >= $0.at } ?? true) {
            latest = move
        }
        return latest
    }

    /// True when sales ever rejected the lead (`reject`): sent it back as not ready.
    public var wasRejected: Bool {
        history.contains(where: \.isReject)
    }

    /// The reasons of the lead's rejects, oldest first.
    public var rejectReasons: [String] {
        history.filter(\.isReject).compactMap(\.note)
    }
}

extension StageChange {
    /// The key a reject writes into its history entry: `"via": "reject"`.
    public static let viaKey = "via"

    /// True for the history entry of a `reject`.
    public var isReject: Bool {
        extra[Self.viaKey] == .string("reject")
    }
}
