#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of a `FILE.smk-cache`: a fixed header, then sections (a byte count, the
/// bytes, padding to 8), each an array of plain values written straight from the
/// column's memory and read straight into a new array, with no copy in between.
///
/// The header says which JSON file the snapshot describes (its size, modification time
/// and a hash of its first and last 64 KiB), which program wrote it, and a checksum of
/// every section: a snapshot that does not match in every respect is not used.
enum SnapshotFormat {
    static let magic: UInt64 = 0x0050_414E_534B_4D53  // "SMKSNAP\0" little-endian
    /// Bump whenever the sections or what the decoder puts into the columns change.
    static let version: UInt64 = 4
    static let headerWords = 13
    static var headerBytes: Int { headerWords * 8 }
    /// The size of each hashed end block of the JSON file.
    static let blockSize = 64 << 10

    struct Header: Equatable {
        var version = SnapshotFormat.version
        var program = ProgramStamp.current
        var json: FileStamp
        var headHash: UInt64
        var tailHash: UInt64
        var leadsStart: Int
        var leadsEnd: Int
        var checksum: UInt64 = 0
        var payloadBytes: Int = 0

        var words: [UInt64] {
            [SnapshotFormat.magic, version, program.size, program.modified, UInt64(bitPattern: json.size), UInt64(bitPattern: json.seconds),
             UInt64(bitPattern: json.nanoseconds), headHash, tailHash, UInt64(leadsStart), UInt64(leadsEnd), checksum, UInt64(payloadBytes)]
        }

        init(json: FileStamp, headHash: UInt64, tailHash: UInt64, leadsStart: Int, leadsEnd: Int) {
            self.json = json
            self.headHash = headHash
            self.tailHash = tailHash
            self.leadsStart = leadsStart
            self.leadsEnd = leadsEnd
        }

        /// Nil unless the words start with the magic number.
        init?(words w: [UInt64]) {
            guard w.count == SnapshotFormat.headerWords, w[0] == SnapshotFormat.magic,
                  w[9] < UInt64(Int.max), w[10] < UInt64(Int.max), w[12] < UInt64(Int.max) else { return nil }
            version = w[1]
            program = ProgramStamp(size: w[2], modified: w[3])
            json = FileStamp(size: Int64(bitPattern: w[4]), seconds: Int64(bitPattern: w[5]), nanoseconds: Int64(bitPattern: w[6]))
            headHash = w[7]
            tailHash = w[8]
            leadsStart = Int(w[9])
            leadsEnd = Int(w[10])
            checksum = w[11]
            payloadBytes = Int(w[12])
        }
    }

    /// The hashes of the JSON file's first and last `blockSize` bytes.
    static func endHashes(_ bytes: FileBytes) -> (head: UInt64, tail: UInt64) {
        bytes.withUnsafeBufferPointer { buffer in
            let raw = UnsafeRawBufferPointer(buffer)
            let head = UnsafeRawBufferPointer(rebasing: raw[0..<min(raw.count, blockSize)])
            let tail = UnsafeRawBufferPointer(rebasing: raw[max(0, raw.count - blockSize)..<raw.count])
            return (hash(head, seed: 1), hash(tail, seed: 2))
        }
    }

    /// A fast 64-bit hash (four multiply-rotate lanes over 8-byte words): it guards
    /// against a damaged or cut snapshot and an edited JSON file, not against an attacker.
    static func hash(_ raw: UnsafeRawBufferPointer, seed: UInt64) -> UInt64 {
        let p1: UInt64 = 0x9E37_79B1_85EB_CA87, p2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
        @inline(__always) func round(_ acc: UInt64, _ word: UInt64) -> UInt64 {
            let mixed = acc &+ word &* p2
            return ((mixed << 31) | (mixed >> 33)) &* p1
        }
        var a = seed &+ p1 &+ p2, b = seed &+ p2, c = seed, d = seed &- p1
        let words = raw.count / 8
        var k = 0
        while k + 4 <= words {
            a = round(a, raw.loadUnaligned(fromByteOffset: k * 8, as: UInt64.self))
            b = round(b, raw.loadUnaligned(fromByteOffset: k * 8 + 8, as: UInt64.self))
            c = round(c, raw.loadUnaligned(fromByteOffset: k * 8 + 16, as: UInt64.self))
            d = round(d, raw.loadUnaligned(fromByteOffset: k * 8 + 24, as: UInt64.self))
            k += 4
        }
        while k < words {
            a = round(a, raw.loadUnaligned(fromByteOffset: k * 8, as: UInt64.self))
            k += 1
        }
        var tail: UInt64 = 0
        for offset in (words * 8)..<raw.count { tail = tail << 8 | UInt64(raw[offset]) }
        var h = ((a << 1) | (a >> 63)) &+ ((b << 7) | (b >> 57)) &+ ((c << 12) | (c >> 52)) &+ ((d << 18) | (d >> 46))
        h = round(h ^ tail, UInt64(raw.count))
        h ^= h >> 29
        h = h &* p1
        return h ^ (h >> 32)
    }

    static func combine(_ h: UInt64, _ value: UInt64) -> UInt64 {
        var x = (h ^ value) &* 0xFF51_AFD7_ED55_8CCD
        x ^= x >> 33
        return x
    }
}

/// What identifies a version of a file for the snapshot: size and modification time.
struct FileStamp: Equatable, Sendable {
    var size: Int64
    var seconds: Int64
    var nanoseconds: Int64

    /// The stamp of the file at `path` (a symlink followed), nil when it cannot be read.
    static func of(_ path: String) -> FileStamp? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        #if canImport(Darwin)
        return FileStamp(size: Int64(info.st_size), seconds: Int64(info.st_mtimespec.tv_sec), nanoseconds: Int64(info.st_mtimespec.tv_nsec))
        #else
        return FileStamp(size: Int64(info.st_size), seconds: Int64(info.st_mtim.tv_sec), nanoseconds: Int64(info.st_mtim.tv_nsec))
        #endif
    }
}

/// Which build of smk wrote a snapshot: another build may fill the columns differently,
/// so its snapshots are rebuilt rather than trusted.
struct ProgramStamp: Equatable, Sendable {
    var size: UInt64
    var modified: UInt64

    static let current: ProgramStamp = {
        #if os(Linux)
        if let stamp = FileStamp.of("/proc/self/exe") {
            return ProgramStamp(size: UInt64(stamp.size), modified: UInt64(bitPattern: stamp.seconds) &* 1_000_000_000 &+ UInt64(stamp.nanoseconds))
        }
        #endif
        return ProgramStamp(size: 0, modified: 0)
    }()
}
