import CVMStore
import CustomerValue
import Foundation

/// Which customer the 360 view shows, at which date.
public struct CustomerRequest: Equatable, Sendable {
    /// The customer's id (matched as imports match ids: trimmed, in normal form).
    public var id: String
    /// The day the view is seen from (default: the last transaction day, or the customer's latest
    /// interaction or complaint when there are no transactions).
    public var asOf: Day?

    public init(id: String, asOf: Day? = nil) {
        self.id = id
        self.asOf = asOf
    }
}

extension Workspace {
    /// The customer 360: profile, value history by month, the RFM summary, the latest analysis
    /// run's predictions, the lifecycle stage with its explanation and the warning, the care tasks,
    /// interactions and complaints (latest first), and for key accounts a visit plan.
    /// One call, so that the terminal and the web service show the same view.
    ///
    /// Cheap when an analysis run exists at the view's date: the summary, key-account flag, stage
    /// and warning are that run's row for the customer (one lookup), and the explanation is
    /// recomputed from the customer's own purchases with the run's P(alive) and base rhythm.
    /// Without such a run they are computed over every customer (quintiles, ranks and the
    /// purchase model need them all).
    ///
    /// - Throws: `AppError` `.notFound` for an unknown id, `.invalidRequest` for an empty one.
    public func customer(_ request: CustomerRequest) async throws -> CustomerView {
        let id = request.id.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !id.isEmpty else { throw AppError(.invalidRequest, "no customer id given") }
        guard let profile = try await run({ try await store.customerProfile(id) }) else {
            throw AppError(
                .notFound, "there is no customer \"\(id)\" in \(store.path)", facts: [AppError.Fact("customer", id)])
        }
        let interactions = try await run { try await store.interactions(customer: profile.id) }
        let complaints = try await run { try await store.complaints(customer: profile.id) }
        let range = try await run { try await store.transactionDayRange() }
        let own = (interactions.map(\.day) + complaints.flatMap { [$0.opened, $0.resolved].compactMap { $0 } }).max()
        let asOf = request.asOf ?? range?.upperBound ?? own ?? ImportClock.today()
        let purchases = try await run { try await store.purchaseDays(customer: profile.id, through: asOf) }
        let months = Self.months(purchases)

        // The run at the view's date, if there is one: its row is the customer's summary, stage and warning.
        let runs = try await run { try await store.analysisRuns() }
        let runAtDate = runs.last { $0.asOf == asOf }
        var stored: StoredCustomerResult?
        if let r = runAtDate {
            stored = try await run { try await store.analysisResult(run: r.id, customer: profile.id) }
        }
        var summary: CustomerView.Summary?
        var keyAccount = false
        if let stored {
            summary = CustomerView.Summary(
                orders: stored.orders, purchaseDays: purchases.count, revenue: stored.revenue,
                firstPurchase: stored.firstDay, lastPurchase: stored.lastDay, recencyDays: stored.recencyDays,
                r: stored.r, f: stored.f, m: stored.m, segment: stored.segment)
            keyAccount = stored.keyAccount ?? false
        } else if let range, range.lowerBound <= asOf, !purchases.isEmpty {
            // The RFM row at `asOf` and the key-account rule need every customer (quintiles, ranks).
            let segments = try await self.segments(SegmentsRequest(asOf: asOf))
            if let i = segments.summary.ids.firstIndex(of: profile.id) {
                let sc = segments.segmentation.scores
                let s = segments.summary
                summary = CustomerView.Summary(
                    orders: s.orders[i], purchaseDays: sc.purchases[i], revenue: s.revenue[i],
                    firstPurchase: s.firstDay[i],
                    lastPurchase: s.lastDay[i], recencyDays: sc.recencyDays[i], r: sc.r[i], f: sc.f[i], m: sc.m[i],
                    segment: segments.segmentation.keys[i])
            }
            keyAccount = try await keyAccountIDs(asOf: asOf).contains(profile.id)
        }
        let latest = runs.max(by: { $0.id < $1.id })
        var predictions: CustomerView.Predictions?
        if let r = latest {
            predictions = try await latestPredictions(r, row: r.id == stored?.run ? stored : nil, for: profile.id)
        }
        let lifecycle = try await customerLifecycle(
            id: profile.id, asOf: asOf, purchases: purchases, complaints: complaints, run: runAtDate, stored: stored)
        let tasks = try await run { try await store.careTasks(CareTaskFilter(customerID: profile.id)) }
        let plan =
            keyAccount
            ? VisitPlan(
                contactDays: interactions.map(\.day), asOf: asOf, fallbackIntervalDays: defaults.visitIntervalDays)
            : nil
        let overdue = complaints.filter {
            $0.isOpen(at: asOf) && $0.hoursOpen(at: asOf) > defaults.complaintTargetHours
        }
        return CustomerView(
            asOf: asOf, profile: profile, months: months, summary: summary, predictions: predictions,
            lifecycle: lifecycle, tasks: tasks,
            interactions: interactions.filter { $0.day <= asOf }.reversed(),
            complaints: complaints.filter { $0.opened <= asOf }.reversed(), keyAccount: keyAccount, visitPlan: plan,
            overdueComplaints: keyAccount ? overdue.reversed() : [], targetHours: defaults.complaintTargetHours,
            database: store.path)
    }

