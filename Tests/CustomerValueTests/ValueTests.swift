import CustomerValue
import Foundation
import Testing

/// Values computed by hand (worked in the comments), not by the code under test.
@Suite struct ConcentrationTests {
    /// Gini = Σᵢ (2i − n − 1) x₍ᵢ₎ / (n Σ x), no n/(n − 1) correction.
    @Test func giniByHand() throws {
        #expect(Concentration.gini([1, 1, 1, 1]) == 0)
        // [0,0,0,1]: (2·4 − 5)·1 / (4·1) = 3/4; with the n/(n − 1) correction it would be 1.
        #expect(Concentration.gini([0, 0, 0, 1]) == 0.75)
        // [1,2,3,4,10]: (−4·1 − 2·2 + 0·3 + 2·4 + 4·10) / (5·20) = 40/100.
        #expect(abs(try #require(Concentration.gini([4, 10, 1, 3, 2])) - 0.4) < 1e-15)
        #expect(Concentration.gini([0, 0]) == nil)
        #expect(Concentration.gini([-5, 2]) == nil)
    }

    /// Five customers worth 1, 2, 3, 4, 10 (total 20). Largest first the running sums are
    /// 10, 14, 17, 19, 20, so the Pareto curve at 0, 20 %, …, 100 % is 0, .5, .7, .85, .95, 1; the
    /// Lorenz curve (smallest first: 1, 3, 6, 10, 20) is 0, .05, .15, .30, .50, 1. Between customers
    /// the curve is linear: at 10 % half of the largest customer, 5/20 = .25. Three customers
    /// (17 ≥ 16) make 80 %.
    @Test func fiveCustomerLorenzCurveByHand() {
        let c = Concentration([4, 10, 1, 3, 2], steps: 5)
        let pareto = [0, 0.5, 0.7, 0.85, 0.95, 1.0]
        let lorenz = [0, 0.05, 0.15, 0.30, 0.50, 1.0]
        for k in 0...5 {
            #expect(abs(c.pareto[k] - pareto[k]) < 1e-12, "P at \(k)")
            #expect(abs(c.lorenz[k] - lorenz[k]) < 1e-12, "L at \(k)")
        }
        #expect(c.customersMaking80 == 3)
        #expect(c.shareMaking80 == 0.6)
        #expect(abs(c.top20Share! - 0.5) < 1e-12)
        let fine = Concentration([4, 10, 1, 3, 2])
        #expect(fine.pareto.count == 101)
        #expect(abs(fine.pareto[10] - 0.25) < 1e-12)
        // At 30 %: 1.5 customers, (10 + ½ · 4)/20 = 0.6.
        #expect(abs(fine.pareto[30] - 0.6) < 1e-12)
    }

    /// Losses make the whale curve: 10, −5 → P(½) = 10/5 = 2, P(1) = 1.
    @Test func lossesRiseAboveOne() {
        let c = Concentration([10, -5], steps: 2)
        #expect(c.pareto == [0, 2, 1])
        #expect(c.customersMaking80 == 1)
    }
}

