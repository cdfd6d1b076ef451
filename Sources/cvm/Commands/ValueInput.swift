import ArgumentParser
import CVMApp
import CustomerValue

extension PotentialMethod: ExpressibleByArgument {}
extension KeyAccountMeasure: ExpressibleByArgument {}

/// The evaluation date and how profit is counted; shared by `matrix`, `pareto` and `tiers`.
struct ProfitArguments: ParsableArguments {
    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp("Evaluation date, YYYY-MM-DD (default: the last transaction date).", valueName: "date"))
    var asOf: Day?

    @Option(help: "Share of revenue that is profit on rows without a cost, 0…1 (rows with a cost use revenue − cost).")
    var margin = Defaults.standard.margin

    func validate() throws {
        guard Defaults.Bounds.margin.contains(margin) else {
            throw ValidationError("--margin must be between 0 and 1")
        }
    }
}

/// The current window and the potential-value settings of `matrix`.
struct PotentialArguments: ParsableArguments {
    @Option(help: "Months in the current window (a month is 365.2425/12 days; 12 months = 365 days).")
    var currentWindow = Double(Defaults.standard.currentWindowMonths)

    @Option(help: "Months of future profit in the potential value.")
    var horizon = Defaults.standard.horizonMonths

    @Option(help: "Discount rate per month (0.01 a month is about 12.7 % a year).")
    var discountRate = Defaults.standard.discountRate

    @Option(
        help: ArgumentHelp(
            "Potential value by: model (BG/NBD + Gamma-Gamma CLV × margin) or pv (current profit per month, "
                + "retained and discounted).")
    )
    var potential: PotentialMethod = Defaults.standard.potentialMethod

    @Option(help: "Annual retention rate for pv, 0…1 (default: measured on the data).")
    var retention: Double?

    func validate() throws {
        let window = Defaults.Bounds.currentWindowMonths
        guard currentWindow > 0, currentWindow <= Double(window.upperBound) else {
            throw ValidationError("--current-window must be a positive number of months up to \(window.upperBound)")
        }
        guard Defaults.Bounds.horizonMonths.contains(horizon) else {
            throw ValidationError("--horizon must be a whole number of months, 1…1200")
        }
        guard discountRate >= 0, discountRate.isFinite else { throw ValidationError("--discount-rate must be ≥ 0") }
        if let retention, !(0...1).contains(retention) {
            throw ValidationError("--retention must be between 0 and 1 (an annual rate, e.g. 0.6)")
        }
    }
}
