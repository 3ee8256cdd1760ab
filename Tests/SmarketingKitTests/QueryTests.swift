import Foundation
import Testing
@testable import SmarketingKit

/// Marks an error position inline with 1️⃣, as swift-format's tests do: returns the text
/// without the marker and the marker's character offset.
func marked(_ text: String) -> (text: String, offset: Int) {
    let characters = Array(text)
    let offset = characters.firstIndex(of: "1️⃣") ?? 0
    return (String(characters.filter { $0 != "1️⃣" }), offset)
}

@Suite("Query language")
struct QueryTests {
    let workspace: Workspace
    let environment: QueryEnvironment

    init() throws {
        var workspace = try Workspace.load(path: Fixtures.small)
        workspace.personas = [
            Persona(name: "Logistics Lena", criteria: "industry = 'logistics' and employees >= 50"),
            Persona(name: "Anyone", criteria: "country is not none"),
        ]
        self.workspace = workspace
        environment = QueryEnvironment(workspace: workspace, now: Timestamp.parse("2026-11-24T12:00:00Z")!,
                                       variables: ["minFit": .number(60), "since": .date(Timestamp.parse("2026-09-15")!)])
    }

    func ids(_ query: String) throws -> [String] {
        let predicate = try QueryCompiler.compile(query, in: environment)
        return workspace.leads.all.filter(predicate).map(\.id)
    }

    @Test("each construct selects the hand-checked leads", arguments: [
        ("stage = mql", ["L-000001"]),
        ("stage = MQL", ["L-000001"]),
        ("stage >= sal", ["L-000002", "L-000004"]),
        ("stage < mql", ["L-000005"]),
        ("stage != lost", ["L-000001", "L-000002", "L-000004", "L-000005"]),
        ("fit >= 64", ["L-000001", "L-000002", "L-000004"]),
        ("fit > 64 and interest < 60", ["L-000001"]),
        ("fit < 40 or stage = visitor", ["L-000003", "L-000005"]),
        ("not (fit >= 50)", ["L-000003", "L-000005"]),
        ("fit between 30 and 64", ["L-000002", "L-000003"]),
        ("value >= 12k", ["L-000001", "L-000004"]),
        ("value > 0.02m", ["L-000004"]),
        ("fit >= $minFit", ["L-000001", "L-000002", "L-000004"]),
        ("created >= $since", ["L-000001", "L-000005"]),
        ("created < 2026-09-01", ["L-000003"]),
        ("owner is none", ["L-000001", "L-000005"]),
        ("owner is not none and owner = 'ANNA'", ["L-000002", "L-000003", "L-000004"]),
        ("owner != anna", ["L-000001", "L-000005"]),
        ("owner = none", ["L-000001", "L-000005"]),
        ("country in ('SE', 'nl')", ["L-000001", "L-000004"]),
        ("country not in (SE, NL, RO)", ["L-000003", "L-000005"]),
        ("name ~ 'lindqvist'", ["L-000001"]),
        ("name ~ 'stefan'", ["L-000002"]),
        ("city ~ 'goteborg'", ["L-000001"]),
        ("city ~ 'กรุงเทพ'", ["L-000003"]),
        ("tags = dmu", ["L-000001"]),
        ("tags is none", ["L-000002", "L-000003", "L-000004", "L-000005"]),
        ("fields.erp = 'sap'", ["L-000001"]),
        ("fields.fleetSize > 10", ["L-000001"]),
        ("fields.erp is none", ["L-000002", "L-000003", "L-000004", "L-000005"]),
        ("score >= 60", ["L-000001", "L-000004"]),
        ("score > 63.5", ["L-000004"]),
        ("quadrant = ideal", ["L-000001", "L-000004"]),
        ("quadrant = nurture", ["L-000002"]),
        ("quadrant = cold", ["L-000003", "L-000005"]),
        ("persona = 'Logistics Lena'", ["L-000001", "L-000002"]),
        ("persona = anyone", ["L-000003", "L-000004", "L-000005"]),
        ("age < 7d", ["L-000005"]),
        ("age > 80d", ["L-000003", "L-000004"]),
        ("idle > 50d", ["L-000001", "L-000002", "L-000003", "L-000004"]),
        ("idle < 96h", ["L-000005"]),
        ("attempts >= 1", ["L-000002"]),
        ("dupes > 0", []),
        ("(stage = mql or stage = sal) and not owner is none", ["L-000002"]),
    ])
    func selects(query: String, expected: [String]) throws {
        #expect(try ids(query) == expected)
    }

