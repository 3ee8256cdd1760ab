import Foundation
import Testing
import SmarketingKit

/// Issue 4's timings, in process so the load is not part of a query's time. Runs only
/// when `SMK_BENCH` names a workspace file (see `Scripts/gen-big.py`):
///
///     SMK_BENCH=bench/leads-1m.json swift test -c release -Xswiftc -enable-testing --filter Benchmark
@Suite("Benchmark", .enabled(if: ProcessInfo.processInfo.environment["SMK_BENCH"] != nil))
struct BenchmarkTests {
    static func time<T>(_ label: String, repeat count: Int = 1, _ body: () throws -> T) rethrows -> T {
        var best = Double.infinity
        var result: T?
        for _ in 0..<count {
            let start = DispatchTime.now().uptimeNanoseconds
            result = try body()
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        print("bench: \(label): \(String(format: "%.2f", best)) ms (best of \(count))")
        return result!
    }

    @Test("load, the three queries and save")
    func run() throws {
        let path = try #require(ProcessInfo.processInfo.environment["SMK_BENCH"])
        let workspace = try Self.time("load") { try Workspace.load(path: path) }
        let environment = QueryEnvironment(workspace: workspace, now: Date())
        let leads = workspace.leads
        let filtered = try Self.time("count where stage = mql and score >= 60", repeat: 10) {
            try QueryCompiler.compileRows("stage = mql and score >= 60", in: environment).rows(in: leads).count
        }
        print("bench:   = \(filtered)")
        let source = try #require(LeadField.named("source"))
        let groups = Self.time("count by source", repeat: 10) {
            leads.groups(of: Array(0..<leads.count), by: source, in: environment).map { ($0.key, $0.rows.count) }
        }
        print("bench:   = \(groups.map { "\($0.0)=\($0.1)" }.joined(separator: " "))")
        let score = try #require(LeadField.named("score"))
        let top = try Self.time("leads where country = 'SE' sort score desc limit 20", repeat: 10) {
            let rows = try QueryCompiler.compileRows("country = 'SE'", in: environment).rows(in: leads)
            let candidates = leads.topCandidates(of: rows, by: score, descending: true, limit: 20, in: environment) ?? rows
            // As the shell does: sort the candidates by the key (none last), then by row.
            let keyed = candidates.map { row -> (row: Int, key: Double) in
                if case .number(let x) = leads.value(of: score, at: row, in: environment) { return (row, x) }
                return (row, -.infinity)
            }
            let sorted = keyed.sorted { $0.key != $1.key ? $0.key > $1.key : $0.row < $1.row }
            return sorted.prefix(20).map { leads[$0.row] }
        }
        print("bench:   = \(top.map(\.id).prefix(5).joined(separator: ", ")) …")
        let bytes = Self.time("save (encode)", repeat: 1) { WorkspaceCodec.encode(workspace) }
        print("bench:   = \(bytes.count) bytes")
    }
}
