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
    /// run's predictions, interactions and complaints (latest first), and for key accounts a
    /// contact plan. One call, so that the terminal and the web service show the same view.
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
        let months = try await run { try await store.monthlyValue(customer: profile.id, through: asOf) }

        // The RFM row at `asOf` and the key-account rule need every customer (quintiles, ranks).
        var summary: CustomerView.Summary?
        var keyAccount = false
        if let range, range.lowerBound <= asOf {
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
        let predictions = try await latestPredictions(for: profile.id)
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
            interactions: interactions.filter { $0.day <= asOf }.reversed(),
            complaints: complaints.filter { $0.opened <= asOf }.reversed(), keyAccount: keyAccount, visitPlan: plan,
            overdueComplaints: keyAccount ? overdue.reversed() : [], targetHours: defaults.complaintTargetHours,
            database: store.path)
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

    /// The customer's predictions in the latest stored analysis run, if it has them.
    private func latestPredictions(for id: String) async throws -> CustomerView.Predictions? {
        guard let latest = try await run({ try await store.analysisRuns() }).max(by: { $0.id < $1.id }) else {
            return nil
        }
        let results = try await run { try await store.analysisResults(latest.id) }.results
        guard let i = results.ids.firstIndex(of: id) else { return nil }
        let settings = try? AnalysisSettings.decode(latest.settings, run: latest.id)
        return CustomerView.Predictions(
            run: latest.id, runAsOf: latest.asOf, horizonMonths: settings?.horizonMonths,
            probabilityAlive: results.probabilityAlive?[i],
            expectedPurchases: results.expectedPurchases?[i], clv: results.clv?[i])
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

    /// Every fact of the view as (section, date, field, value), in the order of the document.
    public var facts: [[String]] {
        var rows: [[String]] = []
        func add(_ section: String, _ date: String, _ field: String, _ value: String?) {
            if let value, !value.isEmpty { rows.append([section, date, field, value]) }
        }
        let p = profile
        for (field, value) in [
            ("id", p.id), ("name", p.name), ("type", p.type), ("email", p.email), ("phone", p.phone),
            ("region", p.region), ("industry", p.industry), ("age_band", p.ageBand), ("gender", p.gender),
            ("income_band", p.incomeBand), ("acquired", p.acquired?.description), ("channel", p.channel),
            ("owner", p.owner), ("tags", p.tags), ("key_account", keyAccount ? "1" : "0"),
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
        }
        return rows
    }

    /// `{as_of, profile: {…}, key_account, months: […], summary?, predictions?, interactions: […],
    /// complaints: […], visit_plan?}`.
    public var document: Document { Document(self) }

    public struct Document: Encodable, Sendable {
        public struct Profile: Encodable, Sendable {
            public let id: String
            public let name, type, email, phone, region, industry, ageBand, gender, incomeBand, acquired: String?
            public let channel, owner, tags: String?
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
        }
        public let asOf: String
        public let profile: Profile
        public let keyAccount: Bool
        public let months: [Month]
        public let summary: Summary?
        public let predictions: Predictions?
        public let interactions: [InteractionRow]
        public let complaints: [ComplaintRow]
        public let visitPlan: Plan?

        init(_ v: CustomerView) {
            asOf = v.asOf.description
            let p = v.profile
            profile = Profile(
                id: p.id, name: p.name, type: p.type, email: p.email, phone: p.phone, region: p.region,
                industry: p.industry, ageBand: p.ageBand, gender: p.gender, incomeBand: p.incomeBand,
                acquired: p.acquired?.description, channel: p.channel, owner: p.owner, tags: p.tags)
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
                    overdueComplaints: v.overdueComplaints.map(row))
            }
        }
    }
}
