/// A parsed query expression. Each node keeps the span of text it came from, so a type
/// error found after parsing still points at the right place.
public indirect enum Expr: Sendable, Equatable {
    case and(Expr, Expr)
    case or(Expr, Expr)
    case not(Expr)
    /// `field op value`: `=`, `!=`, `<`, `<=`, `>`, `>=`, `~`.
    case compare(FieldRef, CompareOp, Operand)
    case isIn(FieldRef, [Operand], negated: Bool)
    case between(FieldRef, Operand, Operand)
    case isNone(FieldRef, negated: Bool)
}

public enum CompareOp: String, Sendable, Equatable, CaseIterable {
    case equal = "=", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">=", contains = "~"
}

/// A field as written in the expression.
public struct FieldRef: Sendable, Equatable {
    public var name: String
    public var range: Range<Int>
}

/// A value as written: a literal, a bare word (a stage or a category), or a `$variable`.
public struct Operand: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case literal(QueryValue)
        /// A bare word such as `mql` or `ideal`: meaning depends on the field.
        case word(String)
        case variable(String)
    }

    public var kind: Kind
    public var text: String
    public var range: Range<Int>
}

extension Expr {
    /// Every field the expression names, in the order written: what a caller checks
    /// against the fields a workspace actually has.
    public var fieldRefs: [FieldRef] {
        switch self {
        case .and(let a, let b), .or(let a, let b): a.fieldRefs + b.fieldRefs
        case .not(let a): a.fieldRefs
        case .compare(let ref, _, _), .isIn(let ref, _, _), .between(let ref, _, _), .isNone(let ref, _): [ref]
        }
    }
}
