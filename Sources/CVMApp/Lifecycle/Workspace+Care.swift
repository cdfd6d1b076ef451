import CVMStore
import CustomerValue
import Foundation

/// Which scheduled care to open: at which date, by which schedule.
public struct CareRequest: Sendable, Equatable {
    /// The day the schedule is run on (default: the last transaction day, else today).
    public var asOf: Day?
    /// The schedule (default: `Defaults.careSchedule`).
    public var schedule: CareSchedule?

    public init(asOf: Day? = nil, schedule: CareSchedule? = nil) {
        self.asOf = asOf
        self.schedule = schedule
    }
}

/// The occasions due in the window of a run, and what the run did with them.
public struct CareResult: Sendable {
    public var asOf: Day
    public var schedule: CareSchedule
    /// The due dates this run opens tasks for.
    public var window: ClosedRange<Day>
    /// Every occasion due in the window, by date.
    public var appointments: [CareAppointment]
    /// Tasks opened now, and occasions that already had a task (from an earlier run).
    public var opened: Int
    public var alreadyOpen: Int

    /// One row per occasion: customer_id, occasion, occasion_text, due_on.
    public func rows(in language: Language) -> Rows { Rows(result: self, language: language) }

    public struct Rows: Tabular, Sendable {
        let result: CareResult
        let language: Language
        public var columns: [String] { ["customer_id", "occasion", "occasion_text", "due_on"] }
        public var rowCount: Int { result.appointments.count }
        public func fields(_ i: Int) -> [String] {
            let a = result.appointments[i]
            return [a.customerID, a.occasion.rawValue, a.occasion.name(in: language), a.due.description]
        }
    }

    /// `{as_of, window_start, window_end, schedule: {…}, opened, already_open, appointments: […]}`.
    public func document(in language: Language) -> Document { Document(self, language) }

    public struct Document: Encodable, Sendable {
        public struct Appointment: Encodable, Sendable {
            public let customerID, occasion, occasionText, dueOn: String
        }
        public let asOf, windowStart, windowEnd: String
        public let schedule: CareSchedule
        public let opened, alreadyOpen: Int
        public let appointments: [Appointment]

        init(_ r: CareResult, _ language: Language) {
            asOf = r.asOf.description
            windowStart = r.window.lowerBound.description
            windowEnd = r.window.upperBound.description
            schedule = r.schedule
            opened = r.opened
            alreadyOpen = r.alreadyOpen
            appointments = r.appointments.map {
                Appointment(
                    customerID: $0.customerID, occasion: $0.occasion.rawValue,
                    occasionText: $0.occasion.name(in: language), dueOn: $0.due.description)
            }
        }
    }
}

extension Workspace {
    /// Opens the care tasks the schedule puts due from `asOf − graceDays` to `asOf + leadDays`:
    /// birthdays (customers with one on file), anniversaries of the first purchase, follow-ups
    /// after a purchase and after a resolved complaint. A task is never opened twice for one
    /// customer, occasion and date, whatever became of the first one. `cvm analyze` runs this too.
    public func scheduleCare(_ request: CareRequest) async throws -> CareResult {
        var asOf = request.asOf
        if asOf == nil { asOf = try await run { try await store.transactionDayRange() }?.upperBound }
        let schedule = request.schedule ?? defaults.careSchedule
        try Self.checkSchedule(schedule)
        return try await scheduleCare(asOf: asOf ?? ImportClock.today(), schedule: schedule, history: nil, run: nil)
    }

    /// The schedule at `asOf` over `history` (read from the store when nil), tasks naming `run`.
    func scheduleCare(asOf: Day, schedule: CareSchedule, history given: PurchaseHistory?, run analysis: Int64?)
        async throws -> CareResult
    {
        var history: PurchaseHistory
        if let given {
            history = given
        } else {
            history = try await run { try await store.purchaseHistory(through: asOf) }
        }
        var birthdays: [String: Day] = [:]
        if schedule.birthday {
            for b in try await run({ try await store.birthdays() }) { birthdays[b.id] = b.birthday }
        }
        var resolved: [String: [Day]] = [:]
        if schedule.afterComplaintDays > 0 {
            for c in try await run({ try await store.complaints() }) {
                if let day = c.resolved, day <= asOf { resolved[c.customerID, default: []].append(day) }
            }
        }
        var appointments: [CareAppointment] = []
        for i in 0..<history.count {
            let id = history.ids[i]
            appointments += schedule.appointments(
                customerID: id, asOf: asOf, birthday: birthdays[id], purchaseDays: history.days[history.range(i)],
                resolved: resolved[id] ?? [])
        }
        appointments.sort { a, b in
            if a.due != b.due { return a.due < b.due }
            if a.customerID != b.customerID { return a.customerID < b.customerID }
            return a.occasion.rawValue < b.occasion.rawValue
        }
        let counts = try await run {
            try await store.scheduleCareTasks(asOf: asOf, run: analysis, appointments: appointments)
        }
        return CareResult(
            asOf: asOf, schedule: schedule, window: schedule.window(asOf: asOf), appointments: appointments,
            opened: counts.opened, alreadyOpen: counts.alreadyOpen)
    }

    /// A schedule built by hand (not read from a file) is checked too.
    static func checkSchedule(_ s: CareSchedule) throws {
        let days = 0...3660
        guard days.contains(s.afterPurchaseDays), days.contains(s.afterComplaintDays), days.contains(s.leadDays),
            days.contains(s.graceDays)
        else {
            throw AppError(.invalidRequest, .careScheduleRange)
        }
    }
}

extension CareOccasion {
    /// The occasion's name in `language` (from the catalogue).
    public func name(in language: Language) -> String {
        switch self {
        case .birthday: Text.careBirthday(language)
        case .purchaseAnniversary: Text.careAnniversary(language)
        case .afterPurchase: Text.careAfterPurchase(language)
        case .afterComplaint: Text.careAfterComplaint(language)
        }
    }
}

extension CareReason {
    /// The warning reason's or the occasion's name in `language`.
    public func name(in language: Language) -> String {
        switch self {
        case .warning(let reason): reason.name(in: language)
        case .occasion(let occasion): occasion.name(in: language)
        }
    }
}
