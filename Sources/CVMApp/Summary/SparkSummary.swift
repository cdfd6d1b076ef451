import CVMStore
import CustomerValue
import Foundation

/// The summary of transaction files that live beyond one machine, computed by Apache Spark.
///
/// cvm ships a small Spark SQL job (`Resources/spark/cvm_summary.py`) that reads CSV or Parquet
/// files and writes each customer's purchase-day totals; `SummaryBuilder` turns them into the
/// summary exactly as it does the database's, so the two paths give the same figures customer by
/// customer. The job runs through `spark-submit`, with `--master` passed through (`local[*]` by
/// default, or a cluster's master URL).
public struct SparkSummaryRequest: Sendable, Equatable {
    /// The CSV or Parquet files (or folders of them, as Spark reads them).
    public var inputs: [String]
    /// `csv` or `parquet`; default: from the first input's extension (csv otherwise).
    public var format: String?
    /// The columns holding the customer id, the date and the amount (Spark matches them ignoring
    /// case, spaces, underscores and hyphens).
    public var customerColumn, dateColumn, amountColumn: String
    /// A date pattern such as `dd.MM.yyyy`; default: YYYY-MM-DD, YYYY/MM/DD or YYYYMMDD.
    public var dateFormat: String?
    /// The CSV field delimiter.
    public var delimiter: Character
    public var unit: TimeUnit?
    public var asOf: Day?
    public var calibrationEnd: Day?
    /// Leave out rows that cannot be read instead of failing.
    public var skipInvalid: Bool
    /// Spark's master URL.
    public var master: String
    /// The `spark-submit` program; default: `$SPARK_HOME/bin/spark-submit`, else the one on `PATH`.
    public var sparkSubmit: String?

    public init(
        inputs: [String], format: String? = nil, customerColumn: String = "customer_id", dateColumn: String = "date",
        amountColumn: String = "amount", dateFormat: String? = nil, delimiter: Character = ",", unit: TimeUnit? = nil,
        asOf: Day? = nil, calibrationEnd: Day? = nil, skipInvalid: Bool = false, master: String = "local[*]",
        sparkSubmit: String? = nil
    ) {
        self.inputs = inputs
        self.format = format
        self.customerColumn = customerColumn
        self.dateColumn = dateColumn
        self.amountColumn = amountColumn
        self.dateFormat = dateFormat
        self.delimiter = delimiter
        self.unit = unit
        self.asOf = asOf
        self.calibrationEnd = calibrationEnd
        self.skipInvalid = skipInvalid
        self.master = master
        self.sparkSubmit = sparkSubmit
    }
}

/// What the Spark job reports besides the summary.
public struct SparkSummaryResult: Sendable {
    public let summary: SummaryResult
    /// Rows left out because they could not be read (with `skipInvalid`).
    public let skippedRows: Int
    /// The observation end the job used (the last date in the data unless one was given).
    public let observationEnd: Day
}

/// Runs cvm's Spark job.
public enum SparkSummary {
    /// The summary of `request.inputs` computed by Spark.
    ///
    /// Throws `AppError` `.unavailable` when `spark-submit` cannot be found or Spark fails, and the
    /// job's own `.invalidFile` / `.invalidRequest` errors (a missing column, unreadable rows, a
    /// calibration end after the observation end).
    public static func run(_ request: SparkSummaryRequest, defaults: Defaults = .standard) async throws
        -> SparkSummaryResult
    {
        guard !request.inputs.isEmpty else { throw AppError(.invalidRequest, .sparkNoInput) }
        for input in request.inputs where !FileManager.default.fileExists(atPath: input) && !input.contains("://") {
            throw AppError(.invalidFile, .sparkMissingInput, input)
        }
        if let asOf = request.asOf, let end = request.calibrationEnd, end > asOf {
            throw AppError(.invalidRequest, .sparkCalibrationAfterEnd, end, asOf)
        }
        guard let job = Bundle.module.url(forResource: "cvm_summary", withExtension: "py", subdirectory: "spark") else {
            throw AppError(.unavailable, .sparkJobMissing)
        }
        let submit = try sparkSubmit(request.sparkSubmit)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cvm-spark-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("totals")

        var arguments = [
            "--master", request.master, "--conf", "spark.ui.showConsoleProgress=false", "--conf",
            "spark.sql.session.timeZone=UTC", job.path,
        ]
        for input in request.inputs { arguments += ["--input", input] }
        let format = request.format ?? (request.inputs[0].lowercased().hasSuffix(".parquet") ? "parquet" : "csv")
        arguments += [
            "--format", format, "--customer", request.customerColumn, "--date", request.dateColumn, "--amount",
            request.amountColumn, "--delimiter", String(request.delimiter), "--output", output.path,
        ]
        if let pattern = request.dateFormat { arguments += ["--date-format", pattern] }
        if let asOf = request.asOf { arguments += ["--as-of", asOf.description] }
        if let end = request.calibrationEnd { arguments += ["--calibration-end", end.description] }
        if request.skipInvalid { arguments.append("--skip-invalid") }

        let log = try await runProcess(submit, arguments, log: folder.appendingPathComponent("spark.log"))
        let lines = log.text.split(whereSeparator: \.isNewline).map(String.init)
        if let message = lines.last(where: { $0.hasPrefix("cvm-error: ") }) {
            let text = String(message.dropFirst("cvm-error: ".count))
            let code: AppError.Code = text.hasPrefix("the calibration end") ? .invalidRequest : .invalidFile
            throw AppError(code, text)
        }
        guard log.status == 0, let done = lines.last(where: { $0.hasPrefix("cvm-summary: ") }) else {
            let tail = lines.suffix(12).joined(separator: "\n")
            throw AppError(.unavailable, .sparkFailed, log.status, tail)
        }
        // "cvm-summary: end YYYY-MM-DD calibration YYYY-MM-DD skipped N"
        let words = done.split(separator: " ")
        guard words.count == 7, let end = Day(iso: String(words[2])), let skipped = Int(words[6]) else {
            throw AppError(.unavailable, .sparkFailed, log.status, done)
        }
        let calibrationEnd = request.calibrationEnd
        let table = try readTotals(
            in: output, unit: request.unit ?? defaults.summaryUnit, observationEnd: end,
            calibrationEnd: calibrationEnd)
        guard table.count > 0 else { throw AppError(.noData, .sparkNoCustomers) }
        return SparkSummaryResult(summary: SummaryResult(table: table), skippedRows: skipped, observationEnd: end)
    }

