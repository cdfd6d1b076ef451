/// A calendar day, counted in days since 1970-01-01 (proleptic Gregorian, no time zone).
///
/// Transactions are bucketed into calendar days: purchases on the same day form one purchase
/// period (the BTYD convention, and lifetimes' `freq="D"`). Storing the day as an integer keeps
/// the per-customer aggregation a plain integer `GROUP BY` in SQL and makes durations exact.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public var number: Int

    public init(number: Int) { self.number = number }

    /// The day of a civil date, or nil when the date does not exist (2023-02-29, month 13, …).
    ///
    /// Uses Howard Hinnant's `days_from_civil` algorithm (public domain description at
    /// howardhinnant.github.io/date_algorithms.html), exact for every proleptic Gregorian date.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Day.daysInMonth(year: year, month: month),
            (1...9999).contains(year)
        else { return nil }
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthIndex = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * monthIndex + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        number = era * 146_097 + dayOfEra - 719_468
    }

    /// Year, month and day of this day (Hinnant's `civil_from_days`).
    public var civil: (year: Int, month: Int, day: Int) {
        let z = number + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let d = dayOfYear - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        let (y, m, d) = civil
        guard (0...9999).contains(y) else { return "\(Day.pad(y, 4))-\(Day.pad(m, 2))-\(Day.pad(d, 2))" }
        // Built from digits directly: summaries print two dates per customer.
        let zero = UInt8(ascii: "0")
        let bytes: [UInt8] = [
            zero + UInt8(y / 1000), zero + UInt8(y / 100 % 10), zero + UInt8(y / 10 % 10), zero + UInt8(y % 10),
            UInt8(ascii: "-"), zero + UInt8(m / 10), zero + UInt8(m % 10), UInt8(ascii: "-"), zero + UInt8(d / 10),
            zero + UInt8(d % 10),
        ]
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Parses `YYYY-MM-DD` (the form this program writes and accepts in options).
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.number < rhs.number }

    public static func + (lhs: Day, days: Int) -> Day { Day(number: lhs.number + days) }
    public static func - (lhs: Day, rhs: Day) -> Int { lhs.number - rhs.number }

    public static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let s = String(value)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
