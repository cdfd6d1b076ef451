import CVMStore
import CustomerValue
import Foundation
import PostgresNIO

/// Care tasks, the web service's people and tokens, the customer list and deletion: the SQLite
/// store's statements and rules (see `Store`), in PostgreSQL's dialect.
extension PostgresStore {
    public func syncCareTasks(asOf: Day, run: Int64?, drafts: [CareTaskDraft]) async throws -> CareTaskSync {
        try await write { s in
            var sync = CareTaskSync()
            sync.wonBack = try await s.changes(
                """
                UPDATE care_tasks SET status = 'won_back', closed_on = b.day, updated_on = b.day, updated_by = NULL
                FROM (
                    SELECT k.id AS id, MIN(t.day) AS day FROM care_tasks k
                    JOIN transactions t ON t.customer = k.customer AND t.day > k.opened_on AND t.day <= $1
                    WHERE k.status IN ('open', 'contacted') AND k.due_on IS NULL GROUP BY k.id
                ) AS b
                WHERE care_tasks.id = b.id
                """, [.int(asOf.number)])
            var keys: [String: (key: Int, owner: String?)] = [:]
            try await s.forEachRow("SELECT key, id, owner FROM customers") { row in
                keys[try row.text(1)] = (try row.int(0), try row.optionalText(2))
            }
            for draft in drafts {
                guard let customer = keys[draft.customerID] else { continue }
                let inserted = try await s.changes(
                    """
                    INSERT INTO care_tasks (customer, reason, reasons, value_at_risk, status, owner, opened_on,
                        opened_run)
                    VALUES ($1, $2, $3, $4, 'open', $5, $6, $7)
                    ON CONFLICT (customer, reason) WHERE status IN ('open', 'contacted') AND due_on IS NULL DO NOTHING
                    """,
                    [
                        .int(customer.key), .text(draft.reasons[0].rawValue),
                        .text(draft.reasons.map(\.rawValue).joined(separator: ",")),
                        .double(draft.valueAtRisk.flatMap { $0.isFinite ? $0 : nil }), .text(customer.owner),
                        .int(asOf.number), .int(run.map(Int.init)),
                    ])
                if inserted > 0 { sync.opened += 1 } else { sync.alreadyOpen += 1 }
            }
            return sync
        }
    }

    public func scheduleCareTasks(asOf: Day, run: Int64?, appointments: [CareAppointment]) async throws
        -> (opened: Int, alreadyOpen: Int)
    {
        try await write { s in
            var keys: [String: (key: Int, owner: String?)] = [:]
            try await s.forEachRow("SELECT key, id, owner FROM customers") { row in
                keys[try row.text(1)] = (try row.int(0), try row.optionalText(2))
            }
            var opened = 0
            var already = 0
            for a in appointments {
                guard let customer = keys[a.customerID] else { continue }
                let inserted = try await s.changes(
                    """
                    INSERT INTO care_tasks (customer, reason, reasons, status, owner, opened_on, opened_run, due_on)
                    VALUES ($1, $2, $3, 'open', $4, $5, $6, $7)
                    ON CONFLICT (customer, reason, due_on) WHERE due_on IS NOT NULL DO NOTHING
                    """,
                    [
                        .int(customer.key), .text(a.occasion.rawValue), .text(a.occasion.rawValue),
                        .text(customer.owner), .int(asOf.number), .int(run.map(Int.init)), .int(a.due.number),
                    ])
                if inserted > 0 { opened += 1 } else { already += 1 }
            }
            return (opened, already)
        }
    }

    public func birthdays() async throws -> [(id: String, birthday: Day)] {
        try await read { s in
            try await s.rows("SELECT id, birthday FROM customers WHERE birthday IS NOT NULL ORDER BY key").map {
                (try $0.text(0), Day(number: try $0.int(1)))
            }
        }
    }

    private static let taskSelect = """
        SELECT k.id, c.id, k.reason, k.reasons, k.value_at_risk, k.status, k.owner, k.opened_on, k.opened_run,
            k.updated_on, k.updated_by, k.note, k.closed_on, k.loss_reason, k.won_by, k.due_on
        FROM care_tasks k JOIN customers c ON c.key = k.customer
        """

    private static func task(_ row: PostgresRandomAccessRow) throws -> CareTask {
        let reason = CareReason(rawValue: try row.text(2)) ?? .warning(.longGap)
        let reasons = try row.text(3).split(separator: ",").compactMap { WarningReason(rawValue: String($0)) }
        let first = reason.warningReason.map { [$0] } ?? []
        var task = CareTask(
            id: try row.int64(0), customerID: try row.text(1), reason: reason,
            reasons: reasons.isEmpty ? first : reasons, valueAtRisk: try row.optionalDouble(4),
            status: CareTaskStatus(rawValue: try row.text(5)) ?? .open, owner: try row.optionalText(6),
            openedOn: Day(number: try row.int(7)), openedRun: try row.optionalInt(8).map(Int64.init))
        task.updatedOn = try row.optionalInt(9).map { Day(number: $0) }
        task.updatedBy = try row.optionalText(10)
        task.note = try row.optionalText(11)
        task.closedOn = try row.optionalInt(12).map { Day(number: $0) }
        task.lossReason = try row.optionalText(13)
        task.wonBy = try row.optionalText(14)
        task.dueOn = try row.optionalInt(15).map { Day(number: $0) }
        return task
    }