    @Test("errors point at the fault and say what was expected", arguments: [
        ("1️⃣sorce = 'webinar'", "no field 'sorce' — did you mean 'source'?"),
        ("stage = 1️⃣mqll", "no stage 'mqll' — did you mean 'mql'?"),
        ("stage >= 1️⃣nurture", "nurture is a side stage, outside the funnel order, so 'stage >= nurture' holds for no lead; use stage = nurture"),
        ("fit between 1️⃣80 and 60", "between 80 and 60 holds for nothing: 80 is above 60; write the smaller first (between 60 and 80)"),
        ("stage between 1️⃣sql and mql", "between sql and mql holds for nothing: sql is above mql; write the smaller first (between mql and sql)"),
        ("quadrant = 1️⃣idael", "no quadrant 'idael' — did you mean 'ideal'?"),
        ("persona = 1️⃣'Logistic Lena'", "no persona 'Logistic Lena' — did you mean 'Logistics Lena'?"),
        ("fit >= 1️⃣'abc'", "fit is a number, but 'abc' is text"),
        ("age > 1️⃣7", "age is a duration, but 7 is a number"),
        ("1️⃣fit ~ 5", "'~' does not apply to fit, which is a number"),
        ("fit 1️⃣60", "unexpected '60', expected an operator (= != < <= > >= ~ in between is) after fit"),
        ("fit > 60 1️⃣stage = mql", "unexpected 'stage', expected 'and', 'or' or the end of the expression"),
        ("(fit > 60 and stage = mql1️⃣", "unexpected end of the expression, expected ')' to close the '('"),
        ("fit > 1️⃣$nope", "undefined variable $nope"),
        ("fit > 1️⃣$minfit", "undefined variable $minfit — did you mean '$minFit'?"),
        ("name = 1️⃣'open", "unterminated string: add the closing quote"),
        ("fit > 1️⃣12x", "'12x' is not a number (write 12, 1.5k, 2m, 35% or a duration such as 7d or 24h)"),
        ("created > 1️⃣2026-13-45", "'2026-13-45' is not a date (write 2026-10-01 or 2026-10-01T09:00:00Z)"),
        ("fit between 1 1️⃣or 5", "unexpected 'or', expected 'and' in 'between … and …'"),
        ("country in 1️⃣SE", "unexpected 'SE', expected '(' to start the list"),
        ("owner is 1️⃣empty", "unexpected 'empty', expected 'none' after 'is'"),
        ("1️⃣and fit > 1", "unexpected 'and', expected a field such as stage, source or fit"),
        ("fit > 1️⃣", "unexpected end of the expression, expected a value (a number, 'text', a date, a duration or $variable)"),
        ("fit >1️⃣! 3", "unexpected '!', expected '!=' or a value"),
    ])
    func errors(source: String, message: String) {
        let (text, offset) = marked(source)
        #expect {
            _ = try QueryCompiler.compile(text, in: environment)
        } throws: { error in
            guard let error = error as? QueryError else { return false }
            return error.description == message && error.range.lowerBound == offset
        }
    }

    @Test("an expression too deep or too long is refused, not a crash")
    func tooComplex() {
        for text in [String(repeating: "not ", count: 1500) + "fit > 1", String(repeating: "(", count: 2000) + "fit > 1" + String(repeating: ")", count: 2000),
                     (0..<1300).map { "fit = \($0)" }.joined(separator: " or ")] {
            #expect {
                _ = try QueryCompiler.compile(text, in: environment)
            } throws: { error in
                (error as? QueryError)?.description.hasPrefix("the expression is too complex") == true
            }
        }
        #expect(throws: Never.self) { _ = try QueryCompiler.compile((0..<900).map { "fit = \($0)" }.joined(separator: " or "), in: environment) }
    }

    @Test("persona criteria that use persona are refused instead of recursing")
    func recursivePersona() {
        var workspace = self.workspace
        workspace.personas = [Persona(name: "Loop", criteria: "persona = Loop")]
        let environment = QueryEnvironment(workspace: workspace, now: Date())
        #expect(throws: QueryError.self) { _ = try QueryCompiler.compile("persona is none", in: environment) }
    }

    @Test("accent and case folding", arguments: [("Löfgren", "lofgren"), ("Ștefan", "stefan"), ("GÖTEBORG", "goteborg"), ("Ørsted", "orsted"), ("Niccolò", "niccolo")])
    func folding(text: String, folded: String) {
        #expect(TextFold.fold(text) == folded)
    }

    @Test("numbers take k, m and %; durations d, h, w")
    func literals() throws {
        let tokens = try QueryLexer.tokenize("12k 1.5m 35% 7d 24h 2w 2026-10-01")
        #expect(tokens.map(\.kind).prefix(7) == [.number(12_000), .number(1_500_000), .number(0.35), .duration(604_800),
                                                 .duration(86_400), .duration(1_209_600), .date])
    }
}
