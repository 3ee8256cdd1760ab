import Foundation
import Synchronization
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

        private struct State {
            var queued: Job?
            var running = false
            /// A temporary snapshot file exists (or is about to): exit waits for it.
            var writing = false
            var closing = false
        }

        private static let state = Mutex<State>(State())

        static func schedule(_ job: Job) {
            let start = state.withLock { s -> Bool in
                guard !s.closing else { return false }
                s.queued = job
                if s.running { return false }
                s.running = true
                return true
            }
            if start { Thread.detachNewThread { work() } }
        }

        private static func work() {
            while true {
                let next = state.withLock { s -> Job? in
                    let job = s.queued
                    s.queued = nil
                    if job == nil { s.running = false }
                    if case .write = job { s.writing = true }
                    return job
                }
                guard let next else { return }
                switch next {
                case .write(let job):
                    job.run(mayWrite: { true })
                case .decode(let job):
                    job.run(mayWrite: {
                        state.withLock { s in
                            if s.closing { return false }
                            s.writing = true
                            return true
                        }
                    })
                }
                state.withLock { $0.writing = false }
            }
        }

        /// Stops taking jobs, drops a decode that has not started writing, and waits for
        /// any write under way or queued.
        static func finish() {
            state.withLock { s in
                s.closing = true
                if case .decode = s.queued { s.queued = nil }
            }
            while state.withLock({ $0.queued != nil || $0.writing }) { usleep(2_000) }
        }
    }
}
