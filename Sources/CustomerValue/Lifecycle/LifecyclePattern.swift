/// The shape of a relationship's whole history, from its sequence of monthly stages (the four
/// patterns of the relationship life-cycle literature):
/// - I `earlyAbort` 早期流产型: never got past exploration, then declined or ended;
/// - II `midway` 中途夭折型: reached formation, never stability, then declined or ended;
/// - III `earlyExit` 提前退出型: reached stability but left it before `longKeptMonths`;
/// - IV `longKept` 长久保持型: stayed in stability for `longKeptMonths` or more;
/// - `developing`: none of these yet (still exploring or forming, or stable for a short time).
public enum LifecyclePattern: String, CaseIterable, Codable, Sendable {
    case earlyAbort, midway, earlyExit, longKept, developing
}

/// A customer's path through the stages: months spent in each, and the pattern.
public struct LifecycleJourney: Equatable, Sendable {
    /// Month ends at which the stage was taken, in the order of `LifecycleStage.allCases`.
    public var monthsInStage: [Int]
    public var pattern: LifecyclePattern
    /// The stage at the last month end (the as-of date).
    public var current: LifecycleStage

    public func months(in stage: LifecycleStage) -> Int {
        monthsInStage[LifecycleStage.allCases.firstIndex(of: stage)!]
    }
}

extension LifecycleClassifier {
    /// Every customer's journey: the stage at each month end from their first purchase to `asOf`
    /// (and at `asOf` itself), from the purchases up to that date.
    ///
    /// One pass over each customer's purchase days: the stage at a month end reads only the days
    /// before it, so no query runs per month. The monthly stages use the customer base's rhythm
    /// at `asOf` and no model P(alive) (a model is fitted once, at `asOf`); the last month uses
    /// `finalStages` (the stages at `asOf`, which may have read P(alive) and complaints) when given.
    public func journeys(_ history: PurchaseHistory, asOf: Day, finalStages: [StageAssignment]? = nil)
        -> [LifecycleJourney]
    {
        let base = baseRhythm(history, asOf: asOf)
        let last = CalendarMonth(asOf)
        let none = LifecycleJourney(monthsInStage: [], pattern: .developing, current: .prospect)
        var out = [LifecycleJourney](repeating: none, count: history.count)
        out.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let output = buffer
            Parallel.forEach(count: history.count) { chunk in
                var scan = CustomerScan()
                for i in chunk {
                    let r = history.range(i)
                    scan.reset(days: history.days[r], values: history.values[r])
                    output[i] = journey(
                        &scan, asOf: asOf, last: last, baseRhythm: base, finalStage: finalStages?[i].stage)
                }
            }
        }
        return out
    }

    /// One customer's journey: the scan moves forward month end by month end, so each month adds
    /// only the purchase days since the last one.
    private func journey(
        _ scan: inout CustomerScan, asOf: Day, last: CalendarMonth, baseRhythm base: Double?,
        finalStage: LifecycleStage?
    ) -> LifecycleJourney {
        var months = [Int](repeating: 0, count: LifecycleStage.allCases.count)
        guard let first = scan.days.first, first <= asOf else {
            let stage = finalStage ?? .prospect
            months[Self.position(stage)] = 1
            return LifecycleJourney(monthsInStage: months, pattern: .developing, current: stage)
        }
        var highest = LifecycleStage.prospect
        var stableRun = 0
        var longestStableRun = 0
        var current = LifecycleStage.prospect
        var month = CalendarMonth(first)
        while month <= last {
            let end = month == last ? asOf : month.lastDay
            let stage: LifecycleStage
            if month == last, let finalStage {
                stage = finalStage
            } else {
                scan.advance(through: end)
                stage = assign(scan, asOf: end, baseRhythm: base).stage
            }
            months[Self.position(stage)] += 1
            if stage == .stability {
                stableRun += 1
                longestStableRun = max(longestStableRun, stableRun)
            } else {
                stableRun = 0
            }
            // Prospect ranks 0 and the declining stages below it, so only progress raises this.
            if rank(stage) > rank(highest) { highest = stage }
            current = stage
            month = month.adding(1)
        }
        return LifecycleJourney(
            monthsInStage: months,
            pattern: pattern(highest: highest, longestStableRun: longestStableRun, current: current),
            current: current)
    }

    private static func position(_ stage: LifecycleStage) -> Int {
        switch stage {
        case .prospect: 0
        case .exploration: 1
        case .formation: 2
        case .stability: 3
        case .decline: 4
        case .termination: 5
        }
    }

    private func rank(_ stage: LifecycleStage) -> Int {
        switch stage {
        case .prospect: 0
        case .exploration: 1
        case .formation: 2
        case .stability: 3
        case .decline, .termination: -1
        }
    }

    private func pattern(highest: LifecycleStage, longestStableRun: Int, current: LifecycleStage) -> LifecyclePattern {
        if longestStableRun >= rules.longKeptMonths { return .longKept }
        guard current == .decline || current == .termination else { return .developing }
        switch highest {
        case .stability: return .earlyExit
        case .formation: return .midway
        default: return .earlyAbort
        }
    }
}
