/// Weights as a tree: the composite value is a weighted sum of branches, each branch a weighted
/// sum of its children, down to leaves that are indicators (the seeds' 客户价值分析 diagram).
///
/// A leaf's weight in the composite score is the product of the weights along its path, each
/// divided by the sum of its siblings' weights. When the data lack a leaf, it is left out and its
/// weight goes to its siblings in the same branch (renormalised there); a branch with no leaf left
/// is left out and its weight goes to its own siblings. So a missing credit value shifts weight to
/// the other parts of future value, not to current value. `weights(available:)` says what it
/// left out, as `IndicatorWeights.restricted(to:)` does for flat weights.
///
/// A leaf can be a product: the seeds quantify credit, loyalty and elasticity with the base future
/// value ("用未来价值量化客户信用度、忠诚度、弹性方面的价值"), so `loyalty_value` is the CLV times
/// the loyalty indicator (min-max normalised to 0…1 first, so it scales the CLV and has no unit).
/// `derivedIndicators(from:)` computes those columns from the base indicators.
public struct WeightTree: Sendable, Equatable {
    /// The indicator name (a leaf) or branch name.
    public var name: String
    /// The weight among its siblings (≥ 0; siblings need not sum to 1).
    public var weight: Double
    /// Empty for a leaf.
    public var children: [WeightTree]
    /// For a product leaf: the base indicator and the factor it is quantified by.
    public var product: (base: String, factor: String)? {
        get { productNames.map { ($0[0], $0[1]) } }
        set { productNames = newValue.map { [$0.base, $0.factor] } }
    }
    private var productNames: [String]?

    /// A leaf: one indicator.
    public static func leaf(_ name: String, _ weight: Double) -> WeightTree {
        WeightTree(name: name, weight: weight, children: [], productNames: nil)
    }

    /// A product leaf: `base × factor′` with factor′ the factor min-max normalised to 0…1.
    public static func product(_ name: String, _ weight: Double, base: String, factor: String) -> WeightTree {
        WeightTree(name: name, weight: weight, children: [], productNames: [base, factor])
    }

    /// A branch of weighted children.
    public static func branch(_ name: String, _ weight: Double, _ children: [WeightTree]) -> WeightTree {
        WeightTree(name: name, weight: weight, children: children, productNames: nil)
    }

    private init(name: String, weight: Double, children: [WeightTree], productNames: [String]?) {
        self.name = name
        self.weight = weight
        self.children = children
        self.productNames = productNames
    }

    /// The seeds' composite value model (客户价值分析):
    ///
    ///     value
    ///     ├─ historical 0.2    历史价值  revenue before the current window
    ///     ├─ current    0.55   当前价值  revenue in the current window
    ///     ├─ influence  0.05   影响价值  referrals and word of mouth
    ///     └─ future     0.2    未来价值  the base future value (CLV) quantified by
    ///        ├─ credit_value     ⅓  信用价值 = CLV × credit (信用度)
    ///        ├─ loyalty_value    ⅓  忠诚价值 = CLV × loyalty (忠诚度)
    ///        └─ elasticity_value ⅓  弹性价值 = CLV × elasticity (弹性)
    ///
    /// The seeds give the four top weights; they give no weights inside future value, so its three
    /// parts weigh the same.
    public static let seeds = WeightTree.branch(
        "value", 1,
        [
            .leaf("historical", 0.2),
            .leaf("current", 0.55),
            .leaf("influence", 0.05),
            .branch(
                "future", 0.2,
                [
                    .product("credit_value", 1, base: "clv", factor: "credit"),
                    .product("loyalty_value", 1, base: "clv", factor: "loyalty"),
                    .product("elasticity_value", 1, base: "clv", factor: "elasticity"),
                ]),
        ])

    public var isLeaf: Bool { children.isEmpty }

    /// Every leaf, depth first, with its weight in the whole tree when nothing is missing.
    public var leaves: [(name: String, weight: Double)] { collect(scale: 1) }

    private func collect(scale: Double) -> [(name: String, weight: Double)] {
        if isLeaf { return [(name, scale)] }
        let shares = IndicatorWeights.shares(children.map(\.weight)) ?? children.map { _ in 0 }
        return zip(children, shares).flatMap { child, share in child.collect(scale: scale * share) }
    }

