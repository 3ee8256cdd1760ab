/// Answers about the leads kept until the leads change: the second `funnel`, `rates` or
/// `whatif` on a million leads is a lookup, not another pass over every history.
extension LeadStore {
    /// What `compute` answers for these leads and `key`, from memory when the same
    /// question (`slot`) was last asked of the same version of the leads with an equal
    /// key. The key must name everything else the answer depends on (the rows asked
    /// about, the funnel, the rules, the clock when it is read).
    public func remembered<Key: Equatable & Sendable, Value: Sendable>(_ slot: String, key: Key,
                                                                        _ compute: () -> Value) -> Value {
        let kept: Value? = table.memo.value(slot, key: MemoKey(edits: edits, key: key)) { compute() }
        return kept ?? compute()
    }
}

/// A memo key: the version of the leads and the caller's key.
struct MemoKey<Key: Equatable & Sendable>: Equatable, Sendable {
    let edits: LeadStore.Edits
    let key: Key
}

extension LeadStore {
    /// As `remembered`, for work that can be stopped: `compute` returns nil when it was
    /// interrupted (Ctrl-C), and then nothing is kept and nil is returned.
    public func remembered<Key: Equatable & Sendable, Value: Sendable>(_ slot: String, key: Key,
                                                                        unlessStopped compute: () -> Value?) -> Value? {
        table.memo.value(slot, key: MemoKey(edits: edits, key: key)) { compute() }
    }
}
