import CustomerValue
import Foundation
import GRDB

extension Store {
    /// The complaint and interaction signals of the customers `ids` at `asOf`, as columns in
    /// `ids` order (an id without complaints or interactions, or unknown, gets nil, false, 0, 0):
    ///
    /// - `openComplaintSince`: the opening day of the oldest complaint opened on or before `asOf`
    ///   and not resolved by then (one resolved after `asOf` was open at `asOf`);
    /// - `poorlyResolvedComplaint`: a complaint resolved in the 365 days ending at `asOf` whose
    ///   satisfaction rating, as a share of its scale (0 = lowest, 1 = highest), is at most
    ///   `poorSatisfactionShare`;
    /// - `recentInteractions`: interactions in the `recentDays` days ending at `asOf`;
    /// - `usualInteractions`: the mean number of interactions per `recentDays`-long window before
    ///   that recent window, counted from the customer's first interaction; the earlier history is
    ///   counted as at least one window, so that one contact a few days before the recent window
    ///   does not read as a high usual rate. 0 without earlier interactions.
    ///
    /// One grouped query over each table, whatever the number of customers.
    ///
    /// - Throws: `StoreError` `.invalidOption` for `recentDays` outside 1…3,652,059.
    public func customerSignals(ids: [String], asOf: Day, recentDays: Int, poorSatisfactionShare: Double) throws
        -> CustomerSignals
    {
        // A window longer than any calendar cvm stores (year 1 to 9999) is a mistake, and would
        // overflow the day arithmetic below.
        guard (1...3_652_059).contains(recentDays) else {
            throw StoreError(
                .invalidOption, "the recent window must be 1 to 3,652,059 days (year 1 to 9999) long, not \(recentDays)"
            )
        }
        var index: [String: Int] = [:]
        for (i, id) in ids.enumerated() where index[id] == nil { index[id] = i }
        var openSince = [Day?](repeating: nil, count: ids.count)
        var poorly = [Bool](repeating: false, count: ids.count)
        var recent = [Int](repeating: 0, count: ids.count)
        var usual = [Double](repeating: 0, count: ids.count)
        let start = asOf.number - recentDays + 1
        try read { db in
            let complaints = try Row.fetchCursor(
                db,
                sql: """
                    SELECT c.id, g.open_since, g.poor FROM (
                        SELECT customer,
                            MIN(CASE WHEN opened_day <= :asOf AND (resolved_day IS NULL OR resolved_day > :asOf)
                                THEN opened_day END) AS open_since,
                            MAX(CASE WHEN resolved_day <= :asOf AND resolved_day > :asOf - 365
                                AND satisfaction IS NOT NULL
                                AND (satisfaction - scale_low) / (scale_high - scale_low) <= :share
                                THEN 1 ELSE 0 END) AS poor
                        FROM complaints WHERE opened_day <= :asOf GROUP BY customer
                    ) g JOIN customers c ON c.key = g.customer
                    """,
                arguments: ["asOf": asOf.number, "share": poorSatisfactionShare])
            while let row = try complaints.next() {
                guard let i = index[row[0]] else { continue }
                let since: Int? = row[1]
                openSince[i] = since.map(Day.init(number:))
                poorly[i] = (row[2] as Int? ?? 0) != 0
            }
            let interactions = try Row.fetchCursor(
                db,
                sql: """
                    SELECT c.id, g.first, g.recent, g.earlier FROM (
                        SELECT customer, MIN(day) AS first,
                            SUM(CASE WHEN day >= :start THEN 1 ELSE 0 END) AS recent,
                            SUM(CASE WHEN day < :start THEN 1 ELSE 0 END) AS earlier
                        FROM interactions WHERE day <= :asOf GROUP BY customer
                    ) g JOIN customers c ON c.key = g.customer
                    """,
                arguments: ["asOf": asOf.number, "start": start])
            while let row = try interactions.next() {
                guard let i = index[row[0]] else { continue }
                let first: Int = row[1]
                recent[i] = row[2]
                let earlier: Int = row[3]
                if earlier > 0 {
                    let windows = max(1, Double(start - first) / Double(recentDays))
                    usual[i] = Double(earlier) / windows
                }
            }
        }
        return CustomerSignals(
            poorlyResolvedComplaint: poorly, recentInteractions: recent, usualInteractions: usual,
            openComplaintSince: openSince)
    }

