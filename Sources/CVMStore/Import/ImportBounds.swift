import CustomerValue
import Foundation

/// The plausible range of what an import stores, fixed once per import from `ImportOptions`.
///
/// A value outside it is almost always a typo or a placeholder (`1750-01-01`, `9999-12-31`,
/// `1e308`), and one such value poisons every later step: sums overflow to infinity, a fit
/// over 8,000 years of calendar does not finish. So it is refused with its line, unless the
/// options say such values are real:
/// - amounts and numbers: |x| ≤ 1e12 (a trillion of any currency unit in one row);
///   `allowLargeAmounts` raises it to 1e30, never further: below 1e30 a sum of 2^53 rows, or
///   the square of such a sum, is still finite.
/// - dates: 1900-01-01 (`allowEarlyDates`: year 1) to tomorrow (`latestDay`;
///   `allowFutureDates`: year 9999). Payment due dates may lie up to ten years ahead: a bill
///   is often due in the future.
struct ImportBounds: Sendable {
    static let amountLimit = 1e12
    static let largeAmountLimit = 1e30
    static let earliestDay = Day(year: 1900, month: 1, day: 1)!
    /// How far ahead of the latest day a payment may fall due.
    static let dueDaysAhead = 3653

    let amountLimit: Double
    let allowLargeAmounts: Bool
    let earliest: Int
    let latest: Int
    let latestDue: Int
    /// How `latest` is described in messages.
    private let latestText: String

    init(_ options: ImportOptions, today: Day = ImportBounds.today()) {
        allowLargeAmounts = options.allowLargeAmounts
        amountLimit = options.allowLargeAmounts ? Self.largeAmountLimit : Self.amountLimit
        earliest = options.allowEarlyDates ? Int.min : Self.earliestDay.number
        let latestDay = options.latestDay ?? today + 1
        latest = options.allowFutureDates ? Int.max : latestDay.number
        latestDue = options.allowFutureDates ? Int.max : latestDay.number + Self.dueDaysAhead
        latestText =
            options.latestDay == nil ? "\(latestDay), tomorrow" : "\(latestDay), the latest date accepted"
    }

    /// Today's date in UTC.
    static func today() -> Day {
        Day(number: Int((Date().timeIntervalSince1970 / 86_400).rounded(.down)))
    }

    /// Why `value` (written `text`) is out of range, or nil.
    @inline(__always)
    func amount(_ value: Double, _ text: @autoclosure () -> String) -> String? {
        guard value.magnitude > amountLimit else { return nil }
        if allowLargeAmounts {
            return "\"\(text())\" is too large to be stored: beyond ±1e30, sums of amounts could overflow"
        }
        return "\"\(text())\" is beyond ±1e12 (1,000,000,000,000), the largest amount accepted: is it a typo? "
            + "If the file really has such amounts, allow large amounts when importing"
    }

    /// Why `day` (written `text`) is out of range for a date of an event that has happened, or nil.
    @inline(__always)
    func day(_ day: Int, _ text: @autoclosure () -> String) -> String? {
        if day < earliest {
            return "\"\(text())\" is before \(Self.earliestDay): is it a typo? "
                + "If the file really has such early dates, allow early dates when importing"
        }
        if day > latest {
            return "\"\(text())\" is after \(latestText): a date in the future is most likely a typo; "
                + "if the file really has future dates, allow them when importing"
        }
        return nil
    }

    /// Why a due `day` is out of range: as `day(_:_:)`, with ten years more ahead.
    func dueDay(_ day: Int, _ text: @autoclosure () -> String) -> String? {
        if day < earliest { return self.day(day, text()) }
        if day > latestDue {
            return "\"\(text())\" is more than ten years in the future: is it a typo? "
                + "If the file really has such due dates, allow future dates when importing"
        }
        return nil
    }
}
