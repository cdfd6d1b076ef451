import CustomerValue
import Testing

/// Hand-built histories, one for every stage, pattern and warning reason; the expected stages
/// follow from the rules' thresholds by hand (LifecycleRules.standard).
@Suite struct LifecycleTests {
    static let asOf = Day(iso: "2024-12-31")!
    let classifier = LifecycleClassifier()

    /// Purchases `daysAgo` before the as-of date, each worth `value` unless `values` says otherwise.
    func assign(
        _ daysAgo: [Int], values: [Double]? = nil, base: Double? = 200, p: Double? = nil, complaintDaysAgo: Int? = nil
    ) -> StageAssignment {
        let days = daysAgo.sorted(by: >).map { Self.asOf + -$0 }
        let amounts = values ?? [Double](repeating: 10, count: days.count)
        return classifier.assign(
            days: days[...], values: amounts[...], asOf: Self.asOf, baseRhythm: base, probabilityAlive: p,
            openComplaintSince: complaintDaysAgo.map { Self.asOf + -$0 })
    }

    /// Every 50 days from `first` days ago down to `last` days ago.
    func every50(from first: Int, to last: Int) -> [Int] { Array(stride(from: first, through: last, by: -50)) }

    @Test func prospect() {
        let a = assign([])
        #expect(a.stage == .prospect && a.rule == .noPurchase)
        #expect(a.explanation(in: .en) == "Prospect: no purchase on or before the as-of date.")
        #expect(a.explanation(in: .zh) == "潜在获取期：截至评估日尚无购买。")
    }

