import Synchronization

/// How far a load has got, for a progress line: the loader counts bytes here, the shell
/// polls them from another thread (SmarketingKit itself never prints). Counters, not
/// callbacks, so the decoder's hot loop pays one comparison per lead.
public enum LoadProgress {
    /// Bytes of the file read from disk so far.
    public static let bytesRead = Atomic<Int>(0)
    /// Bytes of the file decoded so far.
    public static let bytesDecoded = Atomic<Int>(0)

    /// Starts counting a new load.
    public static func reset() {
        bytesRead.store(0, ordering: .relaxed)
        bytesDecoded.store(0, ordering: .relaxed)
    }
}

/// How far a save has got: leads written of the total, for the same progress line.
public enum SaveProgress {
    public static let leadsWritten = Atomic<Int>(0)
    public static let leadsTotal = Atomic<Int>(0)

    /// Starts counting a save of `total` leads.
    public static func reset(total: Int) {
        leadsWritten.store(0, ordering: .relaxed)
        leadsTotal.store(total, ordering: .relaxed)
    }

    /// The share done, 0…1.
    public static var fraction: Double {
        let total = leadsTotal.load(ordering: .relaxed)
        return total > 0 ? Double(leadsWritten.load(ordering: .relaxed)) / Double(total) : 0
    }
}
