import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The one name under which a workspace file's lock, journal and pending copy live,
/// whatever name the file was opened by.
///
/// A symlink is resolved by `realpath`, but a hard link is a second name of the same
/// file that nothing beside the first name can see. So the first session to lock a
/// file writes the name it used on the file itself, as an extended attribute
/// (`user.smk.home`), which every hard link shares: a session opening another name
/// reads it and finds the same lock, journal and pending copy. A recorded name that no
/// longer names this file (renamed, removed) is ignored and replaced.
public enum WorkspaceHome {
    static let attribute = "user.smk.home"

    /// The home of the file at `path`: the name recorded on the file when it still names
    /// this very file, else `path` with symlinks resolved.
    public static func of(_ path: String) -> String {
        let real = WorkspaceLock.realPath(path)
        var info = stat()
        guard stat(real, &info) == 0, let recorded = recorded(path: real), recorded != real else { return real }
        var other = stat()
        guard stat(recorded, &other) == 0, other.st_dev == info.st_dev, other.st_ino == info.st_ino else { return real }
        return recorded
    }

    /// The name recorded on the file, if any.
    static func recorded(path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        return recorded(descriptor: fd)
    }

    static func recorded(descriptor fd: Int32) -> String? {
        guard let get = Attributes.get else { return nil }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = buffer.withUnsafeMutableBytes { get(fd, attribute, $0.baseAddress, $0.count) }
        guard n > 0 else { return nil }
        return String(validating: buffer.prefix(n), as: UTF8.self)
    }

    /// Records `home` on the open file `fd` (unless it is recorded already). False when
    /// it cannot be: a file system without extended attributes, or a file we may not
    /// write.
    @discardableResult
    static func record(_ home: String, descriptor fd: Int32) -> Bool {
        if recorded(descriptor: fd) == home { return true }
        guard let set = Attributes.set else { return false }
        return set(fd, attribute, home, home.utf8.count, 0) == 0
    }

    /// Whether a file with more than one name can be shared safely here: its home is
    /// recorded on it (or can be), so every name finds the same lock.
    public static func isRecorded(on path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return recorded(descriptor: fd) != nil
    }

    /// Extended attributes through the C library, looked up at run time (Glibc's Swift
    /// module does not carry <sys/xattr.h>).
    enum Attributes {
        typealias Get = @convention(c) (Int32, UnsafePointer<CChar>, UnsafeMutableRawPointer?, Int) -> Int
        typealias Set = @convention(c) (Int32, UnsafePointer<CChar>, UnsafeRawPointer?, Int, Int32) -> Int32
        static let get: Get? = symbol("fgetxattr").map { unsafeBitCast($0, to: Get.self) }
        static let set: Set? = symbol("fsetxattr").map { unsafeBitCast($0, to: Set.self) }

        private static func symbol(_ name: String) -> UnsafeMutableRawPointer? {
            guard let handle = dlopen(nil, RTLD_NOW) else { return nil }
            return dlsym(handle, name)
        }
    }
}