    /// Revenue and purchase days per calendar month from ascending purchase days.
    static func months(_ purchases: [(day: Day, value: Double)]) -> [MonthlyValue] {
        var months: [MonthlyValue] = []
        for p in purchases {
            let month = CalendarMonth(p.day)
            if months.last?.month == month {
                months[months.count - 1].revenue += p.value
                months[months.count - 1].purchaseDays += 1
            } else {
                months.append(MonthlyValue(month: month, revenue: p.value, purchaseDays: 1))
            }
        }
        return months
    }

    /// The customer's stage, pattern and warning at `asOf`: from the run at that date when it
    /// stored the lifecycle and its base rhythm (the facts recomputed from the customer's own
    /// purchases with the run's P(alive)), else from the lifecycle of every customer computed now.
    /// Nil when no lifecycle can be had (no purchase at all in the database).
    private func customerLifecycle(
        id: String, asOf: Day, purchases: [(day: Day, value: Double)], complaints: [Complaint],
        run runAtDate: AnalysisRun?, stored: StoredCustomerResult?
    ) async throws -> CustomerView.Lifecycle? {
        let openSince = complaints.filter { $0.isOpen(at: asOf) }.map(\.opened).min()
        if let runAtDate, let stored, let stageName = stored.stage, let stage = LifecycleStage(rawValue: stageName),
            let settings = try? AnalysisSettings.decode(runAtDate.settings, run: runAtDate.id),
            let rules = settings.lifecycleRules, let base = settings.lifecycleBaseRhythmDays
        {
            let days = purchases.map(\.day)
            let values = purchases.map(\.value)
            let assignment = LifecycleClassifier(rules: rules).assign(
                days: days[...], values: values[...], asOf: asOf, baseRhythm: base,
                probabilityAlive: stored.lifecycleProbabilityAlive, openComplaintSince: openSince)
            let reasons = (stored.warningReasons ?? "").split(separator: ",").compactMap {
                WarningReason(rawValue: String($0))
            }
            let facts = assignment.facts
            let warning =
                reasons.isEmpty
                ? nil
                : ChurnWarning(
                    index: 0, reasons: reasons, churnProbability: facts.probabilityAlive.map { min(max(1 - $0, 0), 1) },
                    valueAtRisk: stored.valueAtRisk,
                    gapRatio: facts.rhythmDays.map { Double(facts.daysSinceLastPurchase) / $0 })
            return CustomerView.Lifecycle(
                run: runAtDate.id, assignment: assignment, runStage: stage == assignment.stage ? nil : stage,
                pattern: stored.pattern.flatMap(LifecyclePattern.init(rawValue:)),
                pAliveModel: AnalysisOverview.decode(runAtDate.overview)?.pAliveModel.map {
                    AliveModel(model: $0).name
                },
                clv: stored.clv, warning: warning)
        }
        let inputs: LifecycleInputs
        do {
            inputs = try await lifecycleInputs(asOf: asOf)
        } catch let error as AppError where error.code == .noData {
            return nil
        }
        let result = try await lifecycle(inputs, rules: defaults.lifecycleRules, patterns: false)
        guard let i = result.ids.firstIndex(of: id) else { return nil }
        let warned = warnings(result, rules: defaults.warningRules, top: nil)
        return CustomerView.Lifecycle(
            run: nil, assignment: result.assignments[i], runStage: nil, pattern: nil,
            pAliveModel: result.alive.model == nil ? nil : result.alive.name, clv: result.clv?[i],
            warning: warned.warnings.first { $0.index == i })
    }

