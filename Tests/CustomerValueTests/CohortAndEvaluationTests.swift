import CustomerValue
import Testing

@Suite struct CohortAndEvaluationTests {
    @Test func cohortTriangleByHand() {
        let d = { (s: String) in Day(iso: s)! }
        let history = PurchaseHistory(rows: [
            (id: "A", day: d("2024-01-05"), value: 10), (id: "A", day: d("2024-01-20"), value: 5),
            (id: "A", day: d("2024-03-02"), value: 7), (id: "B", day: d("2024-01-31"), value: 20),
            (id: "C", day: d("2024-02-10"), value: 4), (id: "C", day: d("2024-03-15"), value: 6),
            (id: "C", day: d("2024-04-01"), value: 9),
        ])
        let triangle = CohortTriangle(history, asOf: d("2024-03-31"))
        #expect(triangle.cohorts.map(\.month.description) == ["2024-01", "2024-02"])
        let january = triangle.cohorts[0]
        #expect(january.customers == 2 && january.active == [2, 0, 1] && january.revenue == [35, 0, 7])
        #expect(january.retention == [1, 0, 0.5])
        // C's April purchase is after the as-of date.
        #expect(triangle.cohorts[1].active == [1, 1] && triangle.cohorts[1].revenue == [4, 6])
    }

    /// AUC by counting pairs by hand: positives scores 0.9, 0.4, 0.4; negatives 0.4, 0.1.
    /// Pairs (pos > neg): 0.9>0.4, 0.9>0.1, 0.4>0.1, 0.4>0.1 = 4, ties 0.4=0.4 twice = 2 × ½;
    /// AUC = 5 / 6.
    @Test func aucWithTies() {
        let e = ScoreEvaluation(scores: [0.9, 0.4, 0.4, 0.4, 0.1], outcomes: [true, true, true, false, false])
        #expect(abs(e.auc! - 5.0 / 6.0) < 1e-12)
        #expect(e.positives == 3 && e.count == 5)
    }

    /// 20 customers, 4 positives; the top two scores (the top decile) hold one positive:
    /// lift = (1/2) / (4/20) = 2.5.
    @Test func topDecileLift() {
        var scores = (0..<20).map { Double(20 - $0) }
        var outcomes = [Bool](repeating: false, count: 20)
        outcomes[1] = true
        outcomes[5] = true
        outcomes[10] = true
        outcomes[19] = true
        let e = ScoreEvaluation(scores: scores, outcomes: outcomes)
        #expect(e.topDecileLift == 2.5)
        scores = [Double](repeating: 1, count: 20)
        #expect(ScoreEvaluation(scores: scores, outcomes: outcomes).auc == 0.5)
        #expect(ScoreEvaluation(scores: [1, 2], outcomes: [false, false]).auc == nil)
    }
}
