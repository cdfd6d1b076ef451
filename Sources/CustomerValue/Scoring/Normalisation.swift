/// Direction-aware min-max normalisation of one indicator over the customers.
///
/// benefit (`+`): x' = (x − min) / (max − min); cost (`-`): x' = (max − x) / (max − min); so the
/// best customer on the indicator gets 1 and the worst 0 either way. A constant column has no
/// spread (max = min): every customer gets 0 rather than a division by zero, and
/// `isConstant` lets the caller say so.
public struct MinMaxNormalised: Sendable, Equatable {
    /// The normalised values, 0…1, in the input order.
    public var values: [Double]
    public var minimum: Double
    public var maximum: Double
    /// True when every value is the same (including a single customer).
    public var isConstant: Bool { !(maximum > minimum) }

    /// - Throws: `ScoringError.badValue` when a value is NaN or infinite (naming `name`).
    public init(_ raw: [Double], direction: Direction, name: String = "indicator") throws {
        var low = Double.infinity
        var high = -Double.infinity
        for (i, x) in raw.enumerated() {
            guard x.isFinite else {
                throw ScoringError(.badValue, "indicator \"\(name)\", customer \(i + 1): \(x) is not a finite number")
            }
            low = Swift.min(low, x)
            high = Swift.max(high, x)
        }
        minimum = raw.isEmpty ? 0 : low
        maximum = raw.isEmpty ? 0 : high
        // max − min overflows to +∞ when the values span more than the largest double (−1e308 and
        // 1e308): then every value is divided by the largest magnitude first, which leaves the
        // ratios (x − min) / (max − min) unchanged and the arithmetic finite.
        let scale = high - low < .infinity ? 1 : Swift.max(abs(low), abs(high))
        let (lo, hi) = (low / scale, high / scale)
        let range = hi - lo
        if raw.isEmpty || !(range > 0) {
            values = [Double](repeating: 0, count: raw.count)
        } else if direction == .benefit {
            values = raw.map { ($0 / scale - lo) / range }
        } else {
            values = raw.map { (hi - $0 / scale) / range }
        }
    }

    public init(_ indicator: Indicator) throws {
        try self.init(indicator.values, direction: indicator.direction, name: indicator.name)
    }
}