    /// The leaves' weights for a composite score, given the indicators the data have.
    ///
    /// - Returns: the weights of the available leaves (summing to 1, in the tree's order) and a note
    ///   naming each leaf left out with the weight it would have had, nil when none was.
    /// - Throws: `ScoringError(.badWeights)` when a weight is negative or not finite, or no leaf with
    ///   a positive weight is available.
    public func weights(available: Set<String>) throws -> (weights: IndicatorWeights, note: String?) {
        try check()
        let full = leaves
        var kept = IndicatorWeights(names: [], weights: [])
        for (name, weight) in restricted(to: available, scale: 1) where weight > 0 {
            kept.names.append(name)
            kept.weights.append(weight)
        }
        guard !kept.weights.isEmpty else {
            throw ScoringError(
                .badWeights,
                "none of the weighted indicators (\(full.map(\.name).joined(separator: ", "))) can be computed from "
                    + "the data; available: \(available.sorted().joined(separator: ", "))")
        }
        let missing = full.filter { !available.contains($0.name) && $0.weight > 0 }
        guard !missing.isEmpty else { return (kept, nil) }
        let dropped = missing.map { "\($0.name) (\(NumberText.trimmed($0.weight, decimals: 4)))" }
        let note =
            "weights dropped because the data has no such indicator yet: \(dropped.joined(separator: ", ")); "
            + "their weight went to the other indicators of the same branch (or, when a whole branch was "
            + "missing, to the other branches), renormalised to sum 1"
        return (kept, note)
    }

    private func check() throws {
        guard weight.isFinite, weight >= 0 else {
            throw ScoringError(
                .badWeights,
                "the weight of \"\(name)\" is \(NumberText.plain(weight)); weights must be finite numbers ≥ 0")
        }
        for child in children { try child.check() }
    }

    /// Leaves present in `available`, with weights renormalised within each branch.
    private func restricted(to available: Set<String>, scale: Double) -> [(String, Double)] {
        if isLeaf { return available.contains(name) ? [(name, scale)] : [] }
        let present = children.filter { $0.hasLeaf(in: available) }
        guard let shares = IndicatorWeights.shares(present.map(\.weight)) else { return [] }
        return zip(present, shares).flatMap { child, share in child.restricted(to: available, scale: scale * share) }
    }

    private func hasLeaf(in available: Set<String>) -> Bool {
        isLeaf ? available.contains(name) && weight > 0 : children.contains { $0.hasLeaf(in: available) }
    }

    /// The product leaves' columns computable from `indicators` (both base and factor present and of
    /// equal length): value_i = base_i × factor′_i, factor′ the factor min-max normalised in its
    /// direction (best 1, worst 0). A constant factor gives factor′ = 0 for everyone and so is
    /// left out rather than zeroing the branch.
    public func derivedIndicators(from indicators: [Indicator]) -> [Indicator] {
        let byName = Dictionary(indicators.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var derived: [Indicator] = []
        for leaf in allNodes where leaf.isLeaf {
            guard let (baseName, factorName) = leaf.product, byName[leaf.name] == nil,
                let base = byName[baseName], let factor = byName[factorName],
                base.values.count == factor.values.count,
                let scaled = try? MinMaxNormalised(factor), !scaled.isConstant,
                base.values.allSatisfy(\.isFinite)
            else { continue }
            derived.append(Indicator(leaf.name, .benefit, values: zip(base.values, scaled.values).map { $0 * $1 }))
        }
        return derived
    }

    private var allNodes: [WeightTree] { [self] + children.flatMap(\.allNodes) }

    public static func == (lhs: WeightTree, rhs: WeightTree) -> Bool {
        lhs.name == rhs.name && lhs.weight == rhs.weight && lhs.children == rhs.children
            && lhs.productNames == rhs.productNames
    }
}

extension IndicatorWeights {
    /// The seeds' four branches as flat weights, with future value as the base future value (CLV)
    /// itself: historical 0.2, current 0.55, influence 0.05, clv 0.2. The tree form is
    /// `WeightTree.seeds`.
    public static let seedsFlat = IndicatorWeights([
        "historical": 0.2, "current": 0.55, "influence": 0.05, "clv": 0.2,
    ])
}
