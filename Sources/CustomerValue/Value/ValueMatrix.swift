/// The customer value matrix (客户价值矩阵): every customer placed by current value ×
/// potential value into 保留型 retain, 发展型 develop, 维持型 maintain or 培育型 nurture.
///
/// ```swift
/// let matrix = ValueMatrix(current: values.current, potential: values.potential)   // medians
/// matrix.groups[i]                 // .retain, …
/// matrix.cell(.develop).customers  // how many
/// ```
public struct ValueMatrix: Sendable {
    /// One cell's size, value and strategy.
    public struct Cell: Sendable, Equatable {
        public var group: ValueGroup
        public var customers: Int
        /// Share of all customers, 0…1.
        public var customerShare: Double
        public var currentValue: Double
        /// Share of the total current value (outside 0…1 when some values are negative).
        public var currentShare: Double
        public var potentialValue: Double
        public var potentialShare: Double
        public var strategy: ValueStrategy
    }

    /// The cell of every customer, in the order of the input columns.
    public var groups: [ValueGroup]
    /// The rules that set the thresholds.
    public var currentRule: Threshold
    public var potentialRule: Threshold
    /// The thresholds used: high means strictly above.
    public var currentThreshold: Double
    public var potentialThreshold: Double
    /// Which threshold each axis used and why (`explanation(in:)` says it in words).
    public var currentChoice: ThresholdChoice
    public var potentialChoice: ThresholdChoice
    /// The four cells in the order retain, develop, maintain, nurture (empty ones included).
    public var cells: [Cell]

    /// Places every customer.
    ///
    /// - Parameters:
    ///   - current, potential: one value per customer.
    ///   - strategies: replacements for the built-in strategies of some groups (editable).
    public init(
        current: [Double], potential: [Double], currentThreshold: Threshold = .automatic,
        potentialThreshold: Threshold = .automatic, strategies: [ValueGroup: ValueStrategy] = [:]
    ) {
        precondition(current.count == potential.count, "columns differ in length")
        currentRule = currentThreshold
        potentialRule = potentialThreshold
        currentChoice = ThresholdChoice(currentThreshold, values: current)
        potentialChoice = ThresholdChoice(potentialThreshold, values: potential)
        let c = currentChoice.value
        let p = potentialChoice.value
        self.currentThreshold = c
        self.potentialThreshold = p
        groups = current.indices.map { ValueGroup.of(highCurrent: current[$0] > c, highPotential: potential[$0] > p) }
        let all = ValueGroup.allCases
        var counts = [Int](repeating: 0, count: all.count)
        var currentSums = [Double](repeating: 0, count: all.count)
        var potentialSums = [Double](repeating: 0, count: all.count)
        for i in current.indices {
            let g = all.firstIndex(of: groups[i])!
            counts[g] += 1
            currentSums[g] += current[i]
            potentialSums[g] += potential[i]
        }
        let n = Double(current.count)
        let cellIndex = groups.map { group in all.firstIndex(of: group)! }
        let currentShares = GroupShares.shares(current, count: all.count) { cellIndex[$0] }
        let potentialShares = GroupShares.shares(potential, count: all.count) { cellIndex[$0] }
        cells = all.indices.map { g in
            Cell(
                group: all[g], customers: counts[g], customerShare: n > 0 ? Double(counts[g]) / n : 0,
                currentValue: currentSums[g], currentShare: currentShares[g],
                potentialValue: potentialSums[g],
                potentialShare: potentialShares[g],
                strategy: strategies[all[g]] ?? all[g].defaultStrategy)
        }
    }

    /// The cell of `group`.
    public func cell(_ group: ValueGroup) -> Cell { cells.first { $0.group == group }! }
}
