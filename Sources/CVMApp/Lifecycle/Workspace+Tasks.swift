import CVMStore
import CustomerValue
import Foundation

/// Which care tasks to list; nil is any.
public struct TasksRequest: Sendable, Equatable {
    public var owner: String?
    public var status: CareTaskStatus?
    public var customerID: String?

    public init(owner: String? = nil, status: CareTaskStatus? = nil, customerID: String? = nil) {
        self.owner = owner
        self.status = status
        self.customerID = customerID
    }
}

/// A change to one care task.
public struct TaskUpdateRequest: Sendable, Equatable {
    public var id: Int64
    public var status: CareTaskStatus?
    public var note: String?
    /// Who made the change.
    public var by: String?
    /// The day of the change (default: today).
    public var on: Day?
    /// A lost task's reason code (required when the status becomes lost).
    public var lossReason: String?
    /// What won a won-back customer back.
    public var wonBy: String?
    /// The codes a lost task may record (default: `Defaults.lossReasons`).
    public var lossReasons: [LossReason]?

    public init(
        id: Int64, status: CareTaskStatus? = nil, note: String? = nil, by: String? = nil, on: Day? = nil,
        lossReason: String? = nil, wonBy: String? = nil, lossReasons: [LossReason]? = nil
    ) {
        self.id = id
        self.status = status
        self.note = note
        self.by = by
        self.on = on
        self.lossReason = lossReason
        self.wonBy = wonBy
        self.lossReasons = lossReasons
    }
}

/// The care tasks that matched, in the store's order (active ones by value at risk first).
public struct TasksResult: Sendable, Tabular {
    public var tasks: [CareTask]

    public init(tasks: [CareTask]) { self.tasks = tasks }

    public var columns: [String] {
        [
            "id", "customer_id", "status", "reason", "reasons", "value_at_risk", "owner", "opened_on", "opened_run",
            "updated_on", "updated_by", "closed_on", "loss_reason", "won_by", "note", "due_on",
        ]
    }
    public var rowCount: Int { tasks.count }
    public func fields(_ i: Int) -> [String] {
        let t = tasks[i]
        return [
            String(t.id), t.customerID, t.status.rawValue, t.reason.rawValue,
            t.reasons.map(\.rawValue).joined(separator: ";"), t.valueAtRisk.map { Number.exact($0) } ?? "",
            t.owner ?? "", t.openedOn.description, t.openedRun.map(String.init) ?? "",
            t.updatedOn?.description ?? "", t.updatedBy ?? "", t.closedOn?.description ?? "", t.lossReason ?? "",
            t.wonBy ?? "", t.note ?? "", t.dueOn?.description ?? "",
        ]
    }

    /// `{tasks: [{id, customer_id, status, …}]}`; reason texts in English.
    public var document: Document { document(in: .en) }

    /// The document with the reason texts in `language`.
    public func document(in language: Language) -> Document {
        Document(tasks: tasks.map { TaskDocument($0, in: language) })
    }

    public struct Document: Encodable, Sendable {
        public let tasks: [TaskDocument]
    }
}

/// One care task as JSON.
public struct TaskDocument: Encodable, Sendable {
    public let id: Int64
    public let customerID, status, reason: String
    public let reasons: [String]
    public let valueAtRisk: Double?
    public let owner: String?
    public let openedOn: String
    public let openedRun: Int64?
    public let updatedOn, updatedBy, closedOn, lossReason, wonBy, note: String?
    /// The reason (warning or occasion) for people, and a scheduled occasion's date.
    public let reasonText: String
    public let dueOn: String?

    public init(_ t: CareTask, in language: Language = .en) {
        id = t.id
        customerID = t.customerID
        status = t.status.rawValue
        reason = t.reason.rawValue
        reasons = t.reasons.map(\.rawValue)
        valueAtRisk = t.valueAtRisk
        owner = t.owner
        openedOn = t.openedOn.description
        openedRun = t.openedRun
        updatedOn = t.updatedOn?.description
        updatedBy = t.updatedBy
        closedOn = t.closedOn?.description
        lossReason = t.lossReason
        wonBy = t.wonBy
        note = t.note
        reasonText = t.reason.name(in: language)
        dueOn = t.dueOn?.description
    }
}