@Suite struct ValueMatrixTests {
    /// Six customers. Current 10…60: median (30 + 40)/2 = 35. Potential 5, 100, 6, 90, 7, 80: sorted
    /// 5, 6, 7, 80, 90, 100, median (7 + 80)/2 = 43.5. So (10, 5) nurture, (20, 100) develop,
    /// (30, 6) nurture, (40, 90) retain, (50, 7) maintain, (60, 80) retain.
    @Test func sixCustomersByMedian() {
        let current: [Double] = [10, 20, 30, 40, 50, 60]
        let potential: [Double] = [5, 100, 6, 90, 7, 80]
        let m = ValueMatrix(current: current, potential: potential)
        #expect(m.currentThreshold == 35)
        #expect(m.potentialThreshold == 43.5)
        #expect(m.groups == [.nurture, .develop, .nurture, .retain, .maintain, .retain])
        #expect(m.cells.map(\.group) == [.retain, .develop, .maintain, .nurture])
        #expect(m.cells.map(\.customers) == [2, 1, 1, 2])
        #expect(m.cells.map(\.customers).reduce(0, +) == 6)
        // Retain holds 40 + 60 = 100 of 210 current and 90 + 80 = 170 of 288 potential.
        #expect(abs(m.cell(.retain).currentShare - 100.0 / 210) < 1e-15)
        #expect(abs(m.cell(.retain).potentialShare - 170.0 / 288) < 1e-15)
        #expect(m.cell(.retain).customerShare == 2.0 / 6)
        #expect(m.cell(.nurture).strategy.chineseStrategy.contains("培育"))
        #expect(ValueGroup.retain.name(in: .zh) == "保留型")
        // Mean: current 35, potential 288/6 = 48: the same groups.
        let byMean = ValueMatrix(
            current: current, potential: potential, currentThreshold: .mean, potentialThreshold: .mean)
        #expect(byMean.potentialThreshold == 48)
        #expect(byMean.groups == m.groups)
        // quantile:0.7 (type 7): h = 5 · 0.7 = 3.5 → 40 + ½ · 10 = 45; potential 80 + ½ · 10 = 85.
        let q = ValueMatrix(
            current: current, potential: potential, currentThreshold: .quantile(0.7), potentialThreshold: .quantile(0.7)
        )
        #expect(abs(q.currentThreshold - 45) < 1e-12)
        #expect(abs(q.potentialThreshold - 85) < 1e-12)
        #expect(q.groups == [.nurture, .develop, .nurture, .develop, .maintain, .maintain])
        // Fixed thresholds; equal to the threshold is low.
        let fixed = ValueMatrix(
            current: current, potential: potential, currentThreshold: .fixed(40), potentialThreshold: .fixed(90))
        #expect(fixed.groups == [.nurture, .develop, .nurture, .nurture, .maintain, .maintain])
    }

    @Test func thresholdParsingAndMessages() throws {
        #expect(try Threshold(parsing: "median") == .median)
        #expect(try Threshold(parsing: "MEAN") == .mean)
        #expect(try Threshold(parsing: "quantile:0.7") == .quantile(0.7))
        #expect(
            throws: ValueError(
                .badThreshold,
                "unknown threshold method \"average\": use auto, median, mean or quantile:Q with 0 < Q < 1, or fixed values"
            )
        ) {
            try Threshold(parsing: "average")
        }
        #expect(
            throws: ValueError(
                .badThreshold, "quantile:1.5: the quantile must be between 0 and 1 (exclusive), e.g. quantile:0.7")
        ) {
            try Threshold(parsing: "quantile:1.5")
        }
        #expect(
            throws: ValueError(
                .badThreshold, "quantile:0: the quantile must be between 0 and 1 (exclusive), e.g. quantile:0.7")
        ) {
            try Threshold(parsing: "quantile:0")
        }
        #expect(
            throws: ValueError(.badThreshold, "quantile:x: \"x\" is not a number; write a share such as quantile:0.7")
        ) {
            try Threshold(parsing: "quantile:x")
        }
    }
}

@Suite struct KMeansTests {
    /// Two obvious clusters: {(0,0), (0,1), (1,0)} and {(10,10), (10,11), (11,10)}. Centres (⅓, ⅓) and
    /// (31/3, 31/3); each cluster's squared distances are 2/9 + 5/9 + 5/9 = 4/3, inertia 8/3.
    @Test func twoObviousClusters() {
        let points: [Double] = [0, 0, 10, 10, 0, 1, 10, 11, 1, 0, 11, 10]
        for seed: UInt64 in [1, 2, 3, 42, 1000] {
            let k = KMeans(points: points, dimension: 2, k: 2, seed: seed)
            #expect(k.k == 2)
            #expect(k.sizes == [3, 3])
            #expect(k.assignments[0] == k.assignments[2] && k.assignments[2] == k.assignments[4])
            #expect(k.assignments[1] == k.assignments[3] && k.assignments[3] == k.assignments[5])
            #expect(k.assignments[0] != k.assignments[1])
            let low = k.assignments[0]
            #expect(abs(k.centre(low)[low * 2] - 1.0 / 3) < 1e-12)
            #expect(abs(k.centre(1 - low)[(1 - low) * 2] - 31.0 / 3) < 1e-12)
            #expect(abs(k.inertia - 8.0 / 3) < 1e-12)
        }
        // Deterministic: the same seed gives the same result.
        #expect(
            KMeans(points: points, dimension: 2, k: 2, seed: 7) == KMeans(points: points, dimension: 2, k: 2, seed: 7))
        // Fewer distinct points than clusters asked: as many clusters as distinct points.
        let twoPoints = KMeans(points: [1, 1, 1, 1, 5, 5], dimension: 2, k: 3, seed: 1)
        #expect(twoPoints.k == 2)
        #expect(twoPoints.sizes == [2, 1])
    }

    @Test func centreWords() {
        let words = ValueCube.describe([1.2, -0.9, -0.7, 0.8])
        #expect(words.english == "frequent, recent, small baskets, long-standing")
        #expect(words.chinese == "高频，近期购买，客单价低，老客户")
        #expect(ValueCube.describe([0, 0.6, 0.51, -2]).english == "average frequency, lapsed, large baskets, new")
    }
}

