import Foundation

/// Turns a parsed expression into a predicate, once per query: fields are looked up,
/// values type-checked and converted (stages to their funnel rank, text folded), so the
/// per-lead work is only the comparison.
public enum QueryCompiler {
    /// Parses and compiles `text`.
    public static func compile(_ text: String, in environment: QueryEnvironment) throws(QueryError) -> LeadPredicate {
        try compile(text, in: environment, insidePersona: nil)
    }

    static func compile(_ text: String, in environment: QueryEnvironment, insidePersona: String?) throws(QueryError) -> LeadPredicate {
        let expr = try ExpressionParser.parse(text)
        var compiler = Compiler(environment: environment, insidePersona: insidePersona)
        return try compiler.compile(expr)
    }

    /// `compileRows` for a persona's criteria, which may not use persona.
    static func compileRows(_ text: String, in environment: QueryEnvironment, insidePersona: String) throws(QueryError) -> RowQuery {
        var compiler = Compiler(environment: environment, insidePersona: insidePersona)
        return try compiler.rowQuery(try ExpressionParser.parse(text))
    }

    /// Compiles an already parsed expression.
    public static func compile(_ expr: Expr, in environment: QueryEnvironment) throws(QueryError) -> LeadPredicate {
        var compiler = Compiler(environment: environment, insidePersona: nil)
        return try compiler.compile(expr)
    }
}

struct Compiler {
    let environment: QueryEnvironment
    let insidePersona: String?
    /// True while compiling a fit rule, which may not use what the rules compute.
    var insideScoring = false
    /// Set when the expression reads the clock (age, idle) or a variable, so its answer
    /// may change from one query to the next even when the leads do not.
    private(set) var dependsOnContext = false

    mutating func compile(_ expr: Expr) throws(QueryError) -> LeadPredicate {
        switch expr {
        case .and, .or:
            // A chain of one operator (`a or b or … or z`, a tree as deep as it is long) is
            // compiled and evaluated as one flat list: recursing once per clause overflowed
            // the stack of a test thread under AddressSanitizer at 1,000 clauses.
            let isAnd: Bool
            if case .and = expr { isAnd = true } else { isAnd = false }
            var operands: [Expr] = []
            var pending = [expr]
            while let next = pending.popLast() {
                switch (next, isAnd) {
                case (.and(let a, let b), true), (.or(let a, let b), false):
                    pending.append(b)
                    pending.append(a)
                default:
                    operands.append(next)
                }
            }
            var predicates: [LeadPredicate] = []
            predicates.reserveCapacity(operands.count)
            for operand in operands { predicates.append(try compile(operand)) }
            if predicates.count == 2 {
                let left = predicates[0], right = predicates[1]
                return isAnd ? { left($0) && right($0) } : { left($0) || right($0) }
            }
            return isAnd ? { lead in predicates.allSatisfy { $0(lead) } } : { lead in predicates.contains { $0(lead) } }
        case .not(let a):
            let inner = try compile(a)
            return { !inner($0) }
        case .isNone(let ref, let negated):
            let field = try resolve(ref)
            let env = environment
            return { lead in
                let isNone = field.read(lead, env) == .none
                return negated ? !isNone : isNone
            }
        case .compare(let ref, let op, let operand):
            let field = try resolve(ref)
            let value = try convert(operand, for: field)
            return try comparison(field, op, value, ref: ref, operand: operand)
        case .isIn(let ref, let operands, let negated):
            let field = try resolve(ref)
            var tests: [LeadPredicate] = []
            for operand in operands {
                tests.append(try comparison(field, .equal, try convert(operand, for: field), ref: ref, operand: operand))
            }
            return { lead in
                let found = tests.contains { $0(lead) }
                return negated ? !found : found
            }
        case .between(let ref, let low, let high):
            let field = try resolve(ref)
            let lowValue = try convert(low, for: field), highValue = try convert(high, for: field)
            try checkOrder(field, lowValue, highValue, low: low, high: high)
            let above = try comparison(field, .greaterOrEqual, lowValue, ref: ref, operand: low)
            let below = try comparison(field, .lessOrEqual, highValue, ref: ref, operand: high)
            return { above($0) && below($0) }
        }
    }

