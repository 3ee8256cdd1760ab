/// Where a workspace lives between sessions, and how each change reaches it and the
/// other sessions on it (DESIGN.md §6). The session holds one; commands never see it.
///
/// Declared here with what each operation promises, so that a second store can be
/// written against the promises rather than against the first store's code:
///
/// - `load` reads the workspace as last committed. After a crash (of this process, or of
///   the server behind the store) it holds every change whose `append` had returned.
/// - `append` makes one change durable, or refuses it and keeps nothing of it. Its
///   return is the point of no loss: the shell reports a change as done only after it.
///   A refusal because others changed the same leads says who and what; the caller then
///   `follow`s to see their change.
/// - `save` writes the whole workspace where the store keeps it, and says what it did.
///   A store whose every `append` is already durable has nothing to write.
/// - `follow` returns the changes others committed since this store last loaded,
///   appended or followed, oldest first, without applying them (the session applies
///   them, as it applies its own). It never returns this store's own appends.
/// - `followDescriptor` is a file descriptor that turns readable when `follow` may have
///   news, so the line editor can wait on it beside the terminal; nil when it never will.
///
/// Two stores keep these promises: the JSON file with its lock and journal
/// (SmarketingShell's `FileStore`: `append` journals, `save` writes the file atomically,
/// `follow` has nothing to say) and the shared workspace in PostgreSQL
/// (SmarketingShared's `PostgresStore`: `append` commits, `save` has nothing to write).
/// The same command sequences run against both in `StoreContractTests`.
public protocol WorkspaceStore: AnyObject {
    /// The workspace's name in the store (the prompt shows it).
    var name: String { get }
    /// Where the workspace is, for `info` and messages; never a password.
    var location: String { get }
    /// The address a reviewer gives smk to open this workspace again (a recorded
    /// script's replay line), never a password; nil when the session's path says it.
    var address: String? { get }
    /// Who is acting when the store decides it (the database login); nil when the
    /// session decides (`--as`, SMK_USER, the OS user).
    var identity: String? { get }
    /// True when others may change the workspace while it is open and every `append` is
    /// already durable: nothing is ever unsaved, and `save` has nothing to write.
    var isShared: Bool { get }
    func load() throws(StoreRefusal) -> Workspace
    /// Records `record`, whose change `workspace` already holds (the state after it).
    func append(_ record: ChangeRecord, to workspace: Workspace) throws(StoreRefusal)
    /// `force` writes over what a careful save would refuse (a read-only file);
    /// `isInterrupted` is polled by a long save, which then keeps the old state and
    /// throws. Returns what to tell the person.
    func save(_ workspace: Workspace, force: Bool, isInterrupted: () -> Bool) throws(StoreRefusal) -> String
    /// `force`: ask even when no notification came (after a conflict, or to resync).
    func follow(_ workspace: Workspace, force: Bool) throws(StoreRefusal) -> [ChangeRecord]
    var followDescriptor: Int32? { get }
    /// The people who have the workspace open right now (for `who`).
    func present() throws(StoreRefusal) -> [String]
    /// What the store has to tell the person since last asked (a lost connection, its
    /// return), one line each; the session prints them with others' changes.
    func takeNotices() -> [String]
}

/// Why a store did not take a change (or could not be read). Worded by the store.
public struct StoreRefusal: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// Others changed what the change touches since this session saw it.
        case conflict
        /// The store said no (the database's rules on who may do what).
        case refused
        /// The store cannot be reached now; the change was not made.
        case unavailable
    }

    public var kind: Kind
    public var message: String
    /// The typed error behind the refusal, when a store has one (a file store's
    /// `WorkspaceError`), so the session reports it as it always has.
    public var underlying: (any Error & Sendable)?

    public init(_ kind: Kind, _ message: String, underlying: (any Error & Sendable)? = nil) {
        self.kind = kind
        self.message = message
        self.underlying = underlying
    }

    public var description: String { message }
}

extension Change {
    /// The ids of the leads the change touches, in order, each once.
    public var leadIDs: [String] {
        var seen = Set<String>()
        var ids: [String] = []
        func walk(_ change: Change) {
            switch change {
            case .updateLead(let lead), .insertLead(let lead, _): if seen.insert(lead.id).inserted { ids.append(lead.id) }
            case .removeLead(let id): if seen.insert(id).inserted { ids.append(id) }
            case .appendLeads(let batch): for row in 0..<batch.count where seen.insert(batch.id(at: row)).inserted { ids.append(batch.id(at: row)) }
            case .group(let changes): changes.forEach(walk)
            default: break
            }
        }
        walk(self)
        return ids
    }

    /// True when the change touches anything but leads (stages, personas, SLA, …).
    public var touchesSettings: Bool {
        switch self {
        case .updateLead, .insertLead, .removeLead, .appendLeads, .removeLastLeads: false
        case .group(let changes): changes.contains { $0.touchesSettings }
        default: true
        }
    }
}

extension WorkspaceStore {
    public var address: String? { nil }
}
