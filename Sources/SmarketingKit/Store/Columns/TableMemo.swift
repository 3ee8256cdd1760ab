import Synchronization

/// Answers worked out from a loaded table, kept beside it so the next command that asks
/// the same question of the same rows answers from memory: `dupes`, the `find` index,
/// the funnel and the rates on a million leads are computed once per version of the
/// leads (and of whatever else the key names, such as the clock), not once per command.
///
/// One answer per slot: a new key replaces the old answer, so memory stays bounded.
/// The key must name everything the answer depends on besides the table's loaded rows;
/// `LeadStore.Edits` names the edits made since loading.
final class TableMemo: Sendable {
    private let slots = Mutex<[String: (key: any Sendable, value: any Sendable)]>([:])

    /// The answer kept in `slot` for `key`, else `compute()`'s, kept unless it is nil
    /// (an interrupted computation keeps nothing).
    func value<Key: Equatable & Sendable, Value: Sendable>(_ slot: String, key: Key, compute: () -> Value?) -> Value? {
        if let kept = slots.withLock({ $0[slot] }), let keptKey = kept.key as? Key, keptKey == key,
           let value = kept.value as? Value {
            return value
        }
        guard let value = compute() else { return nil }
        slots.withLock { $0[slot] = (key, value) }
        return value
    }

    /// Forgets every answer (tests, and a caller that knows the answers are stale).
    func removeAll() {
        slots.withLock { $0.removeAll() }
    }
}
