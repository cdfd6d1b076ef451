import Foundation
import Testing

@testable import CustomerValue

/// Value elasticity, budget split and log-log slope on small cases worked out by hand.
@Suite struct ValueElasticityTests {
    static func day(_ text: String) -> Day { Day(iso: text)! }
    static func month(_ text: String) -> CalendarMonth { CalendarMonth(day(text + "-01")) }

    /// Window: 6 months to 2024-06-30 (2024-01-01 … 2024-06-30).
    /// - A: spend 100 (Feb), revenue 300 (Feb)             → 3.0
    /// - B: spend 50 (Mar) + 50 (Apr), revenue 150 (Mar)   → 1.5
    /// - C: spend 200 (May), revenue 100 (Jun)             → 0.5
    /// Outside the window (ignored): A's spend of 1000 on 2023-12-31, C's revenue of 999 in 2023-11.
    /// D (group g1, revenue 1000, no spend) is not reached, so its revenue is not credited.
    /// Groups: g1 = {A, B, D}: spend 200, revenue 450 → 2.25; g2 = {C}: 200, 100 → 0.5.
    /// Overall: 550 / 400 = 1.375.
    @Test func elasticityOfThreeCustomers() {
        let spend = [
            SpendRecord(customerID: "A", segment: nil, day: Self.day("2024-02-10"), amount: 100),
            SpendRecord(customerID: "A", segment: nil, day: Self.day("2023-12-31"), amount: 1000),
            SpendRecord(customerID: "B", segment: nil, day: Self.day("2024-03-01"), amount: 50),
            SpendRecord(customerID: "B", segment: nil, day: Self.day("2024-04-01"), amount: 50),
            SpendRecord(customerID: "C", segment: nil, day: Self.day("2024-05-05"), amount: 200),
        ]
        let revenue = [
            RevenueRecord(customerID: "A", month: Self.month("2024-02"), amount: 300),
            RevenueRecord(customerID: "B", month: Self.month("2024-03"), amount: 150),
            RevenueRecord(customerID: "C", month: Self.month("2023-11"), amount: 999),
            RevenueRecord(customerID: "C", month: Self.month("2024-06"), amount: 100),
            RevenueRecord(customerID: "D", month: Self.month("2024-02"), amount: 1000),
        ]
        let result = ValueElasticity(
            spend: spend, revenue: revenue,
            grouping: .assigned(groupOf: ["A": "g1", "B": "g1", "C": "g2", "D": "g1"], names: [:], aliases: [:]),
            options: ElasticityOptions(asOf: Self.day("2024-06-30"), windowMonths: 6))
        #expect(result.start == Self.day("2024-01-01"))
        #expect(result.customers.map(\.id) == ["A", "B", "C"])
        #expect(result.customers.map(\.elasticity) == [3.0, 1.5, 0.5])
        #expect(result.groups.map(\.key) == ["g1", "g2"])
        #expect(result.groups.map(\.spend) == [200, 200])
        #expect(result.groups.map(\.revenue) == [450, 100])
        #expect(result.groups.map(\.elasticity) == [2.25, 0.5])
        #expect(result.groups.map(\.customers) == [2, 1])
        #expect(result.elasticity == 1.375)
        // g1 has spend in Feb, Mar, Apr but revenue only in Feb and Mar: points (100, 300) and
        // (50, 150): slope ln(300/150) / ln(100/50) = 1.
        #expect(result.groups[0].slope == LogLogSlope(spend: [100, 50], revenue: [300, 150]))
        #expect(abs(result.groups[0].slope!.value - 1) < 1e-12)
        // 3 customers (< 30) and 4 months with spend (≥ 3): one caveat.
        #expect(result.caveats.map(\.code) == [.fewCustomers])
        #expect(
            result.caveats[0].message
                == "only 3 customers reached by spend between 2024-01-01 and 2024-06-30 (fewer than 30): the ratios rest on few people"
        )
    }

    /// Spend on a segment as a whole reaches every member: g1's spend of 60 on "Gold" (an alias)
    /// credits the revenue of A and D: (300 + 1000) / (100 + 60).
    @Test func segmentSpendReachesEveryMember() {
        let spend = [
            SpendRecord(customerID: "A", segment: nil, day: Self.day("2024-02-10"), amount: 100),
            SpendRecord(customerID: nil, segment: "Gold", day: Self.day("2024-02-01"), amount: 60, campaign: "X"),
            SpendRecord(customerID: nil, segment: "nobody", day: Self.day("2024-02-01"), amount: 5),
        ]
        let revenue = [
            RevenueRecord(customerID: "A", month: Self.month("2024-02"), amount: 300),
            RevenueRecord(customerID: "D", month: Self.month("2024-02"), amount: 1000),
        ]
        let result = ValueElasticity(
            spend: spend, revenue: revenue,
            grouping: .assigned(groupOf: ["A": "g1", "D": "g1"], names: ["g1": "Gold"], aliases: ["gold": "g1"]),
            options: ElasticityOptions(asOf: Self.day("2024-06-30"), windowMonths: 6))
        #expect(result.groups.map(\.spend) == [160])
        #expect(result.groups.map(\.revenue) == [1300])
        #expect(result.groups.map(\.customers) == [2])
        #expect(result.caveats.map(\.code) == [.fewCustomers, .fewPeriods, .unmatchedSegment])
        #expect(
            result.caveats.last?.message
                == "spend of 5 on segment \"nobody\" matches no group (the groups are g1) and is left out")
    }

    /// Spend doubles each month (100, 200, 400) while revenue grows by half (300, 450, 675): every
    /// step is ln 1.5 / ln 2 = log2(1.5) = 0.5849625007211562.
    @Test func logLogSlopeOnThreePeriods() throws {
        let slope = try #require(LogLogSlope(spend: [100, 200, 400], revenue: [300, 450, 675]))
        #expect(abs(slope.value - 0.5849625007211562) < 1e-12)
        #expect(slope.periods == 3)
        // Points (0, 0), (1, 1), (2, 3) in logs: Sxy = 3, Sxx = 2 → 1.5.
        let curved = try #require(LogLogSlope(spend: [1, M_E, M_E * M_E], revenue: [1, M_E, M_E * M_E * M_E]))
        #expect(abs(curved.value - 1.5) < 1e-12)
        // Months without spend or revenue are left out; one usable month or equal spend gives none.
        #expect(LogLogSlope(spend: [0, 100, 0], revenue: [5, 300, 7]) == nil)
        #expect(LogLogSlope(spend: [100, 100], revenue: [1, 2]) == nil)
    }

    /// Three groups, 100 each, elasticities 1, 2, 5; budget 300; ±50 %.
    /// Suggested ∝ spend × elasticity: 100λ, 200λ, 500λ, within [50, 150] each.
    /// With c at 150 and a at 50: 50 + 200λ + 150 = 300 → λ = 0.5 → b = 100 (a = 100λ = 50 too).
    /// Expected revenue 50·1 + 100·2 + 150·5 = 1000, against 800 now.
    @Test func budgetReallocationWithTheCap() {
        let a = BudgetAllocation(groups: [("a", 100, 1), ("b", 100, 2), ("c", 100, 5)], maxChange: 0.5)
        #expect(a.budget == 300)
        #expect(a.lines.map(\.suggestedSpend).map { ($0 * 1e9).rounded() / 1e9 } == [50, 100, 150])
        #expect(abs(a.expectedRevenue - 1000) < 1e-9)
        #expect(a.currentRevenue == 800)
        #expect(a.isBudgetReached)
        #expect(a.lines.map(\.change).map { ($0 * 1e9).rounded() / 1e9 } == [-0.5, 0, 0.5])
    }

    /// No bound binds: 100·1, 100·2, 200·2 = weights 100, 200, 400 of 700; budget 400 →
    /// 400/7, 800/7, 1600/7.
    @Test func budgetSplitWithoutBindingBounds() {
        let a = BudgetAllocation(groups: [("a", 100, 1), ("b", 100, 2), ("c", 200, 2)], maxChange: 0.5)
        let expected = [400.0 / 7, 800.0 / 7, 1600.0 / 7]
        for (line, value) in zip(a.lines, expected) { #expect(abs(line.suggestedSpend - value) < 1e-9) }
        #expect(abs(a.suggestedTotal - 400) < 1e-9)
    }

    /// A budget of 600 cannot be reached when each of three groups of 100 may grow by 50 % at most:
    /// all at 150, total 450.
    @Test func budgetOutOfReachStopsAtTheBounds() {
        let a = BudgetAllocation(groups: [("a", 100, 1), ("b", 100, 2), ("c", 100, 5)], budget: 600, maxChange: 0.5)
        #expect(a.lines.map(\.suggestedSpend) == [150, 150, 150])
        #expect(!a.isBudgetReached)
    }
}