    /// The ids of the key accounts at `asOf` by the tiers' rule (`Defaults.keyAccounts` customers
    /// ranked by `Defaults.keyAccountsBy`, over all transactions to `asOf`).
    func keyAccountIDs(asOf: Day) async throws -> Set<String> {
        let windows = try await valueWindows(asOf: asOf, currentWindowMonths: Double(defaults.currentWindowMonths))
        let p = try await run {
            try Profitability(
                windows: windows, margin: defaults.margin, shares: defaults.tierShares,
                keyAccounts: defaults.keyAccounts, keyAccountsBy: defaults.keyAccountsBy)
        }
        return Set(p.keyAccounts.map { p.ids[$0] })
    }

    /// The customer's predictions in the latest stored analysis run (`row`: their row of it when
    /// already read), if it has them.
    private func latestPredictions(
        _ latest: AnalysisRun, row: StoredCustomerResult?, for id: String
    ) async throws -> CustomerView.Predictions? {
        var found = row
        if found == nil { found = try await run { try await store.analysisResult(run: latest.id, customer: id) } }
        guard let x = found else { return nil }
        let settings = try? AnalysisSettings.decode(latest.settings, run: latest.id)
        return CustomerView.Predictions(
            run: latest.id, runAsOf: latest.asOf, horizonMonths: settings?.horizonMonths,
            probabilityAlive: x.probabilityAlive, expectedPurchases: x.expectedPurchases, clv: x.clv)
    }
}

/// Today in UTC, for views of a database without dates of its own.
enum ImportClock {
    static func today() -> Day { Day(number: Int((Date().timeIntervalSince1970 / 86_400).rounded(.down))) }
}

/// The customer 360, with CSV rows (one fact per row: section, date, field, value) and the JSON document.
public struct CustomerView: Sendable, Tabular {
    /// The customer's purchases at the as-of date, and their RFM scores among all customers.
    public struct Summary: Equatable, Sendable {
        public var orders: Int
        public var purchaseDays: Int
        public var revenue: Double
        public var firstPurchase: Day
        public var lastPurchase: Day
        public var recencyDays: Int
        public var r: Int
        public var f: Int
        public var m: Int
        public var segment: String
    }

    /// What the latest stored analysis run predicted for the customer (nil fields: that step was skipped).
    public struct Predictions: Equatable, Sendable {
        public var run: Int64
        public var runAsOf: Day
        /// The horizon of the expected purchases and the CLV (nil when the run's settings are unreadable).
        public var horizonMonths: Int?
        public var probabilityAlive: Double?
        public var expectedPurchases: Double?
        public var clv: Double?
    }

    public let asOf: Day
    public let profile: CustomerProfile
    public let months: [MonthlyValue]
    public let summary: Summary?
    public let predictions: Predictions?

    /// The customer's lifecycle stage at the as-of date, with the facts it was decided from, the
    /// pattern and the churn warning (nil without a warning).
    public struct Lifecycle: Equatable, Sendable {
        /// The analysis run the stage and warning come from; nil when computed for this view.
        public var run: Int64?
        public var assignment: StageAssignment
        /// The stage the run stored when the customer's data changed since and gives another one now.
        public var runStage: LifecycleStage?
        /// Nil when not computed (the view computes no journey; a run stores it).
        public var pattern: LifecyclePattern?
        /// The model P(alive) came from (MBG/NBD or Pareto/NBD), nil when none converged.
        public var pAliveModel: String?
        public var clv: Double?
        public var warning: ChurnWarning?
    }
    public let lifecycle: Lifecycle?
    /// The customer's care tasks, active ones first (the store's order).
    public let tasks: [CareTask]
    /// Latest first.
    public let interactions: [Interaction]
    public let complaints: [Complaint]
    public let keyAccount: Bool
    /// For key accounts only.
    public let visitPlan: VisitPlan?
    /// Complaints of a key account open longer than the target (follow-ups that are overdue).
    public let overdueComplaints: [Complaint]
    public let targetHours: Double
    public let database: String

    public var columns: [String] { ["section", "date", "field", "value"] }
    public var rowCount: Int { facts.count }
    public func fields(_ i: Int) -> [String] { facts[i] }

