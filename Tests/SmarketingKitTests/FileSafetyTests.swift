import Foundation
import Testing
@testable import SmarketingKit
#if canImport(Glibc)
import Glibc
#endif

@Suite("Locks and saves that lose nothing")
struct FileSafetyTests {
    @Test("an empty lock file is someone taking the lock, not a stale lock; an old one is stale")
    func emptyLock() throws {
        let folder = try Fixtures.temporaryFolder()
        let lock = WorkspaceLock(workspacePath: folder + "/ws.json")
        FileManager.default.createFile(atPath: lock.path, contents: Data())
        guard case .heldBy = lock.acquire(user: "anna", now: Date(), force: false) else {
            Issue.record("a fresh empty lock was taken over"); return
        }
        #expect(FileManager.default.fileExists(atPath: lock.path))
        let later = Date().addingTimeInterval(WorkspaceLock.unreadableGrace + 5)
        #expect(lock.acquire(user: "anna", now: later, force: false) == .acquired)
        #expect(lock.holder()?.user == "anna")
        lock.release()
    }

    @Test("a lock file holding a pid out of range is unreadable, not a crash")
    func hugePid() throws {
        let folder = try Fixtures.temporaryFolder()
        let lock = WorkspaceLock(workspacePath: folder + "/ws.json")
        for pid in ["1e10", "-5", "1e400", "0.5"] {
            try Data(#"{"user": "erik", "pid": \#(pid), "host": "h", "since": "2026-11-24T09:00:00Z"}"#.utf8).write(to: URL(fileURLWithPath: lock.path))
            #expect(lock.holder() == nil)
            #expect(lock.acquire(user: "anna", now: Date(), force: true) == .acquired)
            lock.release()
        }
    }

    @Test("a symlink to a workspace shares its lock and journal, and a save through it writes the real file")
    func symlink() throws {
        let folder = try Fixtures.temporaryFolder()
        let real = folder + "/real.json", link = folder + "/link.json"
        try FileManager.default.copyItem(atPath: Fixtures.small, toPath: real)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
        #expect(WorkspaceLock(workspacePath: link).path == WorkspaceLock(workspacePath: real).path)
        #expect(Journal(workspacePath: link).path == Journal(workspacePath: real).path)
        var workspace = try Workspace.load(path: link)
        workspace.name = "renamed"
        try workspace.save(path: link)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == real)
        #expect(try Workspace.load(path: real).name == "renamed")
    }

    @Test("a save keeps the file's mode, refuses a read-only file unless forced, and removes temporaries of killed saves")
    func modeAndTemporaries() throws {
        let folder = try Fixtures.temporaryFolder()
        let path = folder + "/ws.json"
        try FileManager.default.copyItem(atPath: Fixtures.small, toPath: path)
        let workspace = try Workspace.load(path: path)
        chmod(path, 0o640)
        try workspace.save(path: path)
        var info = stat()
        stat(path, &info)
        #expect(info.st_mode & 0o777 == 0o640)
        chmod(path, 0o444)
        #expect(throws: WorkspaceError.cannotSave(path: path, reason: "the file is read-only (mode 444); save! writes it anyway")) {
            try workspace.save(path: path)
        }
        try workspace.save(path: path, force: true)
        stat(path, &info)
        #expect(info.st_mode & 0o777 == 0o444)
        // A save killed half-way left its temporary file (the pid cannot exist).
        let stale = folder + "/.ws.json.tmp-2147483600"
        let unrelated = folder + "/.other.json.tmp-2147483600"
        FileManager.default.createFile(atPath: stale, contents: Data("{".utf8))
        FileManager.default.createFile(atPath: unrelated, contents: Data("{".utf8))
        try workspace.save(path: path, force: true)
        #expect(!FileManager.default.fileExists(atPath: stale))
        #expect(FileManager.default.fileExists(atPath: unrelated))
    }
}

@Suite("Files too large")
struct HugeFileTests {
    @Test("a file larger than the machine's memory gets a message, not an abort")
    func larger() throws {
        let folder = try Fixtures.temporaryFolder()
        let path = folder + "/huge.json"
        FileManager.default.createFile(atPath: path, contents: Data("{".utf8))
        let memory = Int64(sysconf(Int32(_SC_PHYS_PAGES))) * Int64(sysconf(Int32(_SC_PAGESIZE)))
        // Sparse: takes no disk space.
        #expect(truncate(path, off_t(memory + 1_000_000)) == 0)
        do { _ = try Workspace.load(path: path); Issue.record("loaded") } catch {
            #expect("\(error)".contains("more than this machine's memory"), "\(error)")
        }
        unlink(path)
    }
}

@Suite("Deep expressions")
struct DeepExpressionTests {
    @Test("a 1,000-clause or chain compiles and evaluates on a thread with a small stack")
    func smallStack() throws {
        let workspace = try Workspace.load(path: Fixtures.small)
        let text = (0..<1000).map { "fit = \($0 % 100)" }.joined(separator: " or ")
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var matched = -1
        // 256 KB: a frame per clause (the compiler's recursion before) does not fit.
        let thread = Thread {
            let environment = QueryEnvironment(workspace: workspace, now: Date())
            if let predicate = try? QueryCompiler.compile(text, in: environment) {
                matched = (0..<workspace.leads.count).filter { predicate(workspace.leads[$0]) }.count
            }
            done.signal()
        }
        thread.stackSize = 256 << 10
        thread.start()
        done.wait()
        #expect(matched >= 0, "the chain did not compile")
    }
}
