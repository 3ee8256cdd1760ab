import Foundation
import SmarketingKit
import Synchronization

/// A progress line on the terminal during long work (loading or saving a large
/// workspace): after a second, the share done and the time left, redrawn five times a
/// second on stderr, wiped when the work ends. Nothing when stderr is not a terminal.
final class ProgressLine: Sendable {
    private let finished = Atomic<Bool>(false)
    private let done = DispatchSemaphore(value: 0)

    /// Starts watching work called `label` whose share done `fraction` reports (0…1).
    init(label: String, fraction: @escaping @Sendable () -> Double) {
        guard isatty(STDERR_FILENO) != 0 else { done.signal(); return }
        let started = Date()
        Thread.detachNewThread { [self] in
            var drawn = false
            while !finished.load(ordering: .acquiring) {
                Thread.sleep(forTimeInterval: 0.2)
                let elapsed = Date().timeIntervalSince(started)
                guard elapsed >= 1, !finished.load(ordering: .acquiring) else { continue }
                let share = min(1, max(0, fraction()))
                let left = share > 0.01 ? String(format: ", %.0f s left", elapsed * (1 - share) / share) : ""
                StandardStream.error.write(String(format: "\r%@: %3.0f%%%@ \u{1B}[K", label, share * 100, left))
                drawn = true
            }
            if drawn { StandardStream.error.write("\r\u{1B}[K") }
            done.signal()
        }
    }

    /// A load of the file `name`, `total` bytes: reading and decoding count half each.
    static func load(name: String, total: Int) -> ProgressLine {
        LoadProgress.reset()
        // Whole megabytes by integer arithmetic: String(format:) set up Foundation's
        // locale machinery at every start-up, for a label shown only on a terminal.
        let mb = "\((total + 524_288) / 1_048_576) MB"
        return ProgressLine(label: "loading \(name) (\(mb))") {
            guard total > 0 else { return 0 }
            let read = LoadProgress.bytesRead.load(ordering: .relaxed)
            let decoded = LoadProgress.bytesDecoded.load(ordering: .relaxed)
            return (Double(read) + Double(decoded)) / (2 * Double(total))
        }
    }

    /// Stops and wipes the line before anything else is written.
    func finish() {
        finished.store(true, ordering: .releasing)
        done.wait()
    }
}
