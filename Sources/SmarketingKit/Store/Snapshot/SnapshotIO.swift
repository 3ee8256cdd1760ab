#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The snapshot cannot be used (missing, damaged, cut short, stale, another version):
/// the workspace is loaded from its JSON instead. Never shown as an error.
struct SnapshotUnusable: Error {}

/// Writes sections to a snapshot file, each straight from an array's memory, keeping
/// the checksum the header will carry.
struct SnapshotWriter {
    let fd: Int32
    private(set) var checksum: UInt64 = 0
    private(set) var payloadBytes = 0
    private(set) var failed = false

    init(fd: Int32) {
        self.fd = fd
    }

    mutating func section<T: BitwiseCopyable>(_ array: [T]) {
        array.withUnsafeBytes { raw in
            var count = UInt64(raw.count)
            withUnsafeBytes(of: &count) { put($0) }
            checksum = SnapshotFormat.combine(checksum, UInt64(raw.count))
            checksum = SnapshotFormat.combine(checksum, SnapshotFormat.hash(raw, seed: 3))
            put(raw)
            let padding = (8 - raw.count % 8) % 8
            if padding > 0 { withUnsafeBytes(of: UInt64(0)) { put(UnsafeRawBufferPointer(rebasing: $0[0..<padding])) } }
        }
    }

    mutating func value(_ value: Int) { section([value]) }

    /// Strings as one section of their UTF-8 bytes and one of their lengths.
    mutating func strings(_ values: [String]) {
        var bytes: [UInt8] = []
        var lengths: [Int] = []
        for value in values {
            bytes.append(contentsOf: value.utf8)
            lengths.append(value.utf8.count)
        }
        section(bytes)
        section(lengths)
    }

    private mutating func put(_ raw: UnsafeRawBufferPointer) {
        guard !failed, let base = raw.baseAddress else { return }
        var done = 0
        while done < raw.count {
            let n = write(fd, base + done, raw.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                failed = true
                return
            }
            done += n
        }
        payloadBytes += raw.count
    }
}

/// Reads the sections `SnapshotWriter` wrote, in the same order, checking each length
/// against what is left of the file before allocating anything.
struct SnapshotReader {
    let fd: Int32
    private(set) var remaining: Int
    private(set) var checksum: UInt64 = 0

    init(fd: Int32, payloadBytes: Int) {
        self.fd = fd
        remaining = payloadBytes
    }

    mutating func section<T: BitwiseCopyable>(_: T.Type = T.self) throws(SnapshotUnusable) -> [T] {
        var count: UInt64 = 0
        try withUnsafeMutableBytes(of: &count) { (raw: UnsafeMutableRawBufferPointer) throws(SnapshotUnusable) in try take(raw) }
        let stride = MemoryLayout<T>.stride
        guard count <= UInt64(remaining), Int(count) % stride == 0 else { throw SnapshotUnusable() }
        let bytes = Int(count)
        let padding = (8 - bytes % 8) % 8
        var failure = false
        let array = [T](unsafeUninitializedCapacity: bytes / stride) { buffer, initialized in
            do {
                try take(UnsafeMutableRawBufferPointer(buffer))
                initialized = bytes / stride
            } catch {
                failure = true
            }
        }
        if failure { throw SnapshotUnusable() }
        if padding > 0 {
            var pad: UInt64 = 0
            try withUnsafeMutableBytes(of: &pad) { (raw: UnsafeMutableRawBufferPointer) throws(SnapshotUnusable) in
                try take(UnsafeMutableRawBufferPointer(rebasing: raw[0..<padding]))
            }
        }
        array.withUnsafeBytes { raw in
            checksum = SnapshotFormat.combine(checksum, UInt64(raw.count))
            checksum = SnapshotFormat.combine(checksum, SnapshotFormat.hash(raw, seed: 3))
        }
        return array
    }

    mutating func value() throws(SnapshotUnusable) -> Int {
        let values = try section(Int.self)
        guard values.count == 1 else { throw SnapshotUnusable() }
        return values[0]
    }

    mutating func strings() throws(SnapshotUnusable) -> [String] {
        let bytes = try section(UInt8.self)
        let lengths = try section(Int.self)
        var strings: [String] = []
        strings.reserveCapacity(lengths.count)
        var offset = 0
        for length in lengths {
            guard length >= 0, length <= bytes.count - offset else { throw SnapshotUnusable() }
            strings.append(String(decoding: bytes[offset..<(offset + length)], as: UTF8.self))
            offset += length
        }
        guard offset == bytes.count else { throw SnapshotUnusable() }
        return strings
    }

    private mutating func take(_ raw: UnsafeMutableRawBufferPointer) throws(SnapshotUnusable) {
        guard raw.count <= remaining else { throw SnapshotUnusable() }
        guard let base = raw.baseAddress else { return }
        var done = 0
        while done < raw.count {
            let n = read(fd, base + done, raw.count - done)
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { throw SnapshotUnusable() }
            done += n
        }
        remaining -= raw.count
    }
}
