/// Care tasks on dates (客户关怀日程): a greeting before a birthday or the anniversary of the first
/// purchase, a follow-up some days after a purchase or after a complaint was resolved. These are
/// not warnings: they are the contacts a relationship plan puts in the calendar.
public enum CareOccasion: String, CaseIterable, Codable, Sendable {
    case birthday
    /// The anniversary of the customer's first purchase.
    case purchaseAnniversary = "purchase_anniversary"
    /// `CareSchedule.afterPurchaseDays` after a purchase day, when the customer has not bought again by then.
    case afterPurchase = "after_purchase"
    /// `CareSchedule.afterComplaintDays` after a complaint was resolved.
    case afterComplaint = "after_complaint"
}

/// Why a care task was opened: a churn warning (its first reason), or an occasion on a date.
public enum CareReason: Hashable, Sendable {
    case warning(WarningReason)
    case occasion(CareOccasion)

    /// The stored code: the warning reason's or the occasion's raw value (the two sets do not overlap).
    public var rawValue: String {
        switch self {
        case .warning(let reason): reason.rawValue
        case .occasion(let occasion): occasion.rawValue
        }
    }

    public init?(rawValue: String) {
        if let reason = WarningReason(rawValue: rawValue) {
            self = .warning(reason)
        } else if let occasion = CareOccasion(rawValue: rawValue) {
            self = .occasion(occasion)
        } else {
            return nil
        }
    }

    /// The warning reason, nil for an occasion.
    public var warningReason: WarningReason? {
        if case .warning(let reason) = self { return reason }
        return nil
    }
}

/// When care tasks are scheduled; every field is a setting (the `[care]` table of the lifecycle
/// rules file).
public struct CareSchedule: Codable, Equatable, Sendable {
    /// A task before each birthday (customers with a birthday on file).
    public var birthday = true
    /// A task before each anniversary of the first purchase.
    public var purchaseAnniversary = true
    /// Days after a purchase day that a follow-up is due when the customer has not bought again
    /// by then; 0 schedules none.
    public var afterPurchaseDays = 0
    /// Days after a complaint's resolution that a follow-up is due; 0 schedules none.
    public var afterComplaintDays = 7
    /// A task opens this many days before its date (time to prepare a greeting).
    public var leadDays = 7
    /// Occasions that fell due up to this many days before the run are still opened (runs need
    /// not be daily); older ones are let go.
    public var graceDays = 30

    public init() {}

    public static let standard = CareSchedule()
}

/// One occasion that is due: whose, which, and on which date.
public struct CareAppointment: Equatable, Sendable {
    public var customerID: String
    public var occasion: CareOccasion
    public var due: Day

    public init(customerID: String, occasion: CareOccasion, due: Day) {
        self.customerID = customerID
        self.occasion = occasion
        self.due = due
    }
}

extension CareSchedule {
    /// The days a run at `asOf` opens tasks for: due from `asOf − graceDays` to `asOf + leadDays`.
    public func window(asOf: Day) -> ClosedRange<Day> { (asOf + (-graceDays))...(asOf + leadDays) }

    /// The dates in `window` that fall on the yearly anniversary of `day` (a year or more after
    /// it). February 29 is kept on February 28 in years without it.
    public static func anniversaries(of day: Day, in window: ClosedRange<Day>) -> [Day] {
        let (year, month, date) = day.civil
        var out: [Day] = []
        for y in max(year + 1, window.lowerBound.civil.year)...max(year + 1, window.upperBound.civil.year) {
            let d = min(date, Day.daysInMonth(year: y, month: month))
            if let candidate = Day(year: y, month: month, day: d), window.contains(candidate) { out.append(candidate) }
        }
        return out
    }

    /// The occasions of one customer due in the window of a run at `asOf`: the birthday and the
    /// anniversary of the first purchase (`purchaseDays` ascending, to `asOf`), a follow-up after
    /// the last purchase day when no purchase followed within `afterPurchaseDays`, and one after
    /// each resolution day in `resolved`.
    public func appointments(
        customerID id: String, asOf: Day, birthday: Day?, purchaseDays: ArraySlice<Day>, resolved: [Day]
    ) -> [CareAppointment] {
        let window = window(asOf: asOf)
        var out: [CareAppointment] = []
        if self.birthday, let birthday {
            for due in Self.anniversaries(of: birthday, in: window) {
                out.append(CareAppointment(customerID: id, occasion: .birthday, due: due))
            }
        }
        let days = purchaseDays.filter { $0 <= asOf }
        if purchaseAnniversary, let first = days.first {
            for due in Self.anniversaries(of: first, in: window) {
                out.append(CareAppointment(customerID: id, occasion: .purchaseAnniversary, due: due))
            }
        }
        if afterPurchaseDays > 0 {
            // Each purchase day whose follow-up date falls in the window and that no later purchase
            // day superseded before that date (a customer who bought again gets the later follow-up).
            for (k, day) in days.enumerated() {
                let due = day + afterPurchaseDays
                guard window.contains(due) else { continue }
                if k + 1 < days.count, days[days.startIndex + k + 1] <= due { continue }
                out.append(CareAppointment(customerID: id, occasion: .afterPurchase, due: due))
            }
        }
        if afterComplaintDays > 0 {
            for day in Set(resolved.filter { $0 <= asOf }).sorted() {
                let due = day + afterComplaintDays
                if window.contains(due) {
                    out.append(CareAppointment(customerID: id, occasion: .afterComplaint, due: due))
                }
            }
        }
        return out.sorted { $0.due != $1.due ? $0.due < $1.due : $0.occasion.rawValue < $1.occasion.rawValue }
    }
}