    mutating func resolve(_ ref: FieldRef) throws(QueryError) -> LeadField {
        guard let field = LeadField.named(ref.name) else {
            let suggestion = LeadField.suggestion(for: ref.name, in: environment.workspace)
            throw QueryError(.unknownField(ref.name, suggestion: suggestion), at: ref.range)
        }
        if field.name == "age" || field.name == "idle" { dependsOnContext = true }
        if ScoringEngine.dependentFields.contains(field.name) {
            if insideScoring { throw QueryError(.scoringCycle(field.name), at: ref.range) }
            if field.name != "persona" { try environment.prepareScoring(at: ref.range) }
        }
        if field.name == "persona" {
            if let inside = insidePersona { throw QueryError(.recursivePersona(inside), at: ref.range) }
            try environment.preparePersonas()
        }
        return field
    }

    /// The operand as a value of the field's type, or an error that says why not.
    mutating func convert(_ operand: Operand, for field: LeadField) throws(QueryError) -> QueryValue {
        var value: QueryValue
        switch operand.kind {
        case .literal(let literal): value = literal
        case .word(let word): value = .text(word)
        case .variable(let name):
            dependsOnContext = true
            guard let bound = environment.variables[name] else {
                let suggestion = Suggestion.nearest(to: name, in: environment.variables.keys)
                throw QueryError(.undefinedVariable(name, suggestion: suggestion), at: operand.range)
            }
            value = bound
        }
        if value == .none { return .none }
        switch field.type {
        case .any:
            return value
        case .text, .list:
            switch value {
            case .text: break
            case .number, .date, .duration, .bool: value = .text(operand.text.trimmingCharacters(in: CharacterSet(charactersIn: "'")))
            case .list, .none: break
            }
            try checkClosedSet(field, value, operand)
            return value
        case .stage:
            guard case .text(let name) = value else {
                throw mismatch(field, operand, value)
            }
            guard let id = environment.workspace.funnel.resolve(name) else {
                let suggestion = Suggestion.nearest(to: name, in: environment.workspace.funnel.ids)
                throw QueryError(.unknownValue(field: "stage", value: name, suggestion: suggestion), at: operand.range)
            }
            return .text(id)
        case .number:
            guard case .number = value else { throw mismatch(field, operand, value) }
            return value
        case .date:
            if case .text(let text) = value, let date = Timestamp.parse(text) { return .date(date) }
            guard case .date = value else { throw mismatch(field, operand, value) }
            return value
        case .duration:
            guard case .duration = value else { throw mismatch(field, operand, value) }
            return value
        case .bool:
            guard case .bool = value else { throw mismatch(field, operand, value) }
            return value
        }
    }

    /// `between A and B` with A above B selects nothing: say so instead.
    func checkOrder(_ field: LeadField, _ low: QueryValue, _ high: QueryValue, low lowOperand: Operand, high highOperand: Operand) throws(QueryError) {
        let reversed: Bool
        switch (low, high) {
        case (.number(let a), .number(let b)): reversed = a > b
        case (.date(let a), .date(let b)): reversed = a > b
        case (.duration(let a), .duration(let b)): reversed = a > b
        case (.text(let a), .text(let b)) where field.type == .stage:
            let funnel = environment.workspace.funnel
            guard let ra = funnel.rank(of: a), let rb = funnel.rank(of: b) else { return }
            reversed = ra > rb
        default: reversed = false
        }
        if reversed {
            throw QueryError(.emptyRange(low: lowOperand.text, high: highOperand.text),
                             at: lowOperand.range.lowerBound..<highOperand.range.upperBound)
        }
    }

    func mismatch(_ field: LeadField, _ operand: Operand, _ value: QueryValue) -> QueryError {
        QueryError(.typeMismatch(field: field.name, fieldType: field.type, value: operand.text, valueType: value.kind ?? .text),
                   at: operand.range)
    }

    /// Quadrants and personas are closed sets: a typo is an error, not an empty answer.
    func checkClosedSet(_ field: LeadField, _ value: QueryValue, _ operand: Operand) throws(QueryError) {
        guard case .text(let text) = value else { return }
        let allowed: [String]
        switch field.name {
        case "quadrant": allowed = Quadrant.allCases.map(\.rawValue)
        case "persona": allowed = environment.workspace.personas.map(\.name)
        default: return
        }
        guard !allowed.contains(where: { $0.lowercased() == text.lowercased() }) else { return }
        throw QueryError(.unknownValue(field: field.name, value: text, suggestion: Suggestion.nearest(to: text, in: allowed)), at: operand.range)
    }

