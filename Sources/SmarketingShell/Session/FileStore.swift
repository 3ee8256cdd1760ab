import Foundation
import SmarketingKit

/// The workspace as a JSON file on this machine, behind `WorkspaceStore` (its promises
/// are written where the protocol is declared), so the session treats a file and a
/// shared workspace alike.
///
/// It wraps what the file path has always used, unchanged: the write lock
/// (`WorkspaceLock`, taken before the file is read), the journal (`Journal`: `append`
/// writes each change to it as it is made; `WorkspaceGuard` offers a crashed session's
/// changes again), and the atomic save (`Workspace.save`, through `AtomicFile`).
/// `follow` has nothing to say: a file has one writer, and a read-only session follows
/// the writer's saves through `WorkspaceGuard.follow` instead.
public final class FileStore: WorkspaceStore {
    /// The file; nil for a workspace not saved yet (`save FILE` gives it one).
    public var path: String? {
        didSet { if path != oldValue { diskStamp = path.flatMap(FileStamp.init) } }
    }
    /// The version of the file this session last read or wrote: a save refuses to write
    /// over another version (a program that rewrote the file, a session that forced the
    /// lock), which would silently undo what that one saved.
    private var diskStamp: FileStamp?
    /// The lock and the crashed session's journal, once `guardFile` ran.
    public var workspaceGuard: WorkspaceGuard?
    /// Where each change goes as it is made; nil when the session does not write one
    /// (read-only, or a journal left by a crash is waiting).
    public var journal: Journal?
    private let err: TextSink
    private var journalWarned = false
    /// What `lock` took before the file was read, for `guardFile`.
    private var taken: WorkspaceLock.Outcome?

    public init(path: String?, err: TextSink) {
        self.path = path
        self.err = err
        diskStamp = path.flatMap(FileStamp.init)
    }

    public var name: String { path.map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent } ?? "" }
    public var location: String { path ?? "" }
    public var identity: String? { nil }
    public var isShared: Bool { false }
    public var followDescriptor: Int32? { nil }

    /// Takes the write lock before the file is read: another session could save between
    /// our read and our lock, and our save would then undo theirs.
    public func lock(actor: String, forceUnlock: Bool) {
        guard let path else { return }
        taken = WorkspaceGuard.takeLock(path: path, actor: actor, forceUnlock: forceUnlock)
    }

    /// Gives back the lock `lock` took, when the file then failed to load.
    public func unlock() {
        if let taken, let path { WorkspaceGuard.giveBack(taken, path: path) }
        taken = nil
    }

    public func load() throws(StoreRefusal) -> Workspace {
        guard let path else { throw StoreRefusal(.unavailable, "this workspace has no file yet") }
        do { return try Workspace.load(path: path) } catch {
            throw StoreRefusal(.unavailable, error.description, underlying: error)
        }
    }

    /// Guards the file for `session` once it holds the loaded workspace: the lock (or
    /// read-only, saying who holds it) and the journal, offering a crashed session's
    /// changes again (`ask`; nil in scripts). See `WorkspaceGuard`.
    public func guardFile(for session: Session, forceUnlock: Bool, ask: ((String) -> Bool)?) {
        let outcome = taken
        taken = nil
        diskStamp = path.flatMap(FileStamp.init)
        workspaceGuard = WorkspaceGuard(session: session, forceUnlock: forceUnlock, ask: ask, taken: outcome)
    }

    /// Journals the change. A journal that cannot be written is reported once and the
    /// session goes on (the change is in memory until the next save), as it always has.
    public func append(_ record: ChangeRecord, to workspace: Workspace) throws(StoreRefusal) {
        guard let journal else { return }
        do { try journal.append(record) } catch {
            if !journalWarned { err.write("warning: \(error); changes are not journalled until the next save\n") }
            journalWarned = true
        }
    }

    /// Writes the whole workspace atomically; the journal's changes are then in the file.
    public func save(_ workspace: Workspace, force: Bool, isInterrupted: () -> Bool) throws(StoreRefusal) -> String {
        guard let path else { throw StoreRefusal(.refused, "this workspace has no file yet: give one, as in save FILE") }
        if !force, FileStamp(path) != diskStamp {
            let name = URL(fileURLWithPath: path).lastPathComponent
            throw StoreRefusal(.refused, "not saved: \(name) was changed on disk since this session read it (by another program, or a "
                               + "session that took the lock); saving would undo that change. save FILE writes a copy; save! writes over it")
        }
        let written: Bool
        do { written = try workspace.save(path: path, force: force, isInterrupted: isInterrupted) } catch {
            throw StoreRefusal(.refused, error.description, underlying: error)
        }
        guard written else {
            throw StoreRefusal(.refused, "interrupted: \(URL(fileURLWithPath: path).lastPathComponent) was not saved, the file is as it was")
        }
        diskStamp = FileStamp(path)
        journal?.clear()
        return "saved \(path) (\(Thousands.format(workspace.leads.count)) leads)"
    }

    public func follow(_ workspace: Workspace, force: Bool) throws(StoreRefusal) -> [ChangeRecord] { [] }
    public func present() throws(StoreRefusal) -> [String] { [] }
    public func takeNotices() -> [String] { [] }
}

extension ShellError {
    /// A store's refusal as the shell reports it: a file's typed error as always, the
    /// store's words otherwise.
    init(_ refusal: StoreRefusal) {
        if let error = refusal.underlying as? WorkspaceError { self = .workspace(error) } else { self = .refused(refusal.message) }
    }
}
