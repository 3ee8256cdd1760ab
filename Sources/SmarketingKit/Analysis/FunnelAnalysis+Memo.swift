import Foundation

/// The funnel analysis kept per version of the leads, as a layer around the analysis
/// itself: `funnel`, `rates` and `whatif` ask for it again and again with the same rows.
extension FunnelAnalysis {
    /// `FunnelAnalysis(workspace, rows:, now:)`, from memory when the leads, the rows and
    /// the funnel are as when it was last worked out. The clock is part of the key only
    /// through `now` being passed along: the analysis reads the leads' own dates, not
    /// the clock, so it is keyed without it.
    public static func remembered(_ workspace: Workspace, rows: [Int], now: Date) -> FunnelAnalysis {
        workspace.leads.remembered("funnel", key: Key(rows: RowSet(rows, count: workspace.leads.count), funnel: workspace.funnel)) {
            FunnelAnalysis(workspace, rows: rows, now: now)
        }
    }

    /// As `remembered(_:rows:now:)`, asking `isInterrupted` while it works it out: nil
    /// when Ctrl-C stopped it (and then nothing is kept).
    public static func remembered(_ workspace: Workspace, rows: [Int], now: Date,
                                  isInterrupted: () -> Bool) -> FunnelAnalysis? {
        workspace.leads.remembered("funnel", key: Key(rows: RowSet(rows, count: workspace.leads.count), funnel: workspace.funnel),
                                   unlessStopped: { measure(workspace, rows: rows, now: now, isInterrupted: isInterrupted) })
    }

    struct Key: Equatable, Sendable {
        let rows: RowSet
        let funnel: Funnel
    }
}

/// Rows asked about, as a memo key: "every row" without a million-entry array.
public enum RowSet: Equatable, Sendable {
    case all(Int)
    case some([Int])

    public init(_ rows: [Int], count: Int) {
        var increasing = rows.first == 0
        if increasing { for i in rows.indices.dropFirst() where rows[i] <= rows[i - 1] { increasing = false; break } }
        self = increasing && rows.count == count ? .all(count) : .some(rows)
    }
}
