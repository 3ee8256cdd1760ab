import Synchronization

/// How far the import being planned has got, for the progress line of a long import
/// (a million rows). Written by the planner, read by the progress line's thread.
public enum ImportProgress {
    public static let rowsDone = Atomic<Int>(0)
    public static let rowsTotal = Atomic<Int>(0)

    /// Starts counting an import of `total` rows.
    public static func reset(total: Int) {
        rowsDone.store(0, ordering: .relaxed)
        rowsTotal.store(total, ordering: .relaxed)
    }

    /// The share done, 0…1.
    public static var fraction: Double {
        let total = rowsTotal.load(ordering: .relaxed)
        return total > 0 ? Double(rowsDone.load(ordering: .relaxed)) / Double(total) : 0
    }
}
