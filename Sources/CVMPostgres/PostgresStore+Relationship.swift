import CVMStore
import CustomerValue
import Foundation
import PostgresNIO

/// Interactions, complaints, profiles, owners: the same statements as the SQLite store's (see
/// `Store.customerSignals` and the others for what each figure means), with `NULLS FIRST` where
/// SQLite sorts a NULL first by itself.
extension PostgresStore {
    public func customerSignals(ids: [String], asOf: Day, recentDays: Int, poorSatisfactionShare: Double)
        async throws -> CustomerSignals
    {
        guard (1...3_652_059).contains(recentDays) else {
            throw StoreError(
                .invalidOption, "the recent window must be 1 to 3,652,059 days (year 1 to 9999) long, not \(recentDays)"
            )
        }
        var index: [String: Int] = [:]
        for (i, id) in ids.enumerated() where index[id] == nil { index[id] = i }
        let start = asOf.number - recentDays + 1
        return try await read { s in
            var openSince = [Day?](repeating: nil, count: ids.count)
            var poorly = [Bool](repeating: false, count: ids.count)
            var recent = [Int](repeating: 0, count: ids.count)
            var usual = [Double](repeating: 0, count: ids.count)
            try await s.forEachRow(
                """
                SELECT c.id, g.open_since, g.poor FROM (
                    SELECT customer,
                        MIN(CASE WHEN opened_day <= $1 AND (resolved_day IS NULL OR resolved_day > $1)
                            THEN opened_day END) AS open_since,
                        MAX(CASE WHEN resolved_day <= $1 AND resolved_day > $1 - 365
                            AND satisfaction IS NOT NULL
                            AND (satisfaction - scale_low) / (scale_high - scale_low) <= $2
                            THEN 1 ELSE 0 END) AS poor
                    FROM complaints WHERE opened_day <= $1 GROUP BY customer
                ) g JOIN customers c ON c.key = g.customer
                """, [.int(asOf.number), .double(poorSatisfactionShare)]
            ) { row in
                guard let i = index[try row.text(0)] else { return }
                openSince[i] = try row.optionalInt(1).map(Day.init(number:))
                poorly[i] = (try row.optionalInt(2) ?? 0) != 0
            }
            try await s.forEachRow(
                """
                SELECT c.id, g.first, g.recent, g.earlier FROM (
                    SELECT customer, MIN(day) AS first,
                        SUM(CASE WHEN day >= $2 THEN 1 ELSE 0 END) AS recent,
                        SUM(CASE WHEN day < $2 THEN 1 ELSE 0 END) AS earlier
                    FROM interactions WHERE day <= $1 GROUP BY customer
                ) g JOIN customers c ON c.key = g.customer
                """, [.int(asOf.number), .int(start)]
            ) { row in
                guard let i = index[try row.text(0)] else { return }
                let first = try row.int(1)
                recent[i] = try row.int(2)
                let earlier = try row.int(3)
                if earlier > 0 {
                    let windows = max(1, Double(start - first) / Double(recentDays))
                    usual[i] = Double(earlier) / windows
                }
            }
            return CustomerSignals(
                poorlyResolvedComplaint: poorly, recentInteractions: recent, usualInteractions: usual,
                openComplaintSince: openSince)
        }
    }

    public func interactions(customer id: String) async throws -> [Interaction] {
        let normal = IdentifierText.normalised(id)
        return try await read { s in
            try await s.rows(
                """
                SELECT i.day, i.time, i.channel, i.owner, i.outcome, i.direction, i.stage, i.note
                FROM interactions i WHERE i.customer = (SELECT key FROM customers WHERE id = $1)
                ORDER BY i.day, i.time NULLS FIRST, i.row_key, i.occurrence
                """, [.text(normal)]
            ).map { row in
                Interaction(
                    customerID: normal, day: Day(number: try row.int(0)), time: try row.optionalText(1),
                    channel: InteractionChannel(rawValue: try row.text(2)) ?? .other, owner: try row.optionalText(3),
                    outcome: try row.optionalText(4),
                    direction: try row.optionalText(5).flatMap(InteractionDirection.init(rawValue:)),
                    stage: try row.optionalText(6).flatMap(JourneyStage.init(rawValue:)), note: try row.optionalText(7))
            }
        }
    }

    private static let complaintsSQL = """
        SELECT c.id, x.complaint_id, x.opened_day, x.opened_minute, x.resolved_day, x.resolved_minute, x.category,
            x.severity, x.resolution, x.satisfaction, x.scale_low, x.scale_high, x.channel
        FROM complaints x JOIN customers c ON c.key = x.customer
        """