    /// One customer's interactions, oldest first; none for an unknown id (matched in its normal form).
    public func interactions(customer id: String) throws -> [Interaction] {
        let normal = IdentifierText.normalised(id)
        return try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT i.day, i.time, i.channel, i.owner, i.outcome, i.direction, i.stage, i.note
                    FROM interactions i WHERE i.customer = (SELECT key FROM customers WHERE id = ?)
                    ORDER BY i.day, i.time, i.row_key, i.occurrence
                    """, arguments: [normal]
            ).map { row in
                Interaction(
                    customerID: normal, day: Day(number: row[0]), time: row[1],
                    channel: InteractionChannel(rawValue: row[2]) ?? .other, owner: row[3], outcome: row[4],
                    direction: (row[5] as String?).flatMap(InteractionDirection.init(rawValue:)),
                    stage: (row[6] as String?).flatMap(JourneyStage.init(rawValue:)), note: row[7])
            }
        }
    }

    /// One customer's complaints by opening, oldest first; none for an unknown id.
    public func complaints(customer id: String) throws -> [Complaint] {
        let normal = IdentifierText.normalised(id)
        return try read { db in
            try Row.fetchAll(
                db,
                sql: Self.complaintsSQL + " WHERE x.customer = (SELECT key FROM customers WHERE id = ?)"
                    + " ORDER BY x.opened_day, x.opened_minute, x.row_key, x.occurrence",
                arguments: [normal]
            ).map(Self.complaint)
        }
    }

    /// Every complaint, by customer and opening.
    public func complaints() throws -> [Complaint] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: Self.complaintsSQL + " ORDER BY x.customer, x.opened_day, x.opened_minute, x.row_key, x.occurrence"
            ).map(Self.complaint)
        }
    }

    private static let complaintsSQL = """
        SELECT c.id, x.complaint_id, x.opened_day, x.opened_minute, x.resolved_day, x.resolved_minute, x.category,
            x.severity, x.resolution, x.satisfaction, x.scale_low, x.scale_high, x.channel
        FROM complaints x JOIN customers c ON c.key = x.customer
        """

    private static func complaint(_ row: Row) -> Complaint {
        let resolved: Int? = row[4]
        return Complaint(
            customerID: row[0], complaintID: row[1], opened: Day(number: row[2]), openedMinute: row[3],
            resolved: resolved.map(Day.init(number:)), resolvedMinute: row[5], category: row[6], severity: row[7],
            resolution: row[8], satisfaction: row[9], scale: SatisfactionScale(row[10], row[11]), channel: row[12])
    }

    /// What the customers file says about the customer `id` (matched in its normal form); nil
    /// for an unknown id.
    public func customerProfile(_ id: String) throws -> CustomerProfile? {
        let normal = IdentifierText.normalised(id)
        return try read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT id, name, type, email, phone, region, industry, age_band, gender, income_band,
                            acquired_day, channel, owner, tags, birthday
                        FROM customers WHERE id = ?
                        """, arguments: [normal])
            else { return nil }
            var p = CustomerProfile(id: row[0])
            (p.name, p.type, p.email, p.phone, p.region, p.industry) = (row[1], row[2], row[3], row[4], row[5], row[6])
            (p.ageBand, p.gender, p.incomeBand) = (row[7], row[8], row[9])
            p.acquired = (row[10] as Int?).map(Day.init(number:))
            (p.channel, p.owner, p.tags) = (row[11], row[12], row[13])
            p.birthday = (row[14] as Int?).map(Day.init(number:))
            return p
        }
    }

    /// One customer's net revenue and purchase days per calendar month, through `asOf`, months
    /// without purchases left out; none for an unknown id.
    public func monthlyValue(customer id: String, through asOf: Day) throws -> [MonthlyValue] {
        let normal = IdentifierText.normalised(id)
        let days = try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT day, SUM(amount) FROM transactions
                    WHERE customer = (SELECT key FROM customers WHERE id = ?) AND day <= ?
                    GROUP BY day ORDER BY day
                    """, arguments: [normal, asOf.number])
        }
        var months: [MonthlyValue] = []
        for row in days {
            let month = CalendarMonth(Day(number: row[0]))
            let amount: Double = row[1]
            if months.last?.month == month {
                months[months.count - 1].revenue += amount
                months[months.count - 1].purchaseDays += 1
            } else {
                months.append(MonthlyValue(month: month, revenue: amount, purchaseDays: 1))
            }
        }
        return months
    }

    /// Who holds each customer and who has been in touch with them in `window` (every customer on
    /// file, in key order): one grouped query over the interactions, one over the complaints.
    public func ownerFacts(in window: ClosedRange<Day>) throws -> OwnerFacts {
        try read { db in
            var facts = OwnerFacts()
            var index: [Int64: Int] = [:]
            let customers = try Row.fetchCursor(db, sql: "SELECT key, id, owner FROM customers ORDER BY key")
            while let row = try customers.next() {
                index[row[0]] = facts.ids.count
                facts.ids.append(row[1])
                facts.owner.append(row[2])
            }
            let n = facts.ids.count
            facts.windowOwners = Array(repeating: [], count: n)
            facts.windowUnowned = Array(repeating: 0, count: n)
            facts.windowInteractions = Array(repeating: 0, count: n)
            facts.lastInteraction = Array(repeating: nil, count: n)
            facts.lastInteractionOwner = Array(repeating: nil, count: n)
            facts.openComplaints = Array(repeating: 0, count: n)
            // Per customer and owner: interactions in the window, and the latest day up to its end.
            let owners = try Row.fetchCursor(
                db,
                sql: """
                    SELECT customer, owner, SUM(CASE WHEN day >= :start THEN 1 ELSE 0 END), MAX(day)
                    FROM interactions WHERE day <= :end GROUP BY customer, owner
                    """,
                arguments: ["start": window.lowerBound.number, "end": window.upperBound.number])
            while let row = try owners.next() {
                guard let i = index[row[0]] else { continue }
                let owner: String? = row[1]
                let inWindow: Int = row[2]
                let last = Day(number: row[3])
                facts.windowInteractions[i] += inWindow
                if inWindow > 0 {
                    if let owner { facts.windowOwners[i].append(owner) } else { facts.windowUnowned[i] += inWindow }
                }
                if let previous = facts.lastInteraction[i], previous > last { continue }
                if facts.lastInteraction[i] == last, owner == nil { continue }
                facts.lastInteraction[i] = last
                facts.lastInteractionOwner[i] = owner
            }
            for i in 0..<n where facts.windowOwners[i].count > 1 { facts.windowOwners[i].sort() }
            let open = try Row.fetchCursor(
                db,
                sql: """
                    SELECT customer, COUNT(*) FROM complaints
                    WHERE opened_day <= :end AND (resolved_day IS NULL OR resolved_day > :end) GROUP BY customer
                    """, arguments: ["end": window.upperBound.number])
            while let row = try open.next() {
                if let i = index[row[0]] { facts.openComplaints[i] = row[1] }
            }
            return facts
        }
    }
}
