import CLibEdit
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process-wide Ctrl-C flag, in the manner of sqlite's shell: Ctrl-C does not end the
/// process, it sets this flag.
///
/// The line editor turns it into `LineReadResult.interrupted`; a long-running command
/// polls `isSet` and stops early; the REPL calls `clear()` before each line.
///
/// Outside line editing the SIGINT handler is installed with `SA_RESTART`: a Ctrl-C only
/// sets the flag and never makes a system call in progress (a write to a pipe, a file
/// read) fail with EINTR. While a line is edited `EditingSignals` installs the same
/// handler without `SA_RESTART`, so that the editor's blocking `read` is woken.
enum Interrupt {
    /// Atomic because a signal handler stores into it: a lock-free atomic store is
    /// async-signal-safe, and the value is visible to whichever thread polls it.
    private static let flag = Atomic<Bool>(false)
    private static let installed = Atomic<Bool>(false)

    /// Installs the SIGINT handler (once; later calls do nothing).
    static func install() {
        guard installed.compareExchange(expected: false, desired: true, ordering: .relaxed).exchanged else {
            return
        }
        // Swift initialises globals lazily, which is not async-signal-safe; touch the flag
        // here so the handler never performs that first initialisation.
        clear()
        _ = SignalAction.install(recordInterrupt, for: SIGINT, restart: true)
    }

    /// Whether Ctrl-C has been pressed since the last `clear()`.
    static var isSet: Bool {
        flag.load(ordering: .relaxed)
    }

    static func clear() {
        flag.store(false, ordering: .relaxed)
    }

    /// Sets the flag as Ctrl-C does. Called by the signal handler; also usable by tests.
    static func set() {
        flag.store(true, ordering: .relaxed)
    }
}

/// The terminal went away: SIGHUP arrived, or reading the terminal failed or found its
/// end. Set once and never cleared: the session leaves at the next line it reads,
/// keeping its journal and releasing its lock, instead of spinning on a dead terminal.
enum HangUp {
    private static let flag = Atomic<Bool>(false)
    private static let installed = Atomic<Bool>(false)

    /// Installs the SIGHUP handler used between lines (once): it sets this flag and the
    /// Ctrl-C flag, so a long command stops and the prompt loop leaves.
    static func install() {
        guard installed.compareExchange(expected: false, desired: true, ordering: .relaxed).exchanged else {
            return
        }
        _ = isSet
        Interrupt.clear()
        if !SignalAction.isIgnored(SIGHUP) {
            _ = SignalAction.install(recordHangUp, for: SIGHUP, restart: true)
        }
    }

    static var isSet: Bool {
        flag.load(ordering: .relaxed)
    }

    /// Marks the terminal as gone. Async-signal-safe.
    static func set() {
        flag.store(true, ordering: .relaxed)
        Interrupt.set()
    }
}

private let recordHangUp: @convention(c) (Int32) -> Void = { _ in
    HangUp.set()
}

/// The SIGINT handler, both outside and during line editing.
private let recordInterrupt: @convention(c) (Int32) -> Void = { _ in
    Interrupt.set()
}

/// The signal handling in force while `el_wgets` runs, installed by `LineEditor.readLine`
/// and restored when the line is done.
///
/// libedit can install its own handlers (`EL_SIGNAL`), but they re-send each signal to
/// the whole process group with `kill(0, …)`, fire once per line (they are re-armed only
/// by libedit's own reader, which smk replaces), and leave a Ctrl-C to be noticed only at
/// the next key press. So smk turns them off and handles the signals that matter while
/// editing itself; each handler only sets a flag, and `handlePending` does the work in
/// normal context when the interrupted `read` returns:
/// - SIGINT: `Interrupt` is set; the reader returns -1 and the line is abandoned.
/// - SIGWINCH: libedit is told the new terminal size (`el_resize`).
/// - SIGTSTP (Ctrl-Z): the terminal is put back to normal, the process stops for real,
///   and on `fg` the editing mode and the line are restored.
/// - SIGTERM, SIGHUP, SIGQUIT (Ctrl-\): the terminal is put back to normal, then the
///   signal is raised again under the action that was in force before editing (usually
///   ending the process; for SIGQUIT, Swift's crash backtracer), so neither the parent
///   shell nor the backtracer gets a terminal without echo. The backtracer returns after
///   its report, leaving the default action in place; the signal is then raised once
///   more, under that action, so the process does end. If instead a handler of the
///   program's own returns, the editing goes on.
///
/// A signal that was ignored (SIG_IGN) when editing began stays ignored. All handlers are
/// installed without `SA_RESTART` so that the blocking `read` returns EINTR.
final class EditingSignals {
    private static let windowChanged = Atomic<Bool>(false)
    private static let suspendRequested = Atomic<Bool>(false)
    /// The terminating signal received, or 0.
    private static let terminatingSignal = Atomic<Int32>(0)
    private static let terminatingSignals = [SIGTERM, SIGQUIT]

    /// The actions replaced by `init`, by signal.
    private var saved: [Int32: sigaction] = [:]

