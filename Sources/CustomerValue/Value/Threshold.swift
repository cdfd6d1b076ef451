import Foundation

/// Where a value matrix axis splits "high" from "low".
///
/// Public sources split by the mean (a Chinese exam answer on the tobacco-customer matrix) or by
/// the median (an Excel four-quadrant tutorial: "避免高消费客户拉高平均值", the mean is pulled up by
/// a few big customers); cvm prefers the median for that reason. A customer is high when the
/// value is strictly above the threshold, so with a median of 0 (most customers bought nothing in
/// the window) "high" would mean "more than nothing": the default, `automatic`, then takes the
/// median of the values above the smallest instead (see `ThresholdChoice`, which also says which
/// basis was used and why).
public enum Threshold: Sendable, Equatable, CustomStringConvertible {
    /// The median, or the median of the values above the smallest when at least half the customers
    /// share the smallest value (the default; see `ThresholdChoice`).
    case automatic
    case median
    case mean
    /// The q-quantile, 0 < q < 1, by linear interpolation between order statistics (Hyndman &
    /// Fan 1996 type 7, the default of R's `quantile` and NumPy's `percentile`).
    case quantile(Double)
    /// A value given by the business.
    case fixed(Double)

    /// Parses `auto`, `median`, `mean` or `quantile:Q`.
    ///
    /// Throws `ValueError(.badThreshold)` with advice for anything else.
    public init(parsing text: String) throws {
        let word = text.trimmingCharacters(in: .whitespaces).lowercased()
        switch word {
        case "auto", "automatic": self = .automatic
        case "median": self = .median
        case "mean": self = .mean
        default:
            guard word.hasPrefix("quantile:") else {
                throw ValueError(
                    .badThreshold,
                    "unknown threshold method \"\(text)\": use auto, median, mean or quantile:Q with 0 < Q < 1, or fixed values"
                )
            }
            let number = String(word.dropFirst("quantile:".count))
            guard let q = Double(number), q.isFinite else {
                throw ValueError(
                    .badThreshold, "\(text): \"\(number)\" is not a number; write a share such as quantile:0.7")
            }
            guard q > 0, q < 1 else {
                throw ValueError(
                    .badThreshold, "\(text): the quantile must be between 0 and 1 (exclusive), e.g. quantile:0.7")
            }
            self = .quantile(q)
        }
    }

    /// `auto`, `median`, `mean`, `quantile:0.7` or `fixed`.
    public var description: String {
        switch self {
        case .automatic: "auto"
        case .median: "median"
        case .mean: "mean"
        case .quantile(let q): "quantile:\(q)"
        case .fixed: "fixed"
        }
    }

    /// The threshold on these values (0 for no values; NaN and ±∞ are left out).
    public func value(of values: [Double]) -> Double { ThresholdChoice(self, values: values).value }

    /// Type-7 quantile of ascending `sorted` values: x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]), h = (n − 1)q.
    public static func quantile(_ q: Double, of sorted: [Double]) -> Double {
        guard !sorted.isEmpty else { return 0 }
        // q outside 0…1 is clamped, NaN read as the median: the index is always valid.
        let h = Double(sorted.count - 1) * (q.isNaN ? 0.5 : min(max(q, 0), 1))
        let low = Int(h.rounded(.down))
        guard low + 1 < sorted.count else { return sorted[sorted.count - 1] }
        return sorted[low] + (h - Double(low)) * (sorted[low + 1] - sorted[low])
    }
}
