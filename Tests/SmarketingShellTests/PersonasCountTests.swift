import Foundation
import Testing
@testable import SmarketingKit
@testable import SmarketingShell

/// `personas` counts the leads of each persona over the columns (it asked every decoded
/// lead before: 13 s of CPU at 100k leads). The counts must stay what asking each lead
/// gives, also after a change moves leads between personas.
@Suite("personas counts")
struct PersonasCountTests {
    /// The persona of every lead, asked lead by lead (the way the command used to count).
    static func leadByLead(_ session: Session) throws -> [String: Int] {
        let environment = session.queryEnvironment()
        let field = try #require(LeadField.named("persona"))
        _ = try QueryCompiler.compile("persona is not none", in: environment)  // compiles the personas' criteria
        var counts: [String: Int] = [:]
        for lead in session.workspace.leads.all {
            if case .text(let name) = field.value(of: lead, in: environment) { counts[name, default: 0] += 1 }
        }
        return counts
    }

    static func listed(_ harness: Harness) throws -> [String: Int] {
        let out = harness.run("format csv; personas; format table").out
        var counts: [String: Int] = [:]
        for line in out.split(separator: "\r\n").dropFirst() where !line.isEmpty {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            counts[cells[1]] = Int(cells[2])
        }
        return counts
    }

    @Test("each persona's count is the number of leads whose persona it is, before and after a change")
    func countsAgree() throws {
        let harness = try Harness(path: Harness.demoPath, actor: "anna")
        let before = try Self.listed(harness)
        #expect(before.count == harness.session.workspace.personas.count)
        #expect(before.values.reduce(0, +) > 0)
        let asked = try Self.leadByLead(harness.session)
        #expect(before.filter { $0.value > 0 } == asked, "\(before) \(asked)")
        // A lead whose industry changes leaves its persona: the next listing counts it elsewhere.
        let logistics = try #require(harness.session.workspace.leads.all.first { $0.industry == "logistics" && ($0.employees ?? 0) >= 50 })
        harness.run("set \(logistics.id) industry = 'retail'")
        let after = try Self.listed(harness)
        #expect(after != before)
        #expect(after.filter { $0.value > 0 } == (try Self.leadByLead(harness.session)))
    }
}
