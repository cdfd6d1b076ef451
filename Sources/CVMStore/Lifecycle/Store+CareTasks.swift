import CustomerValue
import Foundation
import GRDB

/// A care task to open from a warning: the customer, the reason it is for, every reason, and
/// the value at risk.
public struct CareTaskDraft: Sendable, Equatable {
    public var customerID: String
    public var reasons: [WarningReason]
    public var valueAtRisk: Double?

    public init(customerID: String, reasons: [WarningReason], valueAtRisk: Double?) {
        precondition(!reasons.isEmpty, "a warning has at least one reason")
        self.customerID = customerID
        self.reasons = reasons
        self.valueAtRisk = valueAtRisk
    }
}

/// What an analysis run did to the care tasks.
public struct CareTaskSync: Sendable, Equatable, Codable {
    /// New tasks, warnings that already had an active task for their reason, and active tasks
    /// closed as won back because the customer bought after the task opened.
    public var opened = 0
    public var alreadyOpen = 0
    public var wonBack = 0
    /// Scheduled care (birthdays, anniversaries, follow-ups) the run opened, and occasions that
    /// already had a task; nil for runs made before scheduled care.
    public var scheduled: Int?
    public var scheduledAlready: Int?

    public init() {}
}

/// Which tasks to list; nil is any.
public struct CareTaskFilter: Sendable, Equatable {
    public var owner: String?
    public var status: CareTaskStatus?
    public var customerID: String?
    /// At most this many tasks, the first in the list's order (nil: all).
    public var limit: Int?

    public init(owner: String? = nil, status: CareTaskStatus? = nil, customerID: String? = nil, limit: Int? = nil) {
        self.owner = owner
        self.status = status
        self.customerID = customerID
        self.limit = limit
    }
}

extension CareTaskFilter {
    /// The start of the SQL that counts the tasks (both stores'): the customers are joined only to
    /// match a customer's id.
    public var countSelect: String {
        customerID == nil
            ? "SELECT COUNT(*) FROM care_tasks k"
            : "SELECT COUNT(*) FROM care_tasks k JOIN customers c ON c.key = k.customer"
    }
}

/// A change to a task; nil leaves a field as it is.
public struct CareTaskUpdate: Sendable, Equatable {
    public var status: CareTaskStatus?
    public var note: String?
    public var by: String?
    public var on: Day
    public var lossReason: String?
    public var wonBy: String?

    public init(
        status: CareTaskStatus? = nil, note: String? = nil, by: String? = nil, on: Day, lossReason: String? = nil,
        wonBy: String? = nil
    ) {
        self.status = status
        self.note = note
        self.by = by
        self.on = on
        self.lossReason = lossReason
        self.wonBy = wonBy
    }
}

extension Store {
    /// After an analysis run at `asOf`: closes every active task whose customer bought after the
    /// task opened (won back, on the first such purchase day up to `asOf`), then opens a task for
    /// each draft unless its customer already has an active task for the draft's first reason.
    /// The owner is the customer's `owner`. One transaction; unknown customers are skipped.
    public func syncCareTasks(asOf: Day, run: Int64?, drafts: [CareTaskDraft]) throws -> CareTaskSync {
        try write { db in
            var sync = CareTaskSync()
            try db.execute(
                sql: """
                    UPDATE care_tasks SET status = 'won_back', closed_on = b.day, updated_on = b.day,
                        updated_by = NULL
                    FROM (
                        SELECT k.id AS id, MIN(t.day) AS day FROM care_tasks k
                        JOIN transactions t ON t.customer = k.customer AND t.day > k.opened_on AND t.day <= :asOf
                        WHERE k.status IN ('open', 'contacted') AND k.due_on IS NULL GROUP BY k.id
                    ) AS b
                    WHERE care_tasks.id = b.id
                    """, arguments: ["asOf": asOf.number])
            sync.wonBack = db.changesCount
            let keys = try Self.customerKeys(db, drafts.map(\.customerID))
            let insert = try db.makeStatement(
                sql: """
                    INSERT INTO care_tasks (customer, reason, reasons, value_at_risk, status, owner, opened_on,
                        opened_run)
                    VALUES (?, ?, ?, ?, 'open', ?, ?, ?)
                    ON CONFLICT (customer, reason) WHERE status IN ('open', 'contacted') AND due_on IS NULL DO NOTHING
                    """)
            for draft in drafts {
                guard let customer = keys[draft.customerID] else { continue }
                try insert.execute(arguments: [
                    customer.key, draft.reasons[0].rawValue, draft.reasons.map(\.rawValue).joined(separator: ","),
                    draft.valueAtRisk.flatMap { $0.isFinite ? $0 : nil }, customer.owner, asOf.number, run,
                ])
                if db.changesCount > 0 { sync.opened += 1 } else { sync.alreadyOpen += 1 }
            }
            return sync
        }
    }