    /// The `spark-submit` to run: the one given, `$SPARK_HOME/bin/spark-submit`, or the first on `PATH`.
    static func sparkSubmit(_ given: String?) throws -> String {
        if let given {
            guard FileManager.default.isExecutableFile(atPath: given) else {
                throw AppError(.unavailable, .sparkSubmitMissing, given)
            }
            return given
        }
        let environment = ProcessInfo.processInfo.environment
        var candidates: [String] = []
        if let home = environment["SPARK_HOME"] { candidates.append(home + "/bin/spark-submit") }
        for folder in (environment["PATH"] ?? "").split(separator: ":") { candidates.append(folder + "/spark-submit") }
        if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) { return found }
        throw AppError(.unavailable, .sparkNotInstalled)
    }

    /// Runs `program` with its output and errors going to `log` (Spark writes a lot; a pipe would
    /// fill and stall it), and returns the exit status with the log's text.
    static func runProcess(_ program: String, _ arguments: [String], log: URL) async throws
        -> (status: Int32, text: String)
    {
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        defer { try? handle.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        // A spark-submit installed by pip into a virtual environment finds its Spark and its Python
        // only when that environment's folder comes first on PATH.
        var environment = ProcessInfo.processInfo.environment
        let folder = URL(fileURLWithPath: program).deletingLastPathComponent().path
        environment["PATH"] = folder + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        let python = folder + "/python3"
        if environment["PYSPARK_PYTHON"] == nil, FileManager.default.isExecutableFile(atPath: python) {
            environment["PYSPARK_PYTHON"] = python
        }
        process.environment = environment
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: AppError(.unavailable, .sparkSubmitMissing, program))
            }
        }
        return (status, (try? String(contentsOf: log, encoding: .utf8)) ?? "")
    }

    /// The job's totals (one CSV file in `folder`, header first) as a summary.
    static func readTotals(in folder: URL, unit: TimeUnit, observationEnd: Day, calibrationEnd: Day?) throws
        -> SummaryTable
    {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        guard let part = files.sorted().first(where: { $0.hasPrefix("part-") && $0.hasSuffix(".csv") }) else {
            throw AppError(.unavailable, .sparkFailed, 0, folder.path)
        }
        let url = folder.appendingPathComponent(part)
        var builder = SummaryBuilder(unit: unit, observationEnd: observationEnd, calibrationEnd: calibrationEnd)
        let columns = [
            "customer_id", "periods", "holdout_periods", "first_day", "last_day", "repeat_value", "revenue", "orders",
            "holdout_value", "holdout_rows",
        ]
        let records = try CSVRecords(url).records
        guard let header = records.first?.fields, header == columns else {
            throw AppError(.unavailable, .sparkFailed, 0, url.lastPathComponent)
        }
        for record in records.dropFirst() {
            let f = record.fields
            guard f.count == columns.count, let periods = Int(f[1]), let holdoutPeriods = Int(f[2]),
                let first = Int(f[3]), let last = Int(f[4]), let repeatValue = Double(f[5]),
                let revenue = Double(f[6]), let orders = Int(f[7]), let holdoutValue = Double(f[8]),
                let holdoutRows = Int(f[9])
            else { throw AppError(.unavailable, .sparkFailed, 0, "\(part), line \(record.line)") }
            builder.add(
                id: f[0], periods: periods, holdoutPeriods: holdoutPeriods, firstDay: first, lastDay: last,
                repeatValue: repeatValue, revenue: revenue, orders: orders, holdoutValue: holdoutValue,
                holdoutRows: holdoutRows)
        }
        return builder.summary()
    }
}