    /// The CSV rows with the explanation and warning texts in `language`.
    public func rows(in language: Language) -> Rows { Rows(facts: facts(in: language)) }

    public struct Rows: Tabular, Sendable {
        let facts: [[String]]
        public var columns: [String] { ["section", "date", "field", "value"] }
        public var rowCount: Int { facts.count }
        public func fields(_ i: Int) -> [String] { facts[i] }
    }

    /// The care tasks still being worked on (open or contacted).
    public var activeTasks: [CareTask] { tasks.filter { $0.status.isActive } }

    /// Every fact of the view as (section, date, field, value), in the order of the document;
    /// texts in English.
    public var facts: [[String]] { facts(in: .en) }

    /// Every fact of the view, with the explanation and the warning's sentence in `language`.
    public func facts(in language: Language) -> [[String]] {
        var rows: [[String]] = []
        func add(_ section: String, _ date: String, _ field: String, _ value: String?) {
            if let value, !value.isEmpty { rows.append([section, date, field, value]) }
        }
        let p = profile
        for (field, value) in [
            ("id", p.id), ("name", p.name), ("type", p.type), ("email", p.email), ("phone", p.phone),
            ("region", p.region), ("industry", p.industry), ("age_band", p.ageBand), ("gender", p.gender),
            ("income_band", p.incomeBand), ("acquired", p.acquired?.description), ("channel", p.channel),
            ("owner", p.owner), ("tags", p.tags), ("birthday", p.birthday?.description),
            ("key_account", keyAccount ? "1" : "0"),
        ] {
            add("profile", "", field, value)
        }
        for m in months {
            add("month", m.month.description, "revenue", Number.exact(m.revenue))
            add("month", m.month.description, "purchase_days", String(m.purchaseDays))
        }
        if let s = summary {
            for (field, value) in [
                ("orders", String(s.orders)), ("purchase_days", String(s.purchaseDays)),
                ("revenue", Number.exact(s.revenue)), ("first_purchase", s.firstPurchase.description),
                ("last_purchase", s.lastPurchase.description), ("recency_days", String(s.recencyDays)),
                ("r", String(s.r)), ("f", String(s.f)), ("m", String(s.m)), ("segment", s.segment),
            ] {
                add("summary", asOf.description, field, value)
            }
        }
        if let x = predictions {
            add("prediction", x.runAsOf.description, "run", String(x.run))
            add("prediction", x.runAsOf.description, "horizon_months", x.horizonMonths.map(String.init))
            add("prediction", x.runAsOf.description, "p_alive", x.probabilityAlive.map(Number.exact))
            add("prediction", x.runAsOf.description, "expected_purchases", x.expectedPurchases.map(Number.exact))
            add("prediction", x.runAsOf.description, "clv", x.clv.map(Number.exact))
        }
        if let l = lifecycle {
            let a = l.assignment
            let f = a.facts
            let date = asOf.description
            add("lifecycle", date, "stage", a.stage.rawValue)
            add("lifecycle", date, "rule", a.rule.rawValue)
            add("lifecycle", date, "explanation", a.explanation(in: language))
            add("lifecycle", date, "run", l.run.map(String.init))
            add("lifecycle", date, "run_stage", l.runStage?.rawValue)
            add("lifecycle", date, "pattern", l.pattern?.rawValue)
            add("lifecycle", date, "p_alive_model", l.pAliveModel)
            add("lifecycle", date, "p_alive", f.probabilityAlive.map(Number.exact))
            add(
                "lifecycle", date, "days_since_last_purchase",
                f.purchaseDays > 0 ? String(f.daysSinceLastPurchase) : nil)
            add("lifecycle", date, "rhythm_days", f.rhythmDays.map(Number.exact))
            if let w = l.warning {
                add("warning", date, "reasons", w.reasons.map(\.rawValue).joined(separator: ";"))
                add("warning", date, "reason_text", w.sentence(f, in: language))
                add("warning", date, "p_churn", w.churnProbability.map(Number.exact))
                add("warning", date, "clv", l.clv.map(Number.exact))
                add("warning", date, "value_at_risk", w.valueAtRisk.map(Number.exact))
            }
        }
        for t in tasks {
            let date = t.openedOn.description
            add("task", date, "task_id", String(t.id))
            add("task", date, "status", t.status.rawValue)
            add("task", date, "reason", t.reason.rawValue)
            add("task", date, "reason_text", t.reason.name(in: language))
            add("task", date, "due_on", t.dueOn?.description)
            add("task", date, "owner", t.owner)
            add("task", date, "value_at_risk", t.valueAtRisk.map(Number.exact))
            add("task", date, "closed_on", t.closedOn?.description)
            add("task", date, "note", t.note)
        }
        for x in interactions {
            let date = x.day.description + (x.time.map { " " + $0 } ?? "")
            add("interaction", date, "channel", x.channel.rawValue)
            add("interaction", date, "owner", x.owner)
            add("interaction", date, "outcome", x.outcome)
            add("interaction", date, "direction", x.direction?.rawValue)
            add("interaction", date, "stage", x.stage?.rawValue)
            add("interaction", date, "note", x.note)
        }
        for c in complaints {
            let date = c.opened.description
            add("complaint", date, "complaint_id", c.complaintID)
            add("complaint", date, "category", c.category)
            add("complaint", date, "severity", c.severity.map(String.init))
            add("complaint", date, "resolved", c.isResolved(at: asOf) ? c.resolved?.description : "open")
            add(
                "complaint", date, "resolution_hours",
                c.isResolved(at: asOf) ? c.resolutionHours.map(Number.exact) : nil)
            add("complaint", date, "resolution", c.resolution)
            add("complaint", date, "satisfaction", c.satisfaction.map { "\(Number.exact($0)) (\(c.scale))" })
        }
        if let v = visitPlan {
            add("visit_plan", asOf.description, "last_contact", v.lastContact?.description)
            add("visit_plan", asOf.description, "days_since_last_contact", v.daysSinceLastContact.map(String.init))
            add("visit_plan", asOf.description, "interval_days", Number.exact(v.intervalDays))
            add("visit_plan", asOf.description, "interval_source", v.intervalIsUsual ? "usual" : "default")
            add("visit_plan", asOf.description, "next_contact", v.nextContact.description)
            add("visit_plan", asOf.description, "overdue_days", String(v.overdueDays))
            for c in overdueComplaints {
                add("visit_plan", c.opened.description, "overdue_complaint", c.complaintID ?? c.category ?? "open")
            }
            for t in activeTasks {
                add("visit_plan", (t.dueOn ?? t.openedOn).description, "active_task", String(t.id))
            }
        }
        return rows
    }