    private static func complaint(_ row: PostgresRandomAccessRow) throws -> Complaint {
        Complaint(
            customerID: try row.text(0), complaintID: try row.optionalText(1), opened: Day(number: try row.int(2)),
            openedMinute: try row.optionalInt(3), resolved: try row.optionalInt(4).map(Day.init(number:)),
            resolvedMinute: try row.optionalInt(5), category: try row.optionalText(6), severity: try row.optionalInt(7),
            resolution: try row.optionalText(8), satisfaction: try row.optionalDouble(9),
            scale: SatisfactionScale(try row.int(10), try row.int(11)), channel: try row.optionalText(12))
    }

    public func complaints(customer id: String) async throws -> [Complaint] {
        let normal = IdentifierText.normalised(id)
        return try await read { s in
            try await s.rows(
                Self.complaintsSQL + " WHERE x.customer = (SELECT key FROM customers WHERE id = $1)"
                    + " ORDER BY x.opened_day, x.opened_minute NULLS FIRST, x.row_key, x.occurrence",
                [.text(normal)]
            ).map(Self.complaint)
        }
    }

    public func complaints() async throws -> [Complaint] {
        try await read { s in
            try await s.rows(
                Self.complaintsSQL
                    + " ORDER BY x.customer, x.opened_day, x.opened_minute NULLS FIRST, x.row_key, x.occurrence"
            ).map(Self.complaint)
        }
    }

    public func customerProfile(_ id: String) async throws -> CustomerProfile? {
        let normal = IdentifierText.normalised(id)
        return try await read { s in
            guard
                let row = try await s.one(
                    """
                    SELECT id, name, type, email, phone, region, industry, age_band, gender, income_band,
                        acquired_day, channel, owner, tags, birthday
                    FROM customers WHERE id = $1
                    """, [.text(normal)])
            else { return nil }
            var p = CustomerProfile(id: try row.text(0))
            (p.name, p.type, p.email) = (try row.optionalText(1), try row.optionalText(2), try row.optionalText(3))
            (p.phone, p.region, p.industry) = (
                try row.optionalText(4), try row.optionalText(5), try row.optionalText(6)
            )
            (p.ageBand, p.gender, p.incomeBand) = (
                try row.optionalText(7), try row.optionalText(8), try row.optionalText(9)
            )
            p.acquired = try row.optionalInt(10).map(Day.init(number:))
            (p.channel, p.owner, p.tags) = (
                try row.optionalText(11), try row.optionalText(12), try row.optionalText(13)
            )
            p.birthday = try row.optionalInt(14).map(Day.init(number:))
            return p
        }
    }

    public func monthlyValue(customer id: String, through asOf: Day) async throws -> [MonthlyValue] {
        let normal = IdentifierText.normalised(id)
        let days = try await read { s in
            try await s.rows(
                """
                SELECT day, SUM(amount ORDER BY row_key, occurrence) FROM transactions
                WHERE customer = (SELECT key FROM customers WHERE id = $1) AND day <= $2
                GROUP BY day ORDER BY day
                """, [.text(normal), .int(asOf.number)]
            ).map { (try $0.int(0), try $0.double(1)) }
        }
        var months: [MonthlyValue] = []
        for (day, amount) in days {
            let month = CalendarMonth(Day(number: day))
            if months.last?.month == month {
                months[months.count - 1].revenue += amount
                months[months.count - 1].purchaseDays += 1
            } else {
                months.append(MonthlyValue(month: month, revenue: amount, purchaseDays: 1))
            }
        }
        return months
    }

