import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension WorkspaceSnapshot {
    /// The one thread that writes snapshots, so the first prompt does not wait for one:
    /// the columns are immutable and shared, so it reads them while the session goes on.
    /// One job at a time; a newer job replaces a queued one.
    enum Background {
        enum Job: Sendable {
            /// Write the columns of a load that just decoded the JSON.
            case write(WriteJob)
            /// Decode the bytes a save just wrote, then write their columns.
            case decode(DecodeJob)
        }

        /// The queue's state, behind a plain lock (a `Mutex` in a static property left
        /// `finish` waiting for ever in the release build).
        private final class State: @unchecked Sendable {
            private let lock = NSLock()
            private var queued: Job?
            private var running = false
            /// A temporary snapshot file exists (or is about to): exit waits for it.
            private var writing = false
            private var closing = false

            func withLock<R>(_ body: (State) -> R) -> R {
                lock.lock()
                defer { lock.unlock() }
                return body(self)
            }

            /// Queues `job`; true when no worker runs (the caller starts one).
            func schedule(_ job: Job) -> Bool {
                withLock { s in
                    guard !s.closing else { return false }
                    s.queued = job
                    if s.running { return false }
                    s.running = true
                    return true
                }
            }

            /// The next job, or nil (and no worker runs any more).
            func next() -> Job? {
                withLock { s in
                    let job = s.queued
                    s.queued = nil
                    if job == nil { s.running = false }
                    if case .write = job { s.writing = true }
                    return job
                }
            }

            /// Whether a decoded snapshot may be written now (not when closing).
            func startWriting() -> Bool {
                withLock { s in
                    if s.closing { return false }
                    s.writing = true
                    return true
                }
            }

            func doneWriting() {
                withLock { $0.writing = false }
            }

            func close() {
                withLock { s in
                    s.closing = true
                    if case .decode = s.queued { s.queued = nil }
                }
            }

            var busy: Bool {
                withLock { s in s.queued != nil || s.writing }
            }
        }

        private static let state = State()

        static func schedule(_ job: Job) {
            if state.schedule(job) { Thread.detachNewThread { work() } }
        }

        private static func work() {
            while let job = state.next() {
                switch job {
                case .write(let job): job.run(mayWrite: { true })
                case .decode(let job): job.run(mayWrite: { state.startWriting() })
                }
                state.doneWriting()
            }
        }

        /// Stops taking jobs, drops a decode that has not started writing, and waits for
        /// any write under way or queued, at most a minute (a snapshot of a million leads
        /// takes about a second; a temporary file a hung write leaves is removed by the
        /// next write).
        static func finish() {
            state.close()
            let deadline = Date().addingTimeInterval(60)
            while state.busy, Date() < deadline { usleep(5_000) }
        }
    }
}