    /// `{as_of, profile: {…}, key_account, months: […], summary?, predictions?, lifecycle?, tasks: […],
    /// interactions: […], complaints: […], visit_plan?}`; texts in English.
    public var document: Document { Document(self, .en) }

    /// The document with the explanation and the warning's sentence in `language`.
    public func document(in language: Language) -> Document { Document(self, language) }

    public struct Document: Encodable, Sendable {
        public struct Profile: Encodable, Sendable {
            public let id: String
            public let name, type, email, phone, region, industry, ageBand, gender, incomeBand, acquired: String?
            public let channel, owner, tags, birthday: String?
        }
        public struct Month: Encodable, Sendable {
            public let month: String
            public let revenue: Double
            public let purchaseDays: Int
        }
        public struct Summary: Encodable, Sendable {
            public let orders, purchaseDays: Int
            public let revenue: Double
            public let firstPurchase, lastPurchase: String
            public let recencyDays, r, f, m: Int
            public let segment: String
        }
        public struct Predictions: Encodable, Sendable {
            public let run: Int64
            public let runAsOf: String
            public let horizonMonths: Int?
            public let pAlive, expectedPurchases, clv: Double?
        }
        public struct LifecycleRow: Encodable, Sendable {
            public let run: Int64?
            public let stage, rule, explanation: String
            public let runStage, pattern, pAliveModel: String?
            public let facts: LifecycleFacts
            public let warning: Warning?
        }
        public struct Warning: Encodable, Sendable {
            public let reasons: [String]
            public let reasonText: String
            public let pChurn, clv, valueAtRisk, gapRatio: Double?
        }
        public struct InteractionRow: Encodable, Sendable {
            public let date: String
            public let time: String?
            public let channel: String
            public let owner, outcome, direction, stage, note: String?
        }
        public struct ComplaintRow: Encodable, Sendable {
            public let complaintID: String?
            public let opened: String
            public let resolved: String?
            public let open: Bool
            public let resolutionHours: Double?
            public let category: String?
            public let severity: Int?
            public let resolution: String?
            public let satisfaction: Double?
            public let satisfactionScale: String
            public let channel: String?
        }
        public struct Plan: Encodable, Sendable {
            public let lastContact: String?
            public let daysSinceLastContact: Int?
            public let intervalDays: Double
            public let intervalSource: String
            public let nextContact: String
            public let overdueDays: Int
            public let overdueComplaints: [ComplaintRow]
            /// Ids of the care tasks still open or contacted.
            public let activeTasks: [Int64]
        }
        public let asOf: String
        public let profile: Profile
        public let keyAccount: Bool
        public let months: [Month]
        public let summary: Summary?
        public let predictions: Predictions?
        public let lifecycle: LifecycleRow?
        public let tasks: [TaskDocument]
        public let interactions: [InteractionRow]
        public let complaints: [ComplaintRow]
        public let visitPlan: Plan?