    public func ownerFacts(in window: ClosedRange<Day>) async throws -> OwnerFacts {
        try await read { s in
            var facts = OwnerFacts()
            var index: [Int: Int] = [:]
            try await s.forEachRow("SELECT key, id, owner FROM customers ORDER BY key") { row in
                index[try row.int(0)] = facts.ids.count
                facts.ids.append(try row.text(1))
                facts.owner.append(try row.optionalText(2))
            }
            let n = facts.ids.count
            facts.windowOwners = Array(repeating: [], count: n)
            facts.windowUnowned = Array(repeating: 0, count: n)
            facts.windowInteractions = Array(repeating: 0, count: n)
            facts.lastInteraction = Array(repeating: nil, count: n)
            facts.lastInteractionOwner = Array(repeating: nil, count: n)
            facts.openComplaints = Array(repeating: 0, count: n)
            // SQLite's GROUP BY hands the groups over in (customer, owner) order, NULL owner first;
            // the latest-day rule below depends on that order, so it is asked for.
            try await s.forEachRow(
                """
                SELECT customer, owner, SUM(CASE WHEN day >= $1 THEN 1 ELSE 0 END), MAX(day)
                FROM interactions WHERE day <= $2 GROUP BY customer, owner
                ORDER BY customer, owner NULLS FIRST
                """, [.int(window.lowerBound.number), .int(window.upperBound.number)]
            ) { row in
                guard let i = index[try row.int(0)] else { return }
                let owner = try row.optionalText(1)
                let inWindow = try row.int(2)
                let last = Day(number: try row.int(3))
                facts.windowInteractions[i] += inWindow
                if inWindow > 0 {
                    if let owner { facts.windowOwners[i].append(owner) } else { facts.windowUnowned[i] += inWindow }
                }
                if let previous = facts.lastInteraction[i], previous > last { return }
                if facts.lastInteraction[i] == last, owner == nil { return }
                facts.lastInteraction[i] = last
                facts.lastInteractionOwner[i] = owner
            }
            for i in 0..<n where facts.windowOwners[i].count > 1 { facts.windowOwners[i].sort() }
            try await s.forEachRow(
                """
                SELECT customer, COUNT(*) FROM complaints
                WHERE opened_day <= $1 AND (resolved_day IS NULL OR resolved_day > $1) GROUP BY customer
                """, [.int(window.upperBound.number)]
            ) { row in
                if let i = index[try row.int(0)] { facts.openComplaints[i] = try row.int(1) }
            }
            return facts
        }
    }

    public func analysisResult(run: Int64, customer id: String) async throws -> StoredCustomerResult? {
        try await read { s in
            guard
                let row = try await s.one(
                    """
                    SELECT a.frequency, a.revenue, a.orders, a.first_day, a.last_day, a.recency_days, a.r, a.f,
                        a.m, a.segment, a.p_alive, a.expected_purchases, a.clv, a.value_group, a.tier,
                        a.key_account, a.stage, a.stage_rule, a.pattern, a.lifecycle_p_alive, a.warning_reasons,
                        a.value_at_risk
                    FROM analysis_results a
                    WHERE a.run = $1 AND a.customer = (SELECT key FROM customers WHERE id = $2)
                    """, [.int(Int(run)), .text(IdentifierText.normalised(id))])
            else { return nil }
            return StoredCustomerResult(
                run: run, frequency: try row.double(0), revenue: try row.double(1), orders: try row.int(2),
                firstDay: Day(number: try row.int(3)), lastDay: Day(number: try row.int(4)),
                recencyDays: try row.int(5), r: try row.int(6), f: try row.int(7), m: try row.int(8),
                segment: try row.text(9), probabilityAlive: try row.optionalDouble(10),
                expectedPurchases: try row.optionalDouble(11), clv: try row.optionalDouble(12),
                valueGroup: try row.optionalText(13), tier: try row.optionalText(14),
                keyAccount: try row.optionalInt(15).map { $0 != 0 }, stage: try row.optionalText(16),
                stageRule: try row.optionalText(17), pattern: try row.optionalText(18),
                lifecycleProbabilityAlive: try row.optionalDouble(19), warningReasons: try row.optionalText(20),
                valueAtRisk: try row.optionalDouble(21))
        }
    }

    public func purchaseDays(customer id: String, through asOf: Day) async throws -> [(day: Day, value: Double)] {
        try await read { s in
            try await s.rows(
                """
                SELECT day, SUM(amount) FROM transactions
                WHERE customer = (SELECT key FROM customers WHERE id = $1) AND day <= $2
                GROUP BY day ORDER BY day
                """, [.text(IdentifierText.normalised(id)), .int(asOf.number)]
            ).map { (Day(number: try $0.int(0)), try $0.double(1)) }
        }
    }

    public func taggedSpend(through asOf: Day) async throws -> [TaggedSpend] {
        try await read { s in
            try await s.rows(
                """
                SELECT day, channel, purpose, SUM(amount) FROM marketing
                WHERE purpose IS NOT NULL AND day <= $1
                GROUP BY day, channel, purpose ORDER BY day, channel, purpose
                """, [.int(asOf.number)]
            ).map {
                TaggedSpend(
                    day: Day(number: try $0.int(0)), channel: try $0.optionalText(1), purpose: try $0.text(2),
                    amount: try $0.double(3))
            }
        }
    }

    public func acquisitionFacts() async throws -> [(id: String, channel: String?, acquired: Day?)] {
        try await read { s in
            try await s.rows("SELECT id, channel, acquired_day FROM customers ORDER BY key").map {
                (try $0.text(0), try $0.optionalText(1), try $0.optionalInt(2).map(Day.init(number:)))
            }
        }
    }
}