/// What became of the care tasks: counts by status, losses by reason with their value at risk,
/// and the win-back rate (won back ÷ closed as won back or lost).
public struct TaskSummaryResult: Sendable, Tabular {
    public struct Loss: Sendable, Equatable {
        public var reason: LossReason
        public var tasks: Int
        public var valueAtRisk: Double
    }
    public var byStatus: [(status: CareTaskStatus, tasks: Int, valueAtRisk: Double)]
    public var losses: [Loss]
    public var wonBack: Int
    public var lost: Int
    /// Nil while no task is closed as won back or lost.
    public var winBackRate: Double?
    /// What worked for the won-back ones, with how often.
    public var wonBy: [(text: String, tasks: Int)]
    /// Lost tasks by the customer's RFM segment and by value tier in the latest analysis run
    /// (`unknown` for customers not in it; empty without a run).
    public var lostBySegment: [Group] = []
    public var lostByTier: [Group] = []

    /// Lost tasks of one segment or tier, with their value at risk.
    public struct Group: Sendable, Equatable {
        public var key: String
        public var tasks: Int
        public var valueAtRisk: Double
    }

    public var columns: [String] { ["loss_reason", "name", "name_zh", "tasks", "value_at_risk"] }
    public var rowCount: Int { losses.count }
    public func fields(_ i: Int) -> [String] {
        let l = losses[i]
        return [l.reason.code, l.reason.en, l.reason.zh, String(l.tasks), Number.exact(l.valueAtRisk)]
    }

    public var document: Document {
        Document(
            byStatus: byStatus.map { .init(status: $0.status.rawValue, tasks: $0.tasks, valueAtRisk: $0.valueAtRisk) },
            losses: losses.map {
                .init(
                    reason: $0.reason.code, name: $0.reason.en, nameZh: $0.reason.zh, tasks: $0.tasks,
                    valueAtRisk: $0.valueAtRisk)
            }, wonBack: wonBack, lost: lost, winBackRate: winBackRate,
            wonBy: wonBy.map { .init(wonBy: $0.text, tasks: $0.tasks) },
            lostBySegment: lostBySegment.map { .init(key: $0.key, tasks: $0.tasks, valueAtRisk: $0.valueAtRisk) },
            lostByTier: lostByTier.map { .init(key: $0.key, tasks: $0.tasks, valueAtRisk: $0.valueAtRisk) })
    }

    public struct Document: Encodable, Sendable {
        public struct Status: Encodable, Sendable {
            public let status: String
            public let tasks: Int
            public let valueAtRisk: Double
        }
        public struct Loss: Encodable, Sendable {
            public let reason, name, nameZh: String
            public let tasks: Int
            public let valueAtRisk: Double
        }
        public struct Won: Encodable, Sendable {
            public let wonBy: String
            public let tasks: Int
        }
        public struct Group: Encodable, Sendable {
            public let key: String
            public let tasks: Int
            public let valueAtRisk: Double
        }
        public let byStatus: [Status]
        public let losses: [Loss]
        public let wonBack, lost: Int
        public let winBackRate: Double?
        public let wonBy: [Won]
        public let lostBySegment, lostByTier: [Group]
    }
}

extension Workspace {
    /// The care tasks that match the request.
    public func tasks(_ request: TasksRequest) async throws -> TasksResult {
        TasksResult(
            tasks: try await run {
                try await store.careTasks(
                    CareTaskFilter(owner: request.owner, status: request.status, customerID: request.customerID))
            })
    }

    /// The first `limit` tasks of `request` in the list's order, how many there are in all, and
    /// every owner a task has: one page of a long list, without reading the rest.
    public func taskPage(_ request: TasksRequest, limit: Int) async throws
        -> (tasks: [CareTask], total: Int, owners: [String])
    {
        let filter = CareTaskFilter(
            owner: request.owner, status: request.status, customerID: request.customerID, limit: limit)
        let tasks = try await run { try await store.careTasks(filter) }
        let tally = try await run { try await store.careTaskTally(filter) }
        return (tasks, tally.count, tally.owners)
    }

    /// One care task.
    public func task(_ id: Int64) async throws -> CareTask {
        guard let task = try await run({ try await store.careTask(id) }) else {
            throw AppError(.notFound, .tasksUnknown, id, facts: [.init("task", String(id))])
        }
        return task
    }

