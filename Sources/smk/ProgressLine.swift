import Foundation
import SmarketingKit
import Synchronization

/// A progress line on the terminal while a large workspace loads: after a second, the
/// share done, the rate and the time left, redrawn five times a second on stderr; wiped
/// when the load ends. Nothing at all when stderr is not a terminal (scripts, pipes).
final class ProgressLine: Sendable {
    private let finished = Atomic<Bool>(false)
    private let done = DispatchSemaphore(value: 0)

    /// Starts watching a load of `total` bytes of the file called `name`.
    init(name: String, total: Int) {
        LoadProgress.reset()
        guard isatty(STDERR_FILENO) != 0, total > 0 else { done.signal(); return }
        let started = Date()
        Thread.detachNewThread { [self] in
            var drawn = false
            while !finished.load(ordering: .acquiring) {
                Thread.sleep(forTimeInterval: 0.2)
                let elapsed = Date().timeIntervalSince(started)
                guard elapsed >= 1, !finished.load(ordering: .acquiring) else { continue }
                // Reading and decoding each count for half of the work.
                let read = LoadProgress.bytesRead.load(ordering: .relaxed)
                let decoded = LoadProgress.bytesDecoded.load(ordering: .relaxed)
                let fraction = min(1, (Double(read) + Double(decoded)) / (2 * Double(total)))
                let rate = Double(read + decoded) / 2 / elapsed / 1_048_576
                let left = fraction > 0.01 ? elapsed * (1 - fraction) / fraction : 0
                let line = String(format: "\rloading %@: %3.0f%% of %.0f MB, %.0f MB/s, %.0f s left \u{1B}[K",
                                  name, fraction * 100, Double(total) / 1_048_576, rate, left)
                StandardStream.error.write(line)
                drawn = true
            }
            if drawn { StandardStream.error.write("\r\u{1B}[K") }
            done.signal()
        }
    }

    /// Stops and wipes the line before anything else is written.
    func finish() {
        finished.store(true, ordering: .releasing)
        done.wait()
    }
}
