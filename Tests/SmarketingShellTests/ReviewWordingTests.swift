import Foundation
import Testing
@testable import SmarketingKit
@testable import SmarketingShell

/// What a newcomer to a review reads: an SLA proposal in the words of `sla` (not the
/// file's keys), a refused reject saying which stage the lead is in and what to do
/// instead, counts grouped at 100k, and another reviewer's approval saying what it approved.
@Suite("review wording")
struct ReviewWordingTests {
    @Test("an SLA proposal names each term as sla does, with the value in force and the one proposed")
    func slaProposal() throws {
        let harness = try Harness(path: Harness.demoPath, actor: "anna")
        // The demo's approved #1 was saved worded as keys (sales.firstContact where …): shown as sla words it.
        let saved = harness.run("proposals all").out
        #expect(saved.contains("sales' first contact where quadrant = ideal: within 4 h") && !saved.contains("sales.firstContact"), "\(saved)")
        let proposed = harness.run("sla set mqls 77").out
        #expect(proposed.hasPrefix("proposed #3: SLA: marketing's MQLs a month: 77 (now: marketing's MQLs a month: 40); no lead moves\n"), "\(proposed)")
        let more = harness.run("sla set minfit 60 contact 12h attempts 4 in 10d; sla set contact 1h where quadrant = ideal").out
        #expect(more.contains("SLA: marketing's minimum fit of an MQL: 60, sales' first contact: within 12 h, sales' contact attempts: 4 within 10 days"
                              + " (now: marketing's minimum fit of an MQL: 50, sales' first contact: within 24 h, sales' contact attempts: 3 within 7 days)"), "\(more)")
        #expect(more.contains("SLA: sales' first contact where quadrant = ideal: within 1 h (now: sales' first contact where quadrant = ideal: within 4 h)"), "\(more)")
        let listed = harness.run("proposals").out
        for key in ["mqlsPerMonth", "minFit", "firstContactHours", "withinDays", "marketing.", "sales."] {
            #expect(!listed.contains(key) && !proposed.contains(key) && !more.contains(key), "\(key)")
        }
        // A promise taken away reads as none beside the one changed.
        let removed = harness.run("sla set mqls 45 contact none where quadrant = ideal").out
        #expect(removed.contains("SLA: marketing's MQLs a month: 45, sales' first contact where quadrant = ideal: none"
                                 + " (now: marketing's MQLs a month: 40, sales' first contact where quadrant = ideal: within 4 h)"), "\(removed)")
    }

    @Test("proposals measures each open proposal on the leads as they are now: kept while nothing changes, measured again after an edit")
    func proposalEffectFollowsTheLeads() throws {
        let harness = try Harness(path: Harness.demoPath, actor: "anna")
        // A referral whose fit has room for 10 more: the rule changes its score.
        let first = try #require(harness.session.workspace.leads.all.first { $0.source == "referral" && ($0.fit ?? 100) <= 80 }).id
        let proposed = harness.run("score rule add fit \"source = 'referral'\" 10").out
        let count = try #require(proposed.firstMatch(of: /scores change for (\d+) leads/).flatMap { Int($0.1) })
        let phrase = "scores change for \(count) leads"
        #expect(harness.run("proposals").out.contains(phrase))
        #expect(harness.run("proposals").out.contains(phrase))
        // One referral less: the next listing says so, not what it measured before the edit.
        #expect(harness.run("set \(first) source = 'Webinar'").err.isEmpty)
        let after = harness.run("proposals").out
        #expect(after.contains("scores change for \(count - 1) lead") && !after.contains(phrase), "\(after)")
        #expect(harness.run("undo").err.isEmpty)
        #expect(harness.run("proposals").out.contains(phrase))
    }

    @Test("reject of a lead not at the hand-off says where it is, who rejects what, and what to do instead")
    func rejectWording() throws {
        let harness = try Harness(path: Harness.demoPath, actor: "anna")
        let early = try #require(harness.session.workspace.leads.all.first { $0.stage == "lead" }).id
        let err = harness.run("reject \(early) \"x\"").err
        #expect(err.contains("\(early) cannot be rejected: it is in lead, not at a hand-off: only leads in mql are rejected, by sales"
                             + " (who take them over at sal); instead: lose \(early) \"why\" or ask marketing, who own lead, to recycle it"), "\(err)")
        #expect(!err.contains("lead leads"))
        // Marketing, who own lead, are told to recycle it.
        let byErik = harness.run("as erik; reject \(early) \"x\"").err
        #expect(byErik.contains("instead: recycle \(early) \"why\""), "\(byErik)")
    }

    @Test("quadrant groups its counts like every count (1,200, not 1200)")
    func quadrantGrouped() throws {
        let leads = (1...1_200).map { #"{"id": "L-\#($0)", "stage": "mql", "fit": 80, "interest": 80}"# }.joined(separator: ",\n")
        let folder = NSTemporaryDirectory() + "smk-quadrant-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/ws.json"
        try Data(#"{"format": "smk-workspace", "version": 1, "leads": [\#(leads)]}"#.utf8).write(to: URL(fileURLWithPath: path))
        let harness = try Harness(path: path)
        let out = harness.run("quadrant").out
        #expect(out.contains("ideal    1,200"), "\(out)")
        #expect(out.contains("\n1,200 leads; high fit"), "\(out)")
        #expect(!out.contains("1200"), "\(out)")
        // One lead is one lead in a grouped count's footer, not `1 leads`.
        let one = harness.run("count where id = 'L-1' by stage").out
        #expect(one.hasSuffix("\n1 lead\n"), "\(one)")
        // A change to many leads counts them the same way.
        #expect(harness.run("tag where fit >= 80 +big").out == "tagged 1,200 leads +big\n")
    }

    @Test("another reviewer's approval arrives saying what was approved, not only its subject")
    func liveApproval() throws {
        let harness = try Harness(path: Harness.demoPath, actor: "anna")
        let proposedBefore = harness.session.workspace
        harness.run("score rule add fit \"source = 'Referral'\" 10")
        let proposed = harness.session.workspace
        let number = try #require(proposed.proposals.last?.number)
        let arrival = RemoteChangeLine.lines(for: ChangeRecord(change: .group([]), inverse: .group([]), at: Date(), by: "anna", summary: "propose #\(number): score rule add"),
                                             before: proposedBefore, after: proposed)
        #expect(arrival == ["anna proposed #\(number): scoring: fit source = 'Referral' → 10 (now: (none))"])
        harness.run("as erik; approve \(number)")
        let approved = harness.session.workspace
        let line = RemoteChangeLine.lines(for: ChangeRecord(change: .group([]), inverse: .group([]), at: Date(), by: "erik", summary: "approve #\(number): scoring"),
                                          before: proposed, after: approved)
        #expect(line == ["erik approved #\(number): scoring: fit source = 'Referral' → 10 (proposed by anna)"])
        harness.run("as anna; sla set mqls 50")
        let open = harness.session.workspace
        harness.run("as erik; decline \(number + 1) \"40 is plenty\"")
        let declined = RemoteChangeLine.lines(for: ChangeRecord(change: .group([]), inverse: .group([]), at: Date(), by: "erik", summary: "decline"),
                                              before: open, after: harness.session.workspace)
        #expect(declined == ["erik declined #\(number + 1): SLA: marketing's MQLs a month: 50 (40 is plenty)"])
    }
}
