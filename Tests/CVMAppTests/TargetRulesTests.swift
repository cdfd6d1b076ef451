import CustomerValue
import Testing

@testable import CVMApp

/// The target formulas on seven hand-made customers, every value worked by hand.
@Suite struct TargetRulesTests {
    // Historical values 50, 200, 10, 5, 300, 7, 250: sorted 5, 7, 10, 50, 200, 250, 300, median 50.
    let segments: [RFMSegment?] = [.champions, .atRisk, .potentialLoyalist, .lost, .lost, .hibernating, .needAttention]
    let groups: [ValueGroup] = [.retain, .nurture, .develop, .develop, .maintain, .nurture, .nurture]
    let alive: [Double?] = [0.6, 0.3, 0.9, 0.8, nil, nil, 0.2]
    let clv: [Double] = [100, 40, 10, 5, 0, 0, 50]
    let historical: [Double] = [50, 200, 10, 5, 300, 7, 250]
    let current: [Double] = [80, 0, 5, 50, 60, 0, 0]
    let potential: [Double] = [120, 10, 30, 20, 10, 0, 5]

    func targets(_ campaigns: [Campaign]) -> [TargetRules.Target] {
        TargetRules.targets(
            segments: segments, groups: groups, alive: alive, clv: clv, historical: historical, current: current,
            potential: potential, campaigns: campaigns)
    }

    @Test func everyCampaignByHand() {
        let all = targets(Campaign.allCases)
        // care: customer 0 (retain, P(alive) 0.6 < 0.7), value at stake = CLV 100. Customer 4 is in
        // the maintain group but has no P(alive): not listed.
        // winback: 6 (P(alive) 0.2 < 0.5, historical 250 > median 50): 50 × (1 − 0.2) = 40;
        //          1 (At Risk): 40 × (1 − 0.3) = 28; 5 (Hibernating, CLV 0): historical 7.
        //          0 has historical 50, not above the median 50.
        // upsell: 2 (develop, Potential Loyalist, 0.9 ≥ 0.7): 30 − 5 = 25; 3 (develop, 0.8) has potential
        //         20 below current 50: no negative value at stake, not listed.
        #expect(all.map(\.index) == [0, 6, 1, 2, 5])
        #expect(all.map(\.campaign) == [.care, .winback, .winback, .upsell, .winback])
        let stakes = all.map(\.valueAtStake)
        for (got, want) in zip(stakes, [100, 40, 28, 25, 7] as [Double]) { #expect(abs(got - want) < 1e-12) }
        #expect(all.allSatisfy { $0.valueAtStake >= 0 })
    }

    @Test func reasonsSayWhy() {
        let winback = targets([.winback])
        #expect(
            winback.map { $0.reason.text(in: .en) } == [
                "P(alive) 0.200 < 0.5, historical value 250.00 above the median 50.00",
                "At Risk segment, P(alive) 0.300",
                "Hibernating segment, P(alive) unknown",
            ])
        #expect(
            targets([.care]).map { $0.reason.text(in: .en) } == [
                "Retain group (high current value), P(alive) 0.600 < 0.7"
            ])
        #expect(
            winback.map { $0.reason.text(in: .zh) } == [
                "活跃概率 0.200 < 0.5，历史价值 250.00 高于中位数 50.00", "流失风险客户，活跃概率 0.300", "沉睡客户，活跃概率 未知",
            ])
    }

    /// The credit month: the last calendar month ending on or before the as-of date and the payments' end.
    @Test func creditMonthIsTheLastFullyCoveredMonth() {
        func d(_ s: String) -> Day { Day(iso: s)! }
        #expect(Workspace.creditMonthEnd(asOf: d("1998-06-30"), paymentsEnd: d("1998-06-20")) == d("1998-05-31"))
        #expect(Workspace.creditMonthEnd(asOf: d("1998-06-30"), paymentsEnd: d("1998-06-30")) == d("1998-06-30"))
        #expect(Workspace.creditMonthEnd(asOf: d("1998-03-15"), paymentsEnd: d("1998-06-30")) == d("1998-02-28"))
        #expect(Workspace.creditMonthEnd(asOf: d("2000-03-01"), paymentsEnd: d("2000-12-31")) == d("2000-02-29"))
    }
}