    func comparison(_ field: LeadField, _ op: CompareOp, _ value: QueryValue, ref: FieldRef, operand: Operand) throws(QueryError) -> LeadPredicate {
        let env = environment
        let read = field.read
        if value == .none {
            switch op {
            case .equal: return { read($0, env) == .none }
            case .notEqual: return { read($0, env) != .none }
            default: throw QueryError(.operatorNotAllowed(op: op.rawValue, field: "none", fieldType: field.type), at: operand.range)
            }
        }
        if op == .contains, [.number, .date, .duration, .bool].contains(field.type) {
            throw QueryError(.operatorNotAllowed(op: "~", field: field.name, fieldType: field.type), at: ref.range)
        }
        if field.type == .stage, case .text(let id) = value {
            // An order against a side stage (nurture, lost) would be silently empty.
            if ![.equal, .notEqual, .contains].contains(op), environment.workspace.funnel.rank(of: id) == nil {
                throw QueryError(.sideStageOrder(stage: id, op: op.rawValue), at: operand.range)
            }
            return stageComparison(op, id)
        }
        let needle: String? = if case .text(let t) = value { op == .contains ? TextFold.fold(t) : t.lowercased() } else { nil }
        return { lead in QueryValue.holds(read(lead, env), op, value, needle: needle) }
    }

    func stageComparison(_ op: CompareOp, _ id: String) -> LeadPredicate {
        let funnel = environment.workspace.funnel
        switch op {
        case .equal: return { $0.stage == id }
        case .notEqual: return { $0.stage != id }
        case .contains:
            let needle = TextFold.fold(id)
            return { TextFold.fold($0.stage).contains(needle) }
        default:
            guard let target = funnel.rank(of: id) else { return { _ in false } }
            // Ranks per stage id, computed once: side stages have none and never match.
            var ranks: [String: Int] = [:]
            for stage in funnel.stages { if let rank = funnel.rank(of: stage.id) { ranks[stage.id] = rank } }
            return { lead in
                guard let rank = ranks[lead.stage] else { return false }
                switch op {
                case .less: return rank < target
                case .lessOrEqual: return rank <= target
                case .greater: return rank > target
                default: return rank >= target
                }
            }
        }
    }
}

extension QueryValue {
    /// Whether `lhs op rhs` holds. A missing value equals only none; it differs from
    /// everything else and is neither less nor greater. Text compares case-insensitively;
    /// `~` ignores case and accents. A list holds a value when one of its items does.
    static func holds(_ lhs: QueryValue, _ op: CompareOp, _ rhs: QueryValue, needle: String?) -> Bool {
        switch (lhs, rhs) {
        case (.none, _):
            return op == .notEqual
        case (.number(let a), .number(let b)):
            return order(a, op, b)
        case (.date(let a), .date(let b)):
            return order(a, op, b)
        case (.duration(let a), .duration(let b)):
            return order(a, op, b)
        case (.bool(let a), .bool(let b)):
            return op == .equal ? a == b : op == .notEqual ? a != b : false
        case (.text(let a), .text(let b)):
            switch op {
            case .equal: return a.lowercased() == (needle ?? b.lowercased())
            case .notEqual: return a.lowercased() != (needle ?? b.lowercased())
            case .contains: return TextFold.fold(a).contains(needle ?? TextFold.fold(b))
            default: return order(a.lowercased(), op, b.lowercased())
            }
        case (.list(let items), .text):
            let any = items.contains { holds(.text($0), op == .notEqual ? .equal : op, rhs, needle: needle) }
            return op == .notEqual ? !any : any
        default:
            return op == .notEqual
        }
    }

    private static func order<T: Comparable>(_ a: T, _ op: CompareOp, _ b: T) -> Bool {
        switch op {
        case .equal: a == b
        case .notEqual: a != b
        case .less: a < b
        case .lessOrEqual: a <= b
        case .greater: a > b
        case .greaterOrEqual: a >= b
        case .contains: false
        }
    }
}

extension QueryCompiler {
    /// Compiles a fit rule's condition, refusing the fields the rules compute; also says
    /// whether its answers depend on the clock or variables (else they can be kept).
    static func compileScoringRule(_ text: String, in environment: QueryEnvironment) throws(QueryError)
        -> (query: RowQuery, dependsOnContext: Bool) {
        var compiler = Compiler(environment: environment, insidePersona: nil, insideScoring: true)
        let query = try compiler.rowQuery(try ExpressionParser.parse(text))
        return (query, compiler.dependsOnContext)
    }

    /// Checks a fit rule's condition before it is added: the same errors a query using
    /// the score would later report.
    public static func checkScoringRule(_ text: String, in environment: QueryEnvironment) throws(QueryError) {
        _ = try compileScoringRule(text, in: environment)
    }
}
