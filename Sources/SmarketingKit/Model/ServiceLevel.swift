/// The agreement between the teams: what marketing delivers, what sales does with it.
///
/// Kept as the JSON object it was read from, with typed accessors, so every key a team
/// adds to its agreement (at any depth) survives a save untouched.
public struct ServiceLevel: Sendable, Hashable {
    public var object: JSONObject

    public init(object: JSONObject = JSONObject()) {
        self.object = object
    }

    public var isEmpty: Bool { object.isEmpty }

    /// Whether the teams agreed any promise `sla` measures. Without one there is nothing
    /// to keep or break, so `sla breaches` refuses rather than print a 0 that would pass
    /// any `expect`. An object holding only emptied sides (`sla set` then undo by hand) or
    /// keys smk does not measure has no promise either.
    public var hasPromise: Bool {
        mqlsPerMonth != nil || minFit != nil || firstContactHours != nil || !contactRules.isEmpty
            || (attempts != nil && withinDays != nil)
    }

    /// MQLs marketing delivers per month.
    public var mqlsPerMonth: Double? {
        get { number("marketing", "mqlsPerMonth") }
        set { setNumber("marketing", "mqlsPerMonth", newValue) }
    }
    /// The minimum fit of an MQL marketing hands over.
    public var minFit: Double? {
        get { number("marketing", "minFit") }
        set { setNumber("marketing", "minFit", newValue) }
    }
    /// Hours within which sales makes first contact with a new SAL.
    public var firstContactHours: Double? {
        get { number("sales", "firstContactHours") }
        set { setNumber("sales", "firstContactHours", newValue) }
    }
    /// Contact attempts sales makes …
    public var attempts: Double? {
        get { number("sales", "attempts") }
        set { setNumber("sales", "attempts", newValue) }
    }
    /// … within this many days.
    public var withinDays: Double? {
        get { number("sales", "withinDays") }
        set { setNumber("sales", "withinDays", newValue) }
    }

    private func number(_ side: String, _ key: String) -> Double? {
        guard case .object(let inner)? = object[side] else { return nil }
        return inner[key]?.doubleValue
    }

    private mutating func setNumber(_ side: String, _ key: String, _ value: Double?) {
        var inner: JSONObject
        if case .object(let existing)? = object[side] { inner = existing } else { inner = JSONObject() }
        inner[key] = value.map { JSONValue.number($0) }
        object[side] = .object(inner)
    }
}
