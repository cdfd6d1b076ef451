import CustomerValue

/// How profit was counted, so every profit figure can say what it assumes.
///
/// Profit is amount − cost on rows with a cost and amount × margin on the others; with no cost
/// imported and margin 1 (the default), profit is revenue, and outputs must say so.
public struct ProfitBasis: Codable, Equatable, Sendable {
    /// The margin applied to rows without a cost.
    public var margin: Double
    /// Share of transaction rows with a cost, 0…1.
    public var costCoverage: Double

    public init(margin: Double, costCoverage: Double) {
        self.margin = margin
        self.costCoverage = costCoverage
    }

    public init(margin: Double, windows: ValueWindows) {
        self.init(
            margin: margin, costCoverage: windows.rows > 0 ? Double(windows.rowsWithCost) / Double(windows.rows) : 0)
    }

    /// True when some profit is revenue × 1: rows without a cost at margin 1.
    public var assumesMarginOne: Bool { margin == 1 && costCoverage < 1 }

    /// The assumption in words (nil when profit rests on recorded costs or a margin given below 1).
    public func assumption(in language: Language) -> String? {
        guard assumesMarginOne else { return nil }
        return costCoverage == 0
            ? Text.profitMarginOneEverywhere(language)
            : Text.profitMarginOneOnSome(language, Number.percent(1 - costCoverage))
    }
}

extension Workspace {
    /// Checks the profit settings every value operation shares.
    func checkedMargin(_ margin: Double?) throws -> Double {
        let margin = margin ?? defaults.margin
        guard Defaults.Bounds.margin.contains(margin) else {
            throw AppError(
                .invalidRequest, "the margin must be between 0 and 1 (a share of revenue), not \(Number.exact(margin))")
        }
        return margin
    }

    /// The value windows as of `asOf` (default: the last transaction day).
    func valueWindows(asOf: Day?, currentWindowMonths months: Double) async throws -> ValueWindows {
        guard months.isFinite, months > 0, months <= Double(Defaults.Bounds.currentWindowMonths.upperBound),
            ValueWindows.days(inMonths: months) >= 1
        else {
            throw AppError(
                .invalidRequest,
                "the current window must be a positive number of months up to "
                    + "\(Defaults.Bounds.currentWindowMonths.upperBound), not \(Number.exact(months))"
            )
        }
        return try await run {
            try await store.valueWindows(asOf: asOf, currentWindowDays: ValueWindows.days(inMonths: months))
        }
    }
}
