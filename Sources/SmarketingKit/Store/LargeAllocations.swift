#if os(Linux)
/// glibc's `mallopt` (malloc.h, which the Glibc module does not bring in).
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
/// `M_MMAP_THRESHOLD` in malloc.h.
private let glibcMmapThreshold: Int32 = -3
#endif

/// How the process's large blocks are allocated, set once by the first large load or
/// import (issues 16 and 18, item 7: their peak memory).
///
/// glibc raises its mmap threshold each time a large block is freed (up to 32 MiB), so
/// the columns of a large load or import, grown and joined, came to live in heap memory
/// that freeing them did not give back: 25 MiB of a million-lead load's peak, 7 MiB of
/// a million-row import's. A fixed threshold keeps each block of 256 KiB or more in a
/// mapping of its own, returned when freed.
enum LargeAllocations {
    private static let fixed: Void = {
        #if os(Linux)
        _ = glibcMallopt(glibcMmapThreshold, 256 << 10)
        #endif
    }()

    /// Fixes the threshold (the first call does; the others do nothing).
    static func returnWhenFreed() {
        _ = fixed
    }
}
