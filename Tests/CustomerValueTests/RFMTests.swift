import Testing

@testable import CustomerValue

@Suite struct RFMTests {
    /// Ten distinct values: two per quintile.
    @Test func distinctValuesFillEveryQuintile() {
        let scores = RFMScores.quintileScores([10, 1, 9, 2, 8, 3, 7, 4, 6, 5])
        #expect(scores == [5, 1, 5, 1, 4, 2, 4, 2, 3, 3])
    }

    /// Worked by hand: 6 of 10 customers bought once, so all six share F = 1; the next value has
    /// 6 customers below it, 1 + ⌊5·6/10⌋ = 4; the top three have 8 and 9 below: 5 and 5.
    @Test func tiesShareTheLowestScoreOfTheirBlock() {
        let scores = RFMScores.quintileScores([1, 1, 1, 1, 1, 1, 2, 2, 3, 4])
        #expect(scores == [1, 1, 1, 1, 1, 1, 4, 4, 5, 5])
    }

    @Test func emptyAndSingle() {
        #expect(RFMScores.quintileScores([]) == [])
        #expect(RFMScores.quintileScores([42]) == [1])
    }

    @Test func gridNamesEveryCell() {
        var names = Set<RFMSegment>()
        for r in 1...5 { for f in 1...5 { names.insert(RFMSegment.grid(r: r, f: f)) } }
        #expect(names == Set(RFMSegment.allCases))
        #expect(RFMSegment.grid(r: 5, f: 5) == .champions)
        #expect(RFMSegment.grid(r: 5, f: 1) == .new)
        #expect(RFMSegment.grid(r: 1, f: 5) == .cantLose)
        #expect(RFMSegment.grid(r: 2, f: 1) == .hibernating)
        #expect(RFMSegment.grid(r: 1, f: 1) == .lost)
        #expect(RFMSegment.grid(r: 3, f: 3) == .needAttention)
    }

    /// Four customers, observation end day 100: recency, purchases and revenue drive the scores,
    /// and the segment table adds up to all customers and all revenue.
    @Test func segmentationOfASmallBase() {
        let end = Day(number: 100)
        let summary = SummaryTable(
            ids: ["a", "b", "c", "d"], frequency: [4, 0, 1, 0], recency: [90, 0, 10, 0], T: [95, 50, 60, 2],
            monetary: [10, 0, 5, 0], revenue: [60, 20, 10, 5], orders: [5, 1, 2, 1],
            firstDay: [Day(number: 5), Day(number: 50), Day(number: 40), Day(number: 98)],
            lastDay: [Day(number: 95), Day(number: 50), Day(number: 50), Day(number: 98)], unit: .day,
            observationEnd: end)
        let scores = RFMScores(summary: summary)
        #expect(scores.recencyDays == [5, 50, 50, 2])
        #expect(scores.purchases == [5, 1, 2, 1])
        #expect(scores.r == [3, 1, 1, 4])  // b and c tie at 50 days: both score 1
        #expect(scores.f == [4, 1, 3, 1])
        #expect(scores.m == [4, 3, 2, 1])
        let segments = Segmentation(scores: scores)
        #expect(segments.keys == ["loyal", "lost", "at_risk", "promising"])
        #expect(segments.groups.reduce(0) { $0 + $1.customers } == 4)
        #expect(abs(segments.groups.reduce(0) { $0 + $1.revenueShare } - 1) < 1e-12)
        let importance = Segmentation(scores: scores, scheme: .importance)
        // means: recency 26.75 days, purchases 2.25, revenue 23.75
        #expect(importance.keys == ["important_value", "general_retain", "general_retain", "general_develop"])
    }
}