    public func careTasks(_ filter: CareTaskFilter) async throws -> [CareTask] {
        let (condition, values) = Self.condition(filter)
        return try await read { s in
            try await s.rows(
                Self.taskSelect + """
                     \(condition)
                    ORDER BY k.status NOT IN ('open', 'contacted'), k.value_at_risk IS NULL,
                        k.value_at_risk DESC NULLS LAST, k.id DESC
                    \(filter.limit.map { "LIMIT \(max(0, $0))" } ?? "")
                    """, values
            ).map(Self.task)
        }
    }

    public func careTaskTally(_ filter: CareTaskFilter) async throws -> (count: Int, owners: [String]) {
        let (condition, values) = Self.condition(filter)
        return try await read { s in
            let count =
                try await s.one(
                    filter.countSelect + " " + condition, values
                )?.int(0) ?? 0
            let owners = try await s.rows(
                "SELECT DISTINCT owner FROM care_tasks WHERE owner IS NOT NULL ORDER BY owner"
            ).map { try $0.text(0) }
            return (count, owners)
        }
    }

    private static func condition(_ filter: CareTaskFilter) -> (String, [Value]) {
        var clauses: [String] = []
        var values: [Value] = []
        if let owner = filter.owner {
            values.append(.text(owner))
            clauses.append("k.owner = $\(values.count)")
        }
        if let status = filter.status {
            values.append(.text(status.rawValue))
            clauses.append("k.status = $\(values.count)")
        }
        if let id = filter.customerID {
            values.append(.text(IdentifierText.normalised(id)))
            clauses.append("c.id = $\(values.count)")
        }
        return (clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND "), values)
    }

    public func careTask(_ id: Int64) async throws -> CareTask? {
        try await read { s in
            try await s.one(Self.taskSelect + " WHERE k.id = $1", [.int(Int(id))]).map(Self.task)
        }
    }

    public func updateCareTask(_ id: Int64, _ update: CareTaskUpdate) async throws -> CareTask {
        try await write { s in
            guard let task = try await s.one(Self.taskSelect + " WHERE k.id = $1", [.int(Int(id))]).map(Self.task)
            else { throw StoreError(.notFound, "there is no care task \(id) in \(self.path)") }
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
            try await s.execute(
                """
                UPDATE care_tasks SET status = $1, note = COALESCE($2, note), updated_by = COALESCE($3, updated_by),
                    updated_on = $4, closed_on = $5, loss_reason = COALESCE($6, loss_reason),
                    won_by = COALESCE($7, won_by)
                WHERE id = $8
                """,
                [
                    .text((update.status ?? task.status).rawValue), .text(update.note), .text(update.by),
                    .int(update.on.number), .int(closedOn?.number), .text(update.lossReason), .text(update.wonBy),
                    .int(Int(id)),
                ])
            return try await s.one(Self.taskSelect + " WHERE k.id = $1", [.int(Int(id))]).map(Self.task)!
        }
    }

    // MARK: People and tokens

    public func addUser(name: String, role: String) async throws -> UserRecord {
        try await write { s in
            if try await s.one("SELECT 1 FROM users WHERE name = $1", [.text(name)]) != nil {
                throw StoreError(.alreadyExists, "there is already a user \"\(name)\"")
            }
            let now = Self.now()
            let id = try await s.one(
                "INSERT INTO users (name, role, created_at) VALUES ($1, $2, $3) RETURNING id",
                [.text(name), .text(role), .text(now)])!.int64(0)
            return UserRecord(id: id, name: name, role: role, createdAt: now, revokedAt: nil, activeTokens: 0)
        }
    }

    public func users() async throws -> [UserRecord] {
        try await read { s in
            try await s.rows(
                """
                SELECT u.id, u.name, u.role, u.created_at, u.revoked_at,
                    (SELECT COUNT(*) FROM api_tokens t WHERE t.user_id = u.id AND t.revoked_at IS NULL)
                FROM users u ORDER BY u.id
                """
            ).map {
                UserRecord(
                    id: try $0.int64(0), name: try $0.text(1), role: try $0.text(2), createdAt: try $0.text(3),
                    revokedAt: try $0.optionalText(4), activeTokens: try $0.int(5))
            }
        }
    }

    public func revokeUser(name: String) async throws -> UserRecord {
        try await write { s in
            guard let id = try await s.one("SELECT id FROM users WHERE name = $1", [.text(name)])?.int(0) else {
                throw StoreError(.notFound, "there is no user \"\(name)\"")
            }
            let now = Self.now()
            try await s.execute(
                "UPDATE users SET revoked_at = COALESCE(revoked_at, $1) WHERE id = $2", [.text(now), .int(id)])
            try await s.execute(
                "UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, $1) WHERE user_id = $2",
                [.text(now), .int(id)])
            let row = try await s.one(
                "SELECT id, name, role, created_at, revoked_at FROM users WHERE id = $1", [.int(id)])!
            return UserRecord(
                id: try row.int64(0), name: try row.text(1), role: try row.text(2), createdAt: try row.text(3),
                revokedAt: try row.optionalText(4), activeTokens: 0)
        }
    }

    public func addToken(user name: String, hash: String, label: String?) async throws -> TokenRecord {
        try await write { s in
            guard
                let user = try await s.one(
                    "SELECT id FROM users WHERE name = $1 AND revoked_at IS NULL", [.text(name)])?.int(0)
            else {
                throw StoreError(.notFound, "there is no active user \"\(name)\"")
            }
            let now = Self.now()
            let id = try await s.one(
                "INSERT INTO api_tokens (user_id, token_hash, label, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
                [.int(user), .text(hash), .text(label), .text(now)])!.int64(0)
            return TokenRecord(id: id, user: name, label: label, createdAt: now, revokedAt: nil)
        }
    }

    private static let tokenSelect = """
        SELECT t.id, u.name, t.label, t.created_at, t.revoked_at
        FROM api_tokens t JOIN users u ON u.id = t.user_id
        """

    private static func token(_ row: PostgresRandomAccessRow) throws -> TokenRecord {
        TokenRecord(
            id: try row.int64(0), user: try row.text(1), label: try row.optionalText(2), createdAt: try row.text(3),
            revokedAt: try row.optionalText(4))
    }

    public func tokens() async throws -> [TokenRecord] {
        try await read { s in try await s.rows(Self.tokenSelect + " ORDER BY t.id").map(Self.token) }
    }

    public func revokeToken(_ id: Int64) async throws -> TokenRecord {
        try await write { s in
            try await s.execute(
                "UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, $1) WHERE id = $2",
                [.text(Self.now()), .int(Int(id))])
            guard let row = try await s.one(Self.tokenSelect + " WHERE t.id = $1", [.int(Int(id))]) else {
                throw StoreError(.notFound, "there is no token \(id)")
            }
            return try Self.token(row)
        }
    }

    public func tokenUser(hash: String) async throws -> UserRecord? {
        try await read { s in
            try await s.one(
                """
                SELECT u.id, u.name, u.role, u.created_at, u.revoked_at FROM api_tokens t
                JOIN users u ON u.id = t.user_id
                WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.revoked_at IS NULL
                """, [.text(hash)]
            ).map {
                UserRecord(
                    id: try $0.int64(0), name: try $0.text(1), role: try $0.text(2), createdAt: try $0.text(3),
                    revokedAt: try $0.optionalText(4), activeTokens: 1)
            }
        }
    }

    public func setPasswordHash(user name: String, hash: String?) async throws {
        try await write { s in
            guard
                try await s.one(
                    "UPDATE users SET password_hash = $1 WHERE name = $2 AND revoked_at IS NULL RETURNING id",
                    [.text(hash), .text(name)]) != nil
            else { throw StoreError(.notFound, "there is no active user \"\(name)\"") }
        }
    }

    public func passwordUser(name: String) async throws -> (user: UserRecord, hash: String?)? {
        try await read { s in
            try await s.one(
                "SELECT id, name, role, created_at, password_hash FROM users WHERE name = $1 AND revoked_at IS NULL",
                [.text(name)]
            ).map {
                (
                    UserRecord(
                        id: try $0.int64(0), name: try $0.text(1), role: try $0.text(2), createdAt: try $0.text(3),
                        revokedAt: nil, activeTokens: 0),
                    try $0.optionalText(4)
                )
            }
        }
    }

    // MARK: Browsing

    public func customerPage(_ query: CustomerPageQuery) async throws -> CustomerPage {
        let plan = try CustomerPagePlan(query, dialect: .postgres)
        return try await read { s in
            func fetch(_ statement: CustomerPagePlan.Statement, key: CustomerPagePlan.KeyKind) async throws
                -> [CustomerPagePlan.Fetched]
            {
                let values: [Value] = statement.arguments.map { argument in
                    switch argument {
                    case .text(let text): .text(text)
                    case .int(let int): .int(Int(int))
                    case .double(let double): .double(double)
                    }
                }
                return try await s.rows(statement.sql, values).map { row in
                    CustomerPagePlan.Fetched(
                        row: CustomerListRow(
                            id: try row.text(0), name: try row.optionalText(1), region: try row.optionalText(2),
                            owner: try row.optionalText(3), segment: try row.optionalText(4),
                            valueGroup: try row.optionalText(5), tier: try row.optionalText(6),
                            revenue: try row.optionalDouble(7), clv: try row.optionalDouble(8),
                            score: try row.optionalDouble(9)),
                        key: key == .text ? try row.optionalText(10) : nil,
                        position: key == .position ? try row.int64(10) : nil,
                        value: key == .number ? try row.optionalDouble(10) : nil)
                }
            }
            let rows = try await fetch(plan.first, key: plan.firstKey)
            var more: [CustomerPagePlan.Fetched] = []
            if let next = plan.continuation(afterReading: rows.count) { more = try await fetch(next, key: .none) }
            return plan.page(first: rows, then: more)
        }
    }
}