        init(_ v: CustomerView, _ language: Language) {
            asOf = v.asOf.description
            let p = v.profile
            profile = Profile(
                id: p.id, name: p.name, type: p.type, email: p.email, phone: p.phone, region: p.region,
                industry: p.industry, ageBand: p.ageBand, gender: p.gender, incomeBand: p.incomeBand,
                acquired: p.acquired?.description, channel: p.channel, owner: p.owner, tags: p.tags,
                birthday: p.birthday?.description)
            keyAccount = v.keyAccount
            months = v.months.map {
                Month(month: $0.month.description, revenue: $0.revenue, purchaseDays: $0.purchaseDays)
            }
            summary = v.summary.map {
                Summary(
                    orders: $0.orders, purchaseDays: $0.purchaseDays, revenue: $0.revenue,
                    firstPurchase: $0.firstPurchase.description, lastPurchase: $0.lastPurchase.description,
                    recencyDays: $0.recencyDays, r: $0.r, f: $0.f, m: $0.m, segment: $0.segment)
            }
            predictions = v.predictions.map {
                Predictions(
                    run: $0.run, runAsOf: $0.runAsOf.description, horizonMonths: $0.horizonMonths,
                    pAlive: $0.probabilityAlive,
                    expectedPurchases: $0.expectedPurchases, clv: $0.clv)
            }
            lifecycle = v.lifecycle.map { l in
                let a = l.assignment
                return LifecycleRow(
                    run: l.run, stage: a.stage.rawValue, rule: a.rule.rawValue,
                    explanation: a.explanation(in: language), runStage: l.runStage?.rawValue,
                    pattern: l.pattern?.rawValue, pAliveModel: l.pAliveModel, facts: a.facts,
                    warning: l.warning.map { w in
                        Warning(
                            reasons: w.reasons.map(\.rawValue), reasonText: w.sentence(a.facts, in: language),
                            pChurn: w.churnProbability, clv: l.clv, valueAtRisk: w.valueAtRisk, gapRatio: w.gapRatio)
                    })
            }
            tasks = v.tasks.map { TaskDocument($0, in: language) }
            interactions = v.interactions.map {
                InteractionRow(
                    date: $0.day.description, time: $0.time, channel: $0.channel.rawValue, owner: $0.owner,
                    outcome: $0.outcome, direction: $0.direction?.rawValue, stage: $0.stage?.rawValue, note: $0.note)
            }
            let asOf = v.asOf
            func row(_ c: Complaint) -> ComplaintRow {
                let resolved = c.isResolved(at: asOf)
                return ComplaintRow(
                    complaintID: c.complaintID, opened: c.opened.description,
                    resolved: resolved ? c.resolved?.description : nil, open: !resolved,
                    resolutionHours: resolved ? c.resolutionHours : nil, category: c.category, severity: c.severity,
                    resolution: c.resolution, satisfaction: c.satisfaction, satisfactionScale: c.scale.description,
                    channel: c.channel)
            }
            complaints = v.complaints.map(row)
            visitPlan = v.visitPlan.map { plan in
                Plan(
                    lastContact: plan.lastContact?.description, daysSinceLastContact: plan.daysSinceLastContact,
                    intervalDays: plan.intervalDays, intervalSource: plan.intervalIsUsual ? "usual" : "default",
                    nextContact: plan.nextContact.description, overdueDays: plan.overdueDays,
                    overdueComplaints: v.overdueComplaints.map(row), activeTasks: v.activeTasks.map(\.id))
            }
        }
    }
}