    /// Installs the editing-time handlers and remembers the ones they replace.
    init() {
        // As in `Interrupt.install`: initialise the flags before any handler can run.
        Self.windowChanged.store(false, ordering: .relaxed)
        Self.suspendRequested.store(false, ordering: .relaxed)
        Self.terminatingSignal.store(0, ordering: .relaxed)
        saved[SIGINT] = SignalAction.install(recordInterrupt, for: SIGINT, restart: false)
        saved[SIGWINCH] = SignalAction.install(recordWindowChange, for: SIGWINCH, restart: false)
        if !SignalAction.isIgnored(SIGTSTP) {
            saved[SIGTSTP] = SignalAction.install(recordSuspend, for: SIGTSTP, restart: false)
        }
        if !SignalAction.isIgnored(SIGHUP) {
            saved[SIGHUP] = SignalAction.install(recordHangUp, for: SIGHUP, restart: false)
        }
        for signal in Self.terminatingSignals where !SignalAction.isIgnored(signal) {
            saved[signal] = SignalAction.install(recordTermination, for: signal, restart: false)
        }
    }

    /// Puts back the handlers that were in force before `init`.
    func restore() {
        for (signal, action) in saved {
            SignalAction.install(action, for: signal)
        }
        saved.removeAll()
    }

    /// Acts on what the handlers recorded; called by the character reader after a `read`
    /// was interrupted.
    func handlePending(_ editLine: OpaquePointer) {
        let ending = Self.terminatingSignal.exchange(0, ordering: .relaxed)
        if ending != 0, let previous = saved[ending] {
            // Normally does not return.
            reraise(ending, under: previous, editLine)
        }
        if Self.windowChanged.exchange(false, ordering: .relaxed) {
            el_resize(editLine)
        }
        if Self.suspendRequested.exchange(false, ordering: .relaxed) {
            // Stopping is the default action of SIGTSTP.
            reraise(SIGTSTP, under: SignalAction.defaultAction(), editLine)
        }
    }

    /// Raises `signal` under `action` with the terminal in its normal mode; if the
    /// process is still running afterwards (after `fg`, or a handler that returned),
    /// restores this editing-time handler, the editing mode and the line on screen.
    private func reraise(_ signal: Int32, under action: sigaction, _ editLine: OpaquePointer) {
        _ = smk_el_prep_term(editLine, 0)
        let ours = SignalAction.install(action, for: signal)
        raise(signal)
        if signal != SIGTSTP, SignalAction.isDefault(signal) {
            // A handler (Swift's backtracer) ran, reported, and reset the action to the
            // default one, expecting the signal to recur: let it.
            raise(signal)
        }
        SignalAction.install(ours, for: signal)
        _ = smk_el_prep_term(editLine, 1)
        _ = smk_el_refresh(editLine)
    }

    fileprivate static func noteWindowChange() {
        windowChanged.store(true, ordering: .relaxed)
    }

    fileprivate static func noteSuspend() {
        suspendRequested.store(true, ordering: .relaxed)
    }

    fileprivate static func noteTermination(_ signal: Int32) {
        terminatingSignal.store(signal, ordering: .relaxed)
    }
}

private let recordWindowChange: @convention(c) (Int32) -> Void = { _ in
    EditingSignals.noteWindowChange()
}

private let recordSuspend: @convention(c) (Int32) -> Void = { _ in
    EditingSignals.noteSuspend()
}

private let recordTermination: @convention(c) (Int32) -> Void = { signal in
    EditingSignals.noteTermination(signal)
}

/// Thin helpers over `sigaction(2)`, which differs in shape between Glibc and Darwin.
fileprivate enum SignalAction {
    /// Installs `handler` for `signal` and returns the action it replaced.
    static func install(
        _ handler: @escaping @convention(c) (Int32) -> Void, for signal: Int32, restart: Bool
    ) -> sigaction {
        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = handler
        #else
        action.__sigaction_u.__sa_handler = handler
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = restart ? Int32(SA_RESTART) : 0
        return install(action, for: signal)
    }

    /// A `sigaction` with the default disposition (SIG_DFL).
    static func defaultAction() -> sigaction {
        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = SIG_DFL
        #else
        action.__sigaction_u.__sa_handler = SIG_DFL
        #endif
        sigemptyset(&action.sa_mask)
        return action
    }

    /// Installs `action` for `signal` and returns the action it replaced.
    @discardableResult
    static func install(_ action: sigaction, for signal: Int32) -> sigaction {
        var action = action
        var previous = sigaction()
        sigaction(signal, &action, &previous)
        return previous
    }

    /// Whether `signal` is currently ignored (SIG_IGN).
    static func isIgnored(_ signal: Int32) -> Bool {
        currentHandlerBits(signal) == unsafeBitCast(SIG_IGN, to: Int.self)
    }

    /// Whether `signal` currently has its default action (SIG_DFL).
    static func isDefault(_ signal: Int32) -> Bool {
        currentHandlerBits(signal) == unsafeBitCast(SIG_DFL, to: Int.self)
    }

    /// The current handler as an address: C function pointers are not comparable in
    /// Swift, and SIG_DFL and SIG_IGN are the small constants 0 and 1.
    private static func currentHandlerBits(_ signal: Int32) -> Int {
        var current = sigaction()
        sigaction(signal, nil, &current)
        #if canImport(Glibc)
        return unsafeBitCast(current.__sigaction_handler.sa_handler, to: Int.self)
        #else
        return unsafeBitCast(current.__sigaction_u.__sa_handler, to: Int.self)
        #endif
    }
}
