import Foundation

/// An import as the journal keeps it: not every added lead as JSON (a million leads made
/// the journal entry the largest part of an import's time and memory) but the file, its
/// size and content hash, the clauses, and which of its lines were added under which
/// ids. A replay reads the file again, checks that it is the same bytes, and plans it
/// again on the same terms; a file changed or gone is refused, with what changed.
///
/// Updated leads (`key email|id`) are few and depend on the workspace they matched, so
/// the journal keeps them whole beside the reference, as any other change.
public struct ImportReference: Sendable, Equatable {
    /// One file the import read: where it is, and what it held.
    public struct File: Sendable, Equatable {
        /// The absolute path, so a replay from another folder finds it.
        public var path: String
        public var size: Int
        public var hash: String

        public init(path: String, bytes: [UInt8]) {
            self.path = URL(fileURLWithPath: path).standardizedFileURL.path
            size = bytes.count
            hash = ContentHash.hex(bytes)
        }

        init(path: String, size: Int, hash: String) {
            self.path = path
            self.size = size
            self.hash = hash
        }
    }

    public var file: File
    public var joined: File?
    public var spec: ImportSpec
    public var actor: String
    /// The import's "now": the time of the history entry of a lead with no created date.
    public var now: Date
    /// The highest `L-nnnnnn` number before the import: generated ids follow on from it.
    public var highestNumber: Int
    /// The lines of the file whose rows were added, as ranges (one range for a clean file).
    public var addedLines: [ClosedRange<Int>]
    /// How many leads the import added (checked on replay).
    public var added: Int
    /// The owner the import gave leads added into sales' stages without one (see
    /// `ImportPlan.salesOwner`); a replay, with no team to ask, gives the same.
    public var salesOwner: String?

    public init(file: File, joined: File?, spec: ImportSpec, actor: String, now: Date, highestNumber: Int, addedLines: [Int]) {
        self.file = file
        self.joined = joined
        self.spec = spec
        self.actor = actor
        self.now = now
        self.highestNumber = highestNumber
        self.addedLines = Self.ranges(addedLines)
        added = addedLines.count
    }

    /// As above, with the added lines already as ranges (`ImportPlan.addedLineRanges`).
    public init(file: File, joined: File?, spec: ImportSpec, actor: String, now: Date, highestNumber: Int,
                addedRanges: [ClosedRange<Int>]) {
        self.init(file: file, joined: joined, spec: spec, actor: actor, now: now, highestNumber: highestNumber, addedLines: [])
        addedLines = addedRanges
        added = addedRanges.reduce(0) { $0 + $1.count }
    }

    /// Ascending line numbers as the ranges they form.
    static func ranges(_ lines: [Int]) -> [ClosedRange<Int>] {
        var ranges: [ClosedRange<Int>] = []
        for line in lines {
            if let last = ranges.last, last.upperBound + 1 == line {
                ranges[ranges.count - 1] = last.lowerBound...line
            } else {
                ranges.append(line...line)
            }
        }
        return ranges
    }

    /// True when the row on `line` was added by the import.
    func adds(line: Int) -> Bool {
        var low = 0, high = addedLines.count
        while low < high {
            let mid = (low + high) / 2
            if addedLines[mid].upperBound < line { low = mid + 1 } else { high = mid }
        }
        return low < addedLines.count && addedLines[low].contains(line)
    }

    // MARK: Replay

    /// The leads the import added, made again from the file: the same leads, ids and
    /// history entries, or why they cannot be (the file is gone or changed).
    public func addedLeads(funnel: Funnel) throws(ImportReplayError) -> [Lead] {
        let document = try Self.read(file, separator: spec.separator)
        var spec = spec
        spec.strict = false
        spec.dryRun = false
        var joinedDocument: CSVDocument?
        if var join = spec.join {
            guard let joined else { throw .changed(file.path, "the journal names no joined file") }
            joinedDocument = try Self.read(joined, separator: join.spec.separator)
            join.file = joined.path
            spec.join = join
        }
        var planner = ImportPlanner(workspace: Workspace(name: "replay", funnel: funnel), actor: actor, now: now)
        planner.replay = self
        let plan: ImportPlan
        do { plan = try planner.plan(document, file: file.path, spec: spec, joined: joinedDocument) } catch {
            throw .changed(file.path, error.description)
        }
        guard plan.addedCount == added else {
            throw .changed(file.path, "it gives \(plan.addedCount) lead(s) now, the import added \(added)")
        }
        return plan.allAdded
    }