    @Test func explorationByFewPurchasesAndByShortTenure() {
        let one = assign([10])
        #expect(one.stage == .exploration && one.rule == .fewPurchases)
        #expect(
            one.explanation(in: .en)
                == "Exploration: only 1 purchase day(s) so far; the relationship is still being tried out.")
        // Three purchase days in 60 days: two gaps are too few for an own rhythm (base 200 applies).
        let three = assign([60, 40, 20])
        #expect(three.stage == .exploration && three.rule == .shortTenure)
        #expect(three.facts.rhythmIsOwn == false && three.facts.rhythmDays == 200)
    }

    /// With no gap anywhere in the customer base (everyone bought on one day) the rhythm is the
    /// assumed one, said so, and a purchase long ago ends the relationship.
    @Test func noRepeatBuyerAnywhereUsesTheAssumedRhythm() {
        let recent = assign([100], base: nil)
        #expect(recent.stage == .exploration && recent.facts.rhythmDays == 365)
        #expect(recent.facts.rhythmIsAssumed && !recent.facts.rhythmIsOwn)
        let slipping = assign([400], base: nil)
        #expect(slipping.stage == .decline && slipping.rule == .gapBeyondRhythm)
        #expect(
            slipping.explanation(in: .en)
                == "Decline: no purchase for 400 days, longer than 365 days (an assumed rhythm: no customer has "
                + "bought twice yet, so none can be learnt).")
        let gone = assign([29_200], base: nil)
        #expect(gone.stage == .termination && gone.rule == .gapFarBeyondRhythm)
        #expect(gone.explanation(in: .zh).contains("假定的购买间隔"))
        // The customer base's rhythm, when there is one, is never replaced by the assumption.
        let based = assign([400], base: 500)
        #expect(based.stage == .exploration && !based.facts.rhythmIsAssumed)
        // Rules without an assumed rhythm (a run stored before it existed) keep the old reading.
        var rules = LifecycleRules.standard
        rules.assumedRhythmDays = nil
        let old = LifecycleClassifier(rules: rules).assign(
            days: [Self.asOf + -400][...], values: [10][...], asOf: Self.asOf, baseRhythm: nil)
        #expect(old.stage == .exploration && old.facts.rhythmDays == nil)
    }

    @Test func formationAndStability() {
        // Five purchase days 50 days apart: own rhythm 50 (the 90th percentile of 50, 50, 50, 50),
        // tenure 210 < 365 → formation.
        let forming = assign(every50(from: 210, to: 10))
        #expect(forming.stage == .formation && forming.rule == .notYetEstablished)
        #expect(forming.facts.rhythmDays == 50 && forming.facts.rhythmIsOwn)
        // Window 2 × 50 = 100 days: two purchases of 10 in it, three of 10 before.
        #expect(forming.facts.recentWindowDays == 100 && forming.facts.recentValuePerPurchase == 10)
        #expect(forming.facts.earlierValuePerPurchase == 10)
        let stable = assign(every50(from: 410, to: 10))
        #expect(stable.stage == .stability && stable.rule == .established)
        #expect(
            stable.explanation(in: .zh) == "稳定期：9 个购买日、410 天的关系，购买节奏正常。")
    }

    @Test func declineAndTerminationByTheCustomersOwnRhythm() {
        let slipping = assign(every50(from: 480, to: 80))
        #expect(slipping.stage == .decline && slipping.rule == .gapBeyondRhythm)
        #expect(
            slipping.explanation(in: .en)
                == "Decline: no purchase for 80 days, longer than 50 days (the long end of this customer's own gaps).")
        let gone = assign(every50(from: 550, to: 150))
        #expect(gone.stage == .termination && gone.rule == .gapFarBeyondRhythm)
        // A one-time buyer is judged by the customer base's rhythm (200 days), never assumed alive.
        let once = assign([540])
        #expect(once.stage == .termination && once.rule == .gapFarBeyondRhythm)
        #expect(
            once.explanation(in: .zh)
                == "终止期：已 540 天未购买，远超 200 天（全体客户购买间隔的高分位（该客户的重复购买太少））。")
    }

    @Test func declineByValueByModelAndByComplaint() {
        var values = [Double](repeating: 10, count: 9)
        values[7] = 1
        values[8] = 1
        let falling = assign(every50(from: 410, to: 10), values: values)
        #expect(falling.stage == .decline && falling.rule == .valueFalling)
        #expect(
            falling.explanation(in: .en) == "Decline: 1.00 a purchase in the last 100 days, against 10.00 before.")
        let unlikely = assign(every50(from: 410, to: 10), p: 0.05)
        #expect(unlikely.stage == .termination && unlikely.rule == .unlikelyAlive)
        let possibly = assign(every50(from: 410, to: 10), p: 0.2)
        #expect(possibly.stage == .decline && possibly.rule == .possiblyGone)
        let complaint = assign(every50(from: 410, to: 10), complaintDaysAgo: 45)
        #expect(complaint.stage == .decline && complaint.rule == .unresolvedComplaint)
        #expect(complaint.explanation(in: .en) == "Decline: a complaint has been open for 45 days.")
        let recentComplaint = assign(every50(from: 410, to: 10), complaintDaysAgo: 10)
        #expect(recentComplaint.stage == .stability)
    }

    @Test func daysAfterTheAsOfDateAreNotRead() {
        let days = [Self.asOf + -10, Self.asOf + 30]
        let a = classifier.assign(days: days[...], values: [10, 10][...], asOf: Self.asOf, baseRhythm: 200)
        #expect(a.facts.purchaseDays == 1 && a.facts.daysSinceLastPurchase == 10)
    }

    // MARK: - Patterns

    func journey(_ days: [Day], asOf: Day = LifecycleTests.asOf) -> LifecycleJourney {
        let history = PurchaseHistory(rows: days.map { (id: "C", day: $0, value: 10) })
        return classifier.journeys(history, asOf: asOf)[0]
    }

    func monthly(from start: String, count: Int, every gap: Int = 30) -> [Day] {
        let first = Day(iso: start)!
        return (0..<count).map { first + $0 * gap }
    }

    @Test func earlyAbortNeverLeftExploration() {
        // One purchase: the customer base's rhythm here is unknown (no gaps), so nothing is long
        // for it; two purchases give the base its one gap of 30 days.
        let j = journey([Day(iso: "2023-06-01")!, Day(iso: "2023-07-01")!])
        #expect(j.pattern == .earlyAbort && j.current == .termination)
        #expect(j.months(in: .exploration) == 2)
        #expect(j.monthsInStage.reduce(0, +) == 19)
    }

    @Test func midwayReachedFormationOnly() {
        // Every 30 days from 2023-01-01, five purchase days: formation by April, then silence.
        let j = journey(monthly(from: "2023-01-01", count: 5))
        #expect(j.pattern == .midway && j.current == .termination)
        #expect(j.months(in: .formation) == 2 && j.months(in: .stability) == 0, "\(j.monthsInStage)")
    }

    @Test func earlyExitAndLongKept() {
        // Monthly for 15 months: stable from the twelfth month (tenure ≥ 365) for about three months.
        let exit = journey(monthly(from: "2022-01-01", count: 15))
        #expect(exit.pattern == .earlyExit)
        #expect((1..<12).contains(exit.months(in: .stability)))
        let kept = journey(monthly(from: "2021-12-01", count: 38))
        #expect(kept.pattern == .longKept && kept.current == .stability)
        #expect(kept.months(in: .stability) >= 12)
    }

    @Test func aRecentCustomerIsStillDeveloping() {
        let j = journey([Day(iso: "2024-12-20")!])
        #expect(j.pattern == .developing && j.current == .exploration && j.monthsInStage.reduce(0, +) == 1)
    }

    // MARK: - Warnings

    @Test func warningsGiveReasonsAndRankByValueAtRisk() {
        let stable = every50(from: 410, to: 10)
        let stages = [
            assign(every50(from: 480, to: 80), p: 0.4),  // long gap and P(alive) 0.4
            assign(stable),  // nothing wrong
            assign(every50(from: 480, to: 80), p: 0.9),  // long gap only
            assign([540]),  // termination: win-back, not a warning
            assign(stable, complaintDaysAgo: 45),  // complaint open 45 days
            assign(stable, p: 0.95),  // poorly resolved complaint (signal)
            assign(stable, p: 0.95),  // fewer interactions (signal)
        ]
        let signals = CustomerSignals(
            poorlyResolvedComplaint: [false, false, false, false, false, true, false],
            recentInteractions: [0, 0, 0, 0, 0, 0, 1], usualInteractions: [0, 0, 0, 0, 0, 0, 4])
        let warnings = churnWarnings(stages: stages, clv: [100, 500, 1000, 900, 50, 80, 70], signals: signals)
        #expect(warnings.map(\.index) == [2, 0, 5, 6, 4])
        #expect(warnings[0].reasons == [.longGap] && abs(warnings[0].valueAtRisk! - 100) < 1e-9)
        #expect(warnings[1].reasons == [.unlikelyAlive, .longGap] && abs(warnings[1].valueAtRisk! - 60) < 1e-9)
        #expect(
            warnings[1].sentence(stages[0].facts, in: .en)
                == "P(alive) 0.40; no purchase for 80 days (usually within 50)")
        #expect(warnings[1].sentence(stages[0].facts, in: .zh) == "活跃概率 0.40；80 天未购买（通常不超过 50 天）")
        #expect(warnings[2].reasons == [.poorlyResolvedComplaint] && warnings[3].reasons == [.fewerInteractions])
        // Without a model P(alive) there is no value at risk: ranked by the gap instead.
        #expect(warnings[4].reasons == [.unresolvedComplaint] && warnings[4].valueAtRisk == nil)
    }

    @Test func everyReasonHasItsSentence() {
        // Every 50 days from 410 to 10 days ago (9 days, own rhythm 50): stable, nothing long.
        // The recent window is 2 rhythms = 100 days: the purchases 60 and 10 days ago, worth 2 each
        // against 10 before: the value fell below half.
        let stable = every50(from: 410, to: 10)
        var values = [Double](repeating: 10, count: stable.count)
        values[values.count - 1] = 2
        values[values.count - 2] = 2
        let falling = assign(stable, values: values, p: 0.8)
        #expect(falling.stage == .decline && falling.rule == .valueFalling)
        let complaint = assign(stable, complaintDaysAgo: 45)
        let stages = [falling, complaint, assign(stable, p: 0.9), assign(stable, p: 0.9)]
        let signals = CustomerSignals(
            poorlyResolvedComplaint: [false, false, true, false], recentInteractions: [3, 3, 3, 1],
            usualInteractions: [3, 3, 3, 3])
        let warnings = churnWarnings(stages: stages, signals: signals)
        let byIndex = Dictionary(uniqueKeysWithValues: warnings.map { ($0.index, $0) })
        #expect(byIndex[0]?.reasons == [.fallingValue])
        #expect(byIndex[0]?.sentence(falling.facts, in: .en) == "spending less than half as much per purchase")
        #expect(byIndex[0]?.sentence(falling.facts, in: .zh) == "近期每次购买额下降过半")
        #expect(byIndex[1]?.sentence(complaint.facts, in: .en) == "a complaint open for 45 days")
        #expect(byIndex[1]?.sentence(complaint.facts, in: .zh) == "投诉 45 天未解决")
        #expect(byIndex[2]?.sentence(stages[2].facts, in: .en) == "complaint resolved poorly")
        #expect(byIndex[2]?.sentence(stages[2].facts, in: .zh) == "投诉处理不满意")
        // 1 recent interaction against a usual 3: under half.
        #expect(byIndex[3]?.sentence(stages[3].facts, in: .en) == "fewer interactions than usual")
        #expect(byIndex[3]?.sentence(stages[3].facts, in: .zh) == "互动少于往常")
    }

    /// The journey walks each customer once, carrying the days, gaps and sums from one month end to
    /// the next; it must give the stages that a fresh classification at every month end gives.
    @Test func theIncrementalJourneyMatchesAFreshClassificationEachMonth() {
        var random = RandomSource(seed: 7)
        var rows: [(id: String, day: Day, value: Double)] = []
        let start = Day(iso: "2021-01-01")!
        for c in 0..<300 {
            var day = start + Int(random.uniform() * 900)
            let count = 1 + Int(random.uniform() * 25)
            let mean = 5 + random.uniform() * 120
            for _ in 0..<count where day <= Self.asOf {
                rows.append((id: "C\(c)", day: day, value: (random.uniform() * 40).rounded()))
                day = day + 1 + Int(random.exponential(rate: 1 / mean))
            }
        }
        let history = PurchaseHistory(rows: rows)
        let journeys = classifier.journeys(history, asOf: Self.asOf)
        let base = classifier.baseRhythm(history, asOf: Self.asOf)
        for i in 0..<history.count {
            let r = history.range(i)
            var months = [Int](repeating: 0, count: LifecycleStage.allCases.count)
            var month = CalendarMonth(history.days[r.lowerBound])
            while month <= CalendarMonth(Self.asOf) {
                let end = month == CalendarMonth(Self.asOf) ? Self.asOf : month.lastDay
                let stage = classifier.assign(
                    days: history.days[r], values: history.values[r], asOf: end, baseRhythm: base
                ).stage
                months[LifecycleStage.allCases.firstIndex(of: stage)!] += 1
                month = month.adding(1)
            }
            #expect(journeys[i].monthsInStage == months, "customer \(history.ids[i])")
        }
    }
}