    /// The key and owner of each of `ids` on file, looked up one by one in the index on the
    /// business id: a run's tasks name tens of thousands of customers, and reading every customer
    /// of a million into a dictionary took longer than the tasks themselves.
    static func customerKeys(_ db: Database, _ ids: [String]) throws -> [String: (key: Int64, owner: String?)] {
        let lookup = try RawStatement(db, "SELECT key, owner FROM customers WHERE id = ?")
        var keys: [String: (key: Int64, owner: String?)] = [:]
        keys.reserveCapacity(ids.count)
        for id in ids where keys[id] == nil {
            lookup.bind(1, id)
            try lookup.forEachRow {
                keys[id] = (Int64(lookup.int(0)), lookup.isNull(1) ? nil : lookup.text(1))
            }
        }
        return keys
    }

    /// Opens a task for each appointment unless one for the same customer, occasion and date
    /// exists in any status (a run never opens an occasion twice). The owner is the customer's
    /// `owner`, the opening day `asOf`. One transaction; unknown customers are skipped.
    /// - Returns: the tasks opened, and the appointments that already had one.
    public func scheduleCareTasks(asOf: Day, run: Int64?, appointments: [CareAppointment]) throws
        -> (opened: Int, alreadyOpen: Int)
    {
        try write { db in
            let keys = try Self.customerKeys(db, appointments.map(\.customerID))
            let insert = try db.makeStatement(
                sql: """
                    INSERT INTO care_tasks (customer, reason, reasons, status, owner, opened_on, opened_run, due_on)
                    VALUES (?, ?, ?, 'open', ?, ?, ?, ?)
                    ON CONFLICT (customer, reason, due_on) WHERE due_on IS NOT NULL DO NOTHING
                    """)
            var opened = 0
            var already = 0
            for a in appointments {
                guard let customer = keys[a.customerID] else { continue }
                try insert.execute(arguments: [
                    customer.key, a.occasion.rawValue, a.occasion.rawValue, customer.owner, asOf.number, run,
                    a.due.number,
                ])
                if db.changesCount > 0 { opened += 1 } else { already += 1 }
            }
            return (opened, already)
        }
    }

