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
