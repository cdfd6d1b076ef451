import Testing

@testable import CustomerValue

/// Satisfaction joined to the purchases after the answer, on a hand-built case; the fits against
/// numpy 2.4.6 (`np.linalg.solve(X.T@X, X.T@y)`, SE = √diag(RSS/(n − k)·(XᵀX)⁻¹)).
@Suite struct SatisfactionRetentionTests {
    @Test func windowsLevelsAndFits() throws {
        let d = Day(year: 2024, month: 3, day: 1)!
        let end = Day(year: 2024, month: 6, day: 30)!
        // Purchases as (customer, offset from the answer day, value).
        let purchases: [(String, Int, Double)] = [
            ("C1", -10, 50),
            ("C2", -5, 10), ("C2", 40, 70),  // 40 days after: outside the 30-day window
            ("C3", -20, 10), ("C3", 0, 99), ("C3", 10, 30),  // the answer day itself counts in neither span
            ("C4", 5, 20), ("C4", 25, 40),
            ("C5", -15, 5), ("C5", -3, 5), ("C5", 1, 10), ("C5", 30, 15),  // day 30 is inside
            ("C6", 12, 25),
            ("C7", -30, 8), ("C7", 2, 5), ("C7", 3, 5), ("C7", 20, 10),  // day −30 is inside the span before
            ("C9", -20, 12),  // relative to 2024-03-01; C9's answer is 2024-02-01, so this is after it
        ]
        let history = PurchaseHistory(rows: purchases.map { (id: $0.0, day: d + $0.1, value: $0.2) })
        let feb = Day(year: 2024, month: 2, day: 1)!
        let answers: [(customerID: String, day: Day, satisfaction: Double)] = [
            ("C1", d, 2), ("C2", d, 2), ("C3", d, 4), ("C4", d, 4), ("C5", d, 6), ("C6", d, 6), ("C7", d, 7),
            // Too recent for a full window: censored.
            ("C8", Day(year: 2024, month: 6, day: 15)!, 5),
            // The latest answer with a full window counts, not the recent one.
            ("C9", feb, 3), ("C9", Day(year: 2024, month: 6, day: 20)!, 7),
        ]
        let link = SatisfactionRetention(answers, history: history, observationEnd: end, horizonDays: 30)
        #expect(link.censored == 1)
        #expect(link.respondents.map(\.customerID) == ["C1", "C2", "C3", "C4", "C5", "C6", "C7", "C9"])
        #expect(link.respondents.map(\.purchases) == [0, 0, 1, 2, 2, 1, 3, 1])
        #expect(link.respondents.map(\.purchasesBefore) == [1, 1, 1, 0, 2, 0, 1, 0])
        #expect(link.respondents.map(\.spend) == [0, 0, 30, 60, 25, 25, 20, 12])
        #expect(link.levels.map(\.satisfaction) == [2, 3, 4, 6, 7])
        #expect(link.levels.map(\.retention) == [0, 1, 1, 1, 1])
        #expect(link.levels[2].meanPurchases == 1.5 && link.levels[2].meanSpend == 45)
        let retention = try #require(link.retentionFit)
        #expect(abs(retention.slopes[0] - 0.17647058823529407) < 1e-12)
        #expect(abs(retention.standardErrors[0] - 0.06792356108113244) < 1e-12)
        let purchasesFit = try #require(link.purchasesFit)
        #expect(abs(purchasesFit.intercept - -0.6666666666666664) < 1e-12)
        #expect(abs(purchasesFit.slopes[0] - 0.4509803921568627) < 1e-12)
        #expect(abs(purchasesFit.standardErrors[0] - 0.12297312236749529) < 1e-12)
        let adjusted = try #require(link.adjustedPurchasesFit)
        #expect(abs(adjusted.slopes[0] - 0.4540229885057471) < 1e-12)
        #expect(abs(adjusted.slopes[1] - -0.05172413793103473) < 1e-12)
        #expect(abs(adjusted.standardErrors[0] - 0.13617173026803608) < 1e-12)
        #expect(abs(adjusted.standardErrors[1] - 0.36755558303351105) < 1e-12)
    }
}
