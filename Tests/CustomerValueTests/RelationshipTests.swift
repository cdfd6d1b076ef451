import CustomerValue
import Testing

/// Complaint resolution times, visit plans and the zh/en value words, checked against values
/// worked out by hand (quantiles also with numpy 1.26: `np.percentile([4, 10, 20, 30, 100], [50, 90])`
/// = [20, 72], and `[4, 10, 20, 24, 30, 100]` → [22, 65]; numpy's default is the type-7 quantile).
@Suite struct RelationshipTests {
    static func day(_ text: String) -> Day { Day(iso: text)! }

    static func complaint(
        _ category: String, _ opened: String, _ openedAt: Int? = nil, resolved: String? = nil,
        _ resolvedAt: Int? = nil, satisfaction: Double? = nil, scale: SatisfactionScale = .standard
    ) -> Complaint {
        Complaint(
            customerID: "c", opened: day(opened), openedMinute: openedAt.map { $0 * 60 },
            resolved: resolved.map(day), resolvedMinute: resolvedAt.map { $0 * 60 }, category: category,
            satisfaction: satisfaction, scale: scale)
    }

    /// Five resolved complaints of 4, 10, 20, 30 and 100 hours, three open at the as-of date (one
    /// still inside the 48-hour target, one resolved only after the as-of date), one opened later;
    /// and one of another category, 24 hours, rated on 0–10.
    static let complaints = [
        complaint("q", "2024-01-01", 0, resolved: "2024-01-01", 4, satisfaction: 5),
        complaint("q", "2024-01-02", 10, resolved: "2024-01-02", 20, satisfaction: 3),
        complaint("q", "2024-01-03", 8, resolved: "2024-01-04", 4),
        complaint("q", "2024-01-05", 0, resolved: "2024-01-06", 6, satisfaction: 1),
        complaint("q", "2024-01-10", 0, resolved: "2024-01-14", 4),
        complaint("q", "2024-01-31", 12),
        complaint("q", "2024-01-20"),
        complaint("q", "2024-01-25", resolved: "2024-02-03", satisfaction: 2),
        complaint("q", "2024-02-05"),
        complaint("d", "2024-01-02", resolved: "2024-01-03", satisfaction: 7, scale: SatisfactionScale(0, 10)),
    ]

    @Test func resolutionTimesByHand() {
        let times = ResolutionTimes(Self.complaints, asOf: Self.day("2024-01-31"), targetHours: 48) { $0.category }
        #expect(times.groups.map(\.key) == ["q", "d"])
        let q = times.groups[0].statistics
        #expect((q.count, q.resolved, q.open) == (8, 5, 3))
        #expect(q.medianHours == 20)
        // h = (5 − 1) × 0.9 = 3.6: 30 + 0.6 × (100 − 30) = 72.
        #expect(abs(q.percentile90Hours! - 72) < 1e-12)
        #expect(q.openShare == 0.375)
        // Decided: the 5 resolved and the 2 open for more than 48 hours (288 h and 168 h); the one
        // open 12 hours is not counted. Within 48 hours: 4, 10, 20 and 30.
        #expect(q.decided == 7)
        #expect(q.withinTargetShare == 4.0 / 7)
        // Ratings of resolved complaints: 5, 3 and 1 on 1–5 (the 2 was given after the as-of date).
        #expect(q.rated == 3)
        #expect(q.meanSatisfaction == 3)
        #expect(q.satisfactionScale == .standard)
        #expect(q.meanSatisfactionShare == 0.5)

        let all = times.overall
        #expect((all.count, all.resolved, all.open) == (9, 6, 3))
        #expect(all.medianHours == 22)
        // h = 5 × 0.9 = 4.5: 30 + 0.5 × (100 − 30) = 65.
        #expect(abs(all.percentile90Hours! - 65) < 1e-12)
        #expect(all.withinTargetShare == 5.0 / 8)
        // Two scales: no mean on one scale; shares 1, 0.5, 0 and 0.7.
        #expect(all.meanSatisfaction == nil && all.satisfactionScale == nil)
        #expect(abs(all.meanSatisfactionShare! - 0.55) < 1e-12)
    }

    @Test func noComplaintsAndOnlyOpenOnes() {
        let none = ResolutionStatistics([], asOf: Self.day("2024-01-31"), targetHours: 48)
        #expect(none.count == 0 && none.medianHours == nil && none.openShare == nil && none.withinTargetShare == nil)
        let young = ResolutionStatistics(
            [Self.complaint("q", "2024-01-31", 23)], asOf: Self.day("2024-01-31"), targetHours: 48)
        // Open one hour: neither within nor beyond the target yet.
        #expect(young.open == 1 && young.openShare == 1 && young.withinTargetShare == nil)
        #expect(young.percentile90Hours == nil)
    }

    @Test func visitPlanByHand() {
        let days = ["2024-02-01", "2024-03-01", "2024-03-01", "2024-04-15", "2024-08-01"].map(Self.day)
        let plan = VisitPlan(contactDays: days, asOf: Self.day("2024-06-30"), fallbackIntervalDays: 30)
        // Distinct days to the as-of date: 02-01, 03-01, 04-15; gaps 29 and 45, median 37.
        #expect(plan.lastContact == Self.day("2024-04-15"))
        #expect(plan.daysSinceLastContact == 76)
        #expect(plan.intervalDays == 37 && plan.intervalIsUsual)
        #expect(plan.nextContact == Self.day("2024-05-22"))
        #expect(plan.overdueDays == 39)

        let one = VisitPlan(
            contactDays: [Self.day("2024-06-20")], asOf: Self.day("2024-06-30"), fallbackIntervalDays: 30)
        #expect(!one.intervalIsUsual && one.intervalDays == 30)
        #expect(one.nextContact == Self.day("2024-07-20") && one.overdueDays == 0)

        let none = VisitPlan(contactDays: [], asOf: Self.day("2024-06-30"), fallbackIntervalDays: 30)
        #expect(none.lastContact == nil && none.nextContact == Self.day("2024-06-30") && none.overdueDays == 0)
    }

    @Test func wordsInBothLanguages() {
        #expect(InteractionChannel(label: "微信") == .message)
        #expect(InteractionChannel(label: " Phone-Call ") == .call)
        #expect(InteractionChannel(label: "fax") == nil)
        #expect(InteractionDirection(label: "来访") == .inbound)
        #expect(InteractionDirection(label: "外呼") == .outbound)
        #expect(JourneyStage(label: "After-Sales") == .afterSales)
        #expect(JourneyStage(label: "购买决策") == .purchase)
        #expect(JourneyStage.allCases.map { $0.name(in: .zh) } == ["需求识别", "信息搜集", "评估比较", "购买决策", "使用", "售后服务"])
        #expect(["低", "medium", "高", "2", "9", "urgent"].map(ComplaintSeverity.level) == [1, 3, 5, 2, nil, nil])
        #expect(SatisfactionScale(parsing: "0–10") == SatisfactionScale(0, 10))
        #expect(SatisfactionScale(parsing: "2-9") == nil)
    }
}