    /// Changes a task's status (open → contacted → won back / lost / dismissed), note or owner's
    /// record. A lost task needs a reason code from the configured list.
    public func updateTask(_ request: TaskUpdateRequest) async throws -> CareTask {
        let codes = request.lossReasons ?? defaults.lossReasons
        let current = try await task(request.id)
        let status = request.status ?? current.status
        if let code = request.lossReason {
            guard codes.contains(where: { $0.code == code }) else {
                throw AppError(
                    .invalidRequest, .tasksUnknownLossReason, code, codes.map(\.code).joined(separator: ", "),
                    facts: [.init("loss_reason", code)])
            }
            guard status == .lost else { throw AppError(.invalidRequest, .tasksLossReasonNotLost) }
        }
        if status == .lost, request.lossReason == nil, current.lossReason == nil {
            throw AppError(.invalidRequest, .tasksLostNeedsReason, codes.map(\.code).joined(separator: ", "))
        }
        if request.wonBy != nil, status != .wonBack { throw AppError(.invalidRequest, .tasksWonByNotWon) }
        let on = request.on ?? Day(number: Int((Date().timeIntervalSince1970 / 86_400).rounded(.down)))
        if on < current.openedOn {
            throw AppError(.invalidRequest, .tasksBeforeOpened, on, current.openedOn)
        }
        return try await run {
            try await store.updateCareTask(
                request.id,
                CareTaskUpdate(
                    status: request.status, note: request.note, by: request.by, on: on,
                    lossReason: request.lossReason, wonBy: request.wonBy))
        }
    }

    /// Loss by reason and value at risk, and the win-back rate, over every task.
    public func taskSummary(lossReasons: [LossReason]? = nil) async throws -> TaskSummaryResult {
        let codes = lossReasons ?? defaults.lossReasons
        let all = try await run { try await store.careTasks(CareTaskFilter()) }
        let byStatus = CareTaskStatus.allCases.map { status in
            let some = all.filter { $0.status == status }
            return (status, some.count, some.reduce(0) { $0 + ($1.valueAtRisk ?? 0) })
        }
        var losses = codes.map { TaskSummaryResult.Loss(reason: $0, tasks: 0, valueAtRisk: 0) }
        for task in all where task.status == .lost {
            // A code no longer in the list is still counted, under its own name.
            let code = task.lossReason ?? "other"
            let k =
                losses.firstIndex { $0.reason.code == code }
                ?? {
                    losses.append(.init(reason: LossReason(code: code, en: code, zh: code), tasks: 0, valueAtRisk: 0))
                    return losses.count - 1
                }()
            losses[k].tasks += 1
            losses[k].valueAtRisk += task.valueAtRisk ?? 0
        }
        let won = all.filter { $0.status == .wonBack }
        let lost = all.filter { $0.status == .lost }.count
        var worked: [String: Int] = [:]
        for task in won { if let text = task.wonBy { worked[text, default: 0] += 1 } }
        // Loss by segment and value tier, read from the latest run.
        var bySegment: [String: TaskSummaryResult.Group] = [:]
        var byTier: [String: TaskSummaryResult.Group] = [:]
        let lostTasks = all.filter { $0.status == .lost }
        if !lostTasks.isEmpty, let latest = try await run({ try await store.analysisRuns() }).max(by: { $0.id < $1.id })
        {
            for task in lostTasks {
                let row = try await run { try await store.analysisResult(run: latest.id, customer: task.customerID) }
                for (key, table) in [(row?.segment ?? "unknown", 0), (row?.tier ?? "unknown", 1)] {
                    var group = (table == 0 ? bySegment[key] : byTier[key]) ?? .init(key: key, tasks: 0, valueAtRisk: 0)
                    group.tasks += 1
                    group.valueAtRisk += task.valueAtRisk ?? 0
                    if table == 0 { bySegment[key] = group } else { byTier[key] = group }
                }
            }
        }
        func ordered(_ groups: [String: TaskSummaryResult.Group]) -> [TaskSummaryResult.Group] {
            groups.values.sorted { $0.tasks != $1.tasks ? $0.tasks > $1.tasks : $0.key < $1.key }
        }
        var result = TaskSummaryResult(
            byStatus: byStatus, losses: losses, wonBack: won.count, lost: lost,
            winBackRate: won.count + lost == 0 ? nil : Double(won.count) / Double(won.count + lost),
            wonBy: worked.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map {
                ($0.key, $0.value)
            })
        result.lostBySegment = ordered(bySegment)
        result.lostByTier = ordered(byTier)
        return result
    }
}
