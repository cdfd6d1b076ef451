import CustomerValue
import Testing

/// Care on dates and acquisition economics, on hand-built histories with values worked by hand.
@Suite struct ScheduledCareTests {
    func day(_ text: String) -> Day { Day(iso: text)! }

    @Test func anniversariesKeepFebruary29OnThe28thInOtherYears() {
        let leap = day("2020-02-29")
        #expect(CareSchedule.anniversaries(of: leap, in: day("2023-02-20")...day("2023-03-05")) == [day("2023-02-28")])
        #expect(CareSchedule.anniversaries(of: leap, in: day("2024-02-20")...day("2024-03-05")) == [day("2024-02-29")])
        // Never the day itself, and a window across the new year finds the one in January.
        #expect(CareSchedule.anniversaries(of: day("2024-01-03"), in: day("2023-12-20")...day("2024-01-10")).isEmpty)
        #expect(
            CareSchedule.anniversaries(of: day("2023-01-03"), in: day("2023-12-20")...day("2024-01-10"))
                == [day("2024-01-03")])
    }

    @Test func everyOccasionFallsOnItsDateInTheWindow() {
        var schedule = CareSchedule()
        schedule.afterPurchaseDays = 14
        // At 2024-03-10 with 7 days of lead and 30 of grace: due 2024-02-09 … 2024-03-17.
        #expect(schedule.window(asOf: day("2024-03-10")) == day("2024-02-09")...day("2024-03-17"))
        let found = schedule.appointments(
            customerID: "A", asOf: day("2024-03-10"), birthday: day("1990-03-15"),
            purchaseDays: [day("2022-02-10"), day("2024-02-01"), day("2024-02-20")][...],
            resolved: [day("2024-01-01"), day("2024-03-08")])
        #expect(
            found.map { "\($0.due) \($0.occasion.rawValue)" } == [
                "2024-02-10 purchase_anniversary",  // first purchase 2022-02-10
                "2024-02-15 after_purchase",  // 2024-02-01 + 14, no purchase in between
                "2024-03-05 after_purchase",  // 2024-02-20 + 14
                "2024-03-15 after_complaint",  // resolved 2024-03-08 + 7 (01-01 + 7 is before the window)
                "2024-03-15 birthday",
            ])
        // A purchase before the follow-up's date supersedes it: only the later one's follow-up.
        let superseded = schedule.appointments(
            customerID: "B", asOf: day("2024-03-10"), birthday: nil,
            purchaseDays: [day("2024-02-01"), day("2024-02-10")][...], resolved: [])
        #expect(superseded.map(\.due) == [day("2024-02-24")])
        // The defaults schedule no follow-up after purchases; switched off occasions give nothing.
        var off = CareSchedule()
        off.birthday = false
        off.purchaseAnniversary = false
        off.afterComplaintDays = 0
        #expect(
            off.appointments(
                customerID: "A", asOf: day("2024-03-10"), birthday: day("1990-03-15"),
                purchaseDays: [day("2022-02-10")][...], resolved: [day("2024-03-08")]
            ).isEmpty)
    }

    /// Web acquired A and B in January 2024 for 300 and D in February for 100; the fair acquired C
    /// in January for 500; 60 of retention spend in February. Margin 0.5.
    @Test func acquisitionCostPaybackAndRetentionCostByHand() {
        let history = PurchaseHistory(rows: [
            ("A", day("2024-01-05"), 100), ("A", day("2024-02-10"), 200),
            ("B", day("2024-01-20"), 50),
            ("C", day("2024-01-03"), 400), ("C", day("2024-03-01"), 600),
            ("D", day("2024-02-02"), 80), ("D", day("2024-03-05"), 160),
        ])
        let jan = CalendarMonth(year: 2024, month: 1)
        let feb = CalendarMonth(year: 2024, month: 2)
        let spend: [AcquisitionEconomics.Spend] = [
            .init(month: jan, channel: "web", purpose: .acquisition, amount: 300),
            .init(month: jan, channel: "fair", purpose: .acquisition, amount: 500),
            .init(month: feb, channel: "web", purpose: .acquisition, amount: 100),
            .init(month: feb, channel: nil, purpose: .retention, amount: 60),
        ]
        let e = AcquisitionEconomics(
            history: history, acquired: [:], channel: ["A": "web", "B": "web", "C": "fair", "D": "web"],
            clv: ["A": 300, "B": 100, "C": 1000, "D": 250], spend: spend, margin: 0.5, asOf: day("2024-03-31"))
        let cells = e.cells.map { "\($0.cohort?.description ?? "all") \($0.channel ?? "-")" }
        #expect(cells == ["2024-01 fair", "2024-01 web", "2024-02 web", "all fair", "all web"])
        // Fair, January: C alone, 500 each; margin 200, 0, 300 → cumulative 200, 200, 500: paid back at 2.
        let fair = e.cells[0]
        #expect(fair.customers == 1 && fair.costPerCustomer == 500 && fair.cumulativeMargin == [200, 200, 500])
        #expect(fair.paybackMonths == 2 && fair.clvToCost == 2)
        // Web, January: A and B, 150 each; cumulative per customer (50+25)/2, (150+25)/2, the same: not yet.
        let webJanuary = e.cells[1]
        #expect(webJanuary.costPerCustomer == 150 && webJanuary.cumulativeMargin == [37.5, 87.5, 87.5])
        #expect(webJanuary.paybackMonths == nil && webJanuary.meanCLV == 200)
        #expect(abs(webJanuary.clvToCost! - 200.0 / 150.0) < 1e-12)
        // Web, February: D, 100; cumulative 40, 120: paid back at 1; CLV 250 : 100.
        let webFebruary = e.cells[2]
        #expect(webFebruary.paybackMonths == 1 && webFebruary.clvToCost == 2.5)
        // Web over both cohorts: 400 for 3 customers; at age 2 only A and B were observed.
        let web = e.cells[4]
        #expect(web.customers == 3 && web.spend == 400 && abs(web.costPerCustomer! - 400.0 / 3) < 1e-12)
        #expect(web.cumulativeMargin.count == 3 && abs(web.cumulativeMargin[1] - 295.0 / 3) < 1e-12)
        #expect(web.cumulativeMargin[2] == 87.5 && web.paybackMonths == nil)
        #expect(abs(web.meanCLV! - 650.0 / 3) < 1e-12 && abs(web.clvToCost! - 1.625) < 1e-12)
        // 900 for the 4 customers of the two months; 60 for the one customer who bought again in
        // February (A; D was acquired then, C bought again only in March): 225 against 60.
        #expect(e.costPerAcquired == 225 && e.retainedCustomers == 1 && e.costPerRetained == 60)
        #expect(e.acquisitionToRetention == 3.75)
    }

    @Test func careReasonsReadBackFromTheirCodes() {
        #expect(CareReason(rawValue: "birthday") == .occasion(.birthday))
        #expect(CareReason(rawValue: "longGap") == .warning(.longGap))
        #expect(CareReason(rawValue: "after_complaint")?.rawValue == "after_complaint")
        #expect(CareReason(rawValue: "nothing") == nil)
    }
}