@Suite struct PresentValueTests {
    /// m = 100 per period, r = 0.9, d = 0.1, H = 3: q = 9/11, PV = 100 (9/11 + 81/121 + 729/1331)
    /// = 100 · 2709/1331 = 270900/1331.
    @Test func threePeriodsByHand() {
        let pv = PresentValue.of(perPeriod: 100, retention: 0.9, discountRate: 0.1, periods: 3)
        #expect(abs(pv - 270900.0 / 1331) < 1e-10)
        // No discounting, full retention: m · H.
        #expect(PresentValue.of(perPeriod: 5, retention: 1, discountRate: 0, periods: 12) == 60)
        // Expected tenure within 2 periods at r = 0.5: 0.5 + 0.25.
        #expect(PresentValue.expectedTenure(retention: 0.5, periods: 2) == 0.75)
        // An annual rate of 0.5 is 0.5^(1/12) a month.
        #expect(abs(RetentionEstimate.annual(0.5).monthly - pow(0.5, 1.0 / 12)) < 1e-15)
    }

    /// Two customers over a 365-day window, current profits 120 and 0, an annual retention of 1 and
    /// no discounting: potential = 120 per 365 days × 12 months of 30.436875 days
    /// = 120 · 365.2425 / 365 = 120.07972602739726.
    @Test func customerValuesByPresentValue() throws {
        let windows = ValueWindows(
            ids: ["a", "b"],
            historical: WindowSums(revenue: [50, 10], costedRevenue: [0, 10], cost: [0, 4], discount: [0, 0]),
            current: WindowSums(revenue: [240, 0], costedRevenue: [0, 0], cost: [0, 0], discount: [0, 0]),
            firstDay: [Day(number: 0), Day(number: 0)], lastDay: [Day(number: 700), Day(number: 10)],
            purchaseDays: [3, 1], orders: [3, 1], activeBefore: [true, true], activeNow: [true, false], rowsWithCost: 1,
            rows: 4, asOf: Day(number: 730), windowStart: Day(number: 365), windowDays: 365)
        let v = try CustomerValues(
            windows: windows, summary: nil,
            settings: ValueSettings(margin: 0.5, horizonMonths: 12, retention: 1, method: .presentValue))
        // Historical: a 50 · 0.5 = 25; b 10 − 4 = 6. Current: a 240 · 0.5 = 120, b 0.
        #expect(v.historical == [25, 6])
        #expect(v.current == [120, 0])
        #expect(abs(v.potential[0] - 120.07972602739726) < 1e-9)
        #expect(v.potential[1] == 0)
        #expect(v.method == .presentValue)
        // Measured retention: of a and b (active before), only a bought again: 1/2.
        #expect(windows.retention?.rate == 0.5)
        // The model without a summary falls back to the present value and says so.
        let fallback = try CustomerValues(windows: windows, summary: nil, settings: ValueSettings(retention: 1))
        #expect(fallback.method == .presentValue)
        #expect(fallback.notes.first?.contains("present value") == true)
    }
}