    /// Every customer's birthday on file, in customer-key order (customers without one left out).
    public func birthdays() throws -> [(id: String, birthday: Day)] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT id, birthday FROM customers WHERE birthday IS NOT NULL ORDER BY key")
                .map { ($0[0], Day(number: $0[1])) }
        }
    }

    /// The tasks that pass `filter`, the highest value at risk first among the active ones, then
    /// the newest.
    public func careTasks(_ filter: CareTaskFilter) throws -> [CareTask] {
        let (condition, arguments) = Self.condition(filter)
        return try read { db in
            try Row.fetchAll(
                db,
                sql: Self.taskSelect + """
                     \(condition)
                    ORDER BY k.status NOT IN ('open', 'contacted'), k.value_at_risk IS NULL, k.value_at_risk DESC,
                        k.id DESC
                    \(filter.limit.map { "LIMIT \(max(0, $0))" } ?? "")
                    """,
                arguments: arguments
            ).map(Self.task)
        }
    }

    /// How many tasks pass `filter` (its limit aside), and every owner a task has, in order.
    public func careTaskTally(_ filter: CareTaskFilter) throws -> (count: Int, owners: [String]) {
        let (condition, arguments) = Self.condition(filter)
        return try read { db in
            let count =
                try Int.fetchOne(db, sql: filter.countSelect + " " + condition, arguments: arguments) ?? 0
            let owners = try String.fetchAll(
                db, sql: "SELECT DISTINCT owner FROM care_tasks WHERE owner IS NOT NULL ORDER BY owner")
            return (count, owners)
        }
    }

    private static func condition(_ filter: CareTaskFilter) -> (String, StatementArguments) {
        var clauses: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let owner = filter.owner {
            clauses.append("k.owner = ?")
            arguments.append(owner)
        }
        if let status = filter.status {
            clauses.append("k.status = ?")
            arguments.append(status.rawValue)
        }
        if let id = filter.customerID {
            clauses.append("c.id = ?")
            arguments.append(IdentifierText.normalised(id))
        }
        return (clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND "), StatementArguments(arguments))
    }

    /// The task with this id, or nil.
    public func careTask(_ id: Int64) throws -> CareTask? {
        try read { db in
            try Row.fetchOne(db, sql: Self.taskSelect + " WHERE k.id = ?", arguments: [id]).map(Self.task)
        }
    }

    /// Applies `update` to task `id` and returns the task as it now is. A status change must be one
    /// `CareTaskStatus.next` allows; a closing status records `update.on` as the closing day.
    public func updateCareTask(_ id: Int64, _ update: CareTaskUpdate) throws -> CareTask {
        try write { db in
            guard
                let task = try Row.fetchOne(db, sql: Self.taskSelect + " WHERE k.id = ?", arguments: [id]).map(
                    Self.task)
            else { throw StoreError(.notFound, "there is no care task \(id) in \(path)") }
            var closedOn = task.closedOn
            if let status = update.status, status != task.status {
                guard task.status.next.contains(status) else {
                    throw StoreError(
                        .invalidOption,
                        "care task \(id) is \(task.status.rawValue) and cannot become \(status.rawValue)"
                            + (task.status.isActive ? "" : " (a closed task stays closed)"))
                }
                closedOn = status.isActive ? nil : update.on
            }
            try db.execute(
                sql: """
                    UPDATE care_tasks SET status = ?, note = COALESCE(?, note), updated_by = COALESCE(?, updated_by),
                        updated_on = ?, closed_on = ?, loss_reason = COALESCE(?, loss_reason),
                        won_by = COALESCE(?, won_by)
                    WHERE id = ?
                    """,
                arguments: [
                    (update.status ?? task.status).rawValue, update.note, update.by, update.on.number,
                    closedOn?.number, update.lossReason, update.wonBy, id,
                ])
            return try Row.fetchOne(db, sql: Self.taskSelect + " WHERE k.id = ?", arguments: [id]).map(Self.task)!
        }
    }

    private static let taskSelect = """
        SELECT k.id, c.id, k.reason, k.reasons, k.value_at_risk, k.status, k.owner, k.opened_on, k.opened_run,
            k.updated_on, k.updated_by, k.note, k.closed_on, k.loss_reason, k.won_by, k.due_on
        FROM care_tasks k JOIN customers c ON c.key = k.customer
        """

    private static func task(_ row: Row) -> CareTask {
        let reason = CareReason(rawValue: row[2]) ?? .warning(.longGap)
        let reasons = (row[3] as String).split(separator: ",").compactMap { WarningReason(rawValue: String($0)) }
        let first = reason.warningReason.map { [$0] } ?? []
        var task = CareTask(
            id: row[0], customerID: row[1], reason: reason, reasons: reasons.isEmpty ? first : reasons,
            valueAtRisk: row[4], status: CareTaskStatus(rawValue: row[5]) ?? .open, owner: row[6],
            openedOn: Day(number: row[7]), openedRun: row[8])
        task.updatedOn = (row[9] as Int?).map { Day(number: $0) }
        task.updatedBy = row[10]
        task.note = row[11]
        task.closedOn = (row[12] as Int?).map { Day(number: $0) }
        task.lossReason = row[13]
        task.wonBy = row[14]
        task.dueOn = (row[15] as Int?).map { Day(number: $0) }
        return task
    }
}