    private static func read(_ file: File, separator: UInt8?) throws(ImportReplayError) -> CSVDocument {
        let bytes: [UInt8]
        do { bytes = try AtomicFile.readAll(file.path) } catch { throw .gone(file.path) }
        guard bytes.count == file.size else {
            throw .changed(file.path, "\(bytes.count) bytes now, \(file.size) when it was imported")
        }
        guard ContentHash.hex(bytes) == file.hash else { throw .changed(file.path, "same size, different content") }
        do { return try CSVReader.read(bytes, separator: separator) } catch { throw .changed(file.path, "\(error)") }
    }

    // MARK: JSON

    public var json: JSONValue {
        func file(_ file: File) -> JSONValue {
            .object(JSONObject([JSONMember("path", .string(file.path)), JSONMember("size", .number(file.size)),
                                JSONMember("hash", .string(file.hash))]))
        }
        var members = [JSONMember("file", file(self.file))]
        if let joined { members.append(JSONMember("joined", file(joined))) }
        members += [
            JSONMember("spec", spec.json), JSONMember("actor", .string(actor)),
            JSONMember("now", .number(now.timeIntervalSinceReferenceDate)),
            JSONMember("highestNumber", .number(highestNumber)), JSONMember("added", .number(added)),
            JSONMember("lines", .array(addedLines.map { .array([.number($0.lowerBound), .number($0.upperBound)]) })),
        ]
        if let salesOwner { members.append(JSONMember("salesOwner", .string(salesOwner))) }
        return .object(JSONObject(members))
    }

    public init(json value: JSONValue) throws(FieldFault) {
        var r = try FieldReader(value, field: "")
        func file(_ key: String) throws(FieldFault) -> File? {
            guard let value = r.value(key) else { return nil }
            var f = try FieldReader(value, field: key)
            guard let size = try f.integer("size") else { throw FieldFault(field: key + ".size", problem: .missing) }
            return File(path: try f.requiredString("path"), size: size, hash: try f.requiredString("hash"))
        }
        guard let main = try file("file") else { throw FieldFault(field: "file", problem: .missing) }
        self.file = main
        joined = try file("joined")
        guard let specValue = r.value("spec") else { throw FieldFault(field: "spec", problem: .missing) }
        spec = try ImportSpec(json: specValue)
        actor = try r.requiredString("actor")
        guard let seconds = try r.number("now") else { throw FieldFault(field: "now", problem: .missing) }
        now = Date(timeIntervalSinceReferenceDate: seconds)
        highestNumber = try r.integer("highestNumber") ?? 0
        added = try r.integer("added") ?? 0
        salesOwner = try r.string("salesOwner")
        addedLines = try r.records("lines") { item, field throws(FieldFault) in
            guard case .array(let pair) = item, pair.count == 2, let low = pair[0].doubleValue, let high = pair[1].doubleValue,
                  let a = Int(exactly: low), let b = Int(exactly: high), a <= b else {
                throw FieldFault(field: field, problem: .wrongType(expected: "[first, last]", found: item.kindDescription))
            }
            return a...b
        }
    }
}

/// Why a journalled import cannot be replayed.
public enum ImportReplayError: Error, Sendable, Equatable, CustomStringConvertible {
    case gone(String)
    case changed(String, String)

    public var description: String {
        switch self {
        case .gone(let path): "the import of \(path) cannot be replayed: the file is gone"
        case .changed(let path, let what): "the import of \(path) cannot be replayed: the file changed since (\(what))"
        }
    }
}
