/// The workspace's stages in funnel order, plus the side stages.
///
/// Stages are looked up by id many times per query, so the funnel keeps an index from id
/// to position; a lead's stage can then be held as a small integer.
public struct Funnel: Sendable, Hashable {
    public private(set) var stages: [Stage]
    private var positions: [String: Int]

    public init(stages: [Stage]) {
        self.stages = stages
        self.positions = [:]
        for (i, stage) in stages.enumerated() where positions[stage.id] == nil {
            positions[stage.id] = i
        }
    }

    /// The stage with `id`, if any.
    public func stage(_ id: String) -> Stage? {
        positions[id].map { stages[$0] }
    }

    /// The position of `id` in the stage list.
    public func position(of id: String) -> Int? {
        positions[id]
    }

    /// The rank of `id` in the funnel order; nil for side stages and unknown ids.
    public func rank(of id: String) -> Int? {
        guard let position = positions[id], !stages[position].isSide else { return nil }
        return stages[..<position].filter { !$0.isSide }.count
    }

    /// The stage ids, in order.
    public var ids: [String] { stages.map(\.id) }

    /// Resolves what a person typed (`MQL`, `mql`, `Sales Qualified Lead`) to a stage id.
    public func resolve(_ typed: String) -> String? {
        if positions[typed] != nil { return typed }
        let lowered = typed.lowercased()
        return stages.first { $0.id.lowercased() == lowered || $0.name.lowercased() == lowered }?.id
    }

    /// Replaces a stage with the same id.
    public mutating func replace(_ stage: Stage) {
        guard let position = positions[stage.id] else { return }
        stages[position] = stage
    }
}
