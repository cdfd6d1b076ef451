/// The unit in which durations (recency, T, horizons) are expressed.
///
/// A week is 7 days, as the BTYD literature measures CDNOW. A month is the mean Gregorian
/// month, 365.2425 / 12 = 30.436875 days, so that twelve months make one average year; this
/// differs slightly from lifetimes (30 days) and PyMC-Marketing (30.4375 days).
public enum TimeUnit: String, CaseIterable, Sendable, Codable {
    case day
    case week
    case month

    /// Length of one unit in days.
    public var days: Double {
        switch self {
        case .day: 1
        case .week: 7
        case .month: 365.2425 / 12
        }
    }

    /// Converts a number of days to this unit.
    public func fromDays(_ days: Double) -> Double { days / self.days }
}
