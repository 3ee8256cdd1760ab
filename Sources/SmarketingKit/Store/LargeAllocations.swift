import Synchronization

#if os(Linux)
/// glibc's `mallopt` (malloc.h, which the Glibc module does not bring in).
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
/// `M_TRIM_THRESHOLD` and `M_MMAP_THRESHOLD` in malloc.h.
private let glibcTrimThreshold: Int32 = -1
private let glibcMmapThreshold: Int32 = -3
#endif

/// How the process's large blocks are allocated while a large load or import builds its
/// columns, and after (issues 16 and 18, item 7: their peak memory).
///
/// glibc raises its mmap threshold each time a large block is freed (up to 32 MiB), so
/// the columns of a large load or import, grown and joined, came to live in heap memory
/// that freeing them did not give back: 25 MiB of a million-lead load's peak, 7 MiB of
/// a million-row import's. While the columns are built, each block of 256 KiB or more
/// gets a mapping of its own, returned when freed. Left that way, every query over a
/// million rows mapped its row lists afresh and paid a page fault per page (`count by
/// source` 4.7 → 13.4 ms); so once the columns stand, freed blocks are kept for reuse
/// again, at the thresholds glibc's own adjustment ends at.
enum LargeAllocations {
    private static let building = Atomic<Bool>(false)

    /// Gives large blocks back when freed, until `reuseFreed`.
    static func returnWhenFreed() {
        guard !building.exchange(true, ordering: .relaxed) else { return }
        #if os(Linux)
        _ = glibcMallopt(glibcMmapThreshold, 256 << 10)
        #endif
    }

    /// Keeps freed blocks for reuse again, if `returnWhenFreed` changed that.
    static func reuseFreed() {
        guard building.exchange(false, ordering: .relaxed) else { return }
        #if os(Linux)
        _ = glibcMallopt(glibcMmapThreshold, 32 << 20)
        _ = glibcMallopt(glibcTrimThreshold, 64 << 20)
        #endif
    }
}
