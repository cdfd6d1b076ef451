import ArgumentParser
import CVMApp
import CustomerValue

extension Day: ExpressibleByArgument {
    public init?(argument: String) { self.init(iso: argument) }
    public static var defaultCompletionKind: CompletionKind { .default }
}

extension TimeUnit: ExpressibleByArgument {}

extension SegmentScheme: ExpressibleByArgument {}

extension Language: ExpressibleByArgument {}

extension FileImportOptions.DecimalSeparator: ExpressibleByArgument {}

/// Options that choose what a summary covers; shared by every command that builds one.
struct SummaryArguments: ParsableArguments {
    @Option(help: "Time unit of recency and T: day, week (7 days) or month (365.2425/12 days).")
    var unit: TimeUnit = .day

    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp("End of observation, YYYY-MM-DD (default: the last transaction date).", valueName: "date"))
    var asOf: Day?

    @Option(
        help: ArgumentHelp(
            "End of the calibration period, YYYY-MM-DD; adds holdout columns for the days after it.",
            valueName: "date"))
    var calibrationEnd: Day?
}
