import ArgumentParser
import CVMApp
import CustomerValue
import Foundation

struct Summary: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Per-customer RFM summary: frequency, recency, T, monetary value.",
        discussion: """
            Definitions (as in the BTYD literature and lifetimes): purchases on one calendar day are one \
            purchase period; frequency = purchase periods − 1; recency = first to last purchase; T = first \
            purchase to the observation end; monetary = mean value of the repeat purchase periods (0 when \
            frequency is 0). revenue = sum of all amounts (returns included), orders = transaction rows.

            CSV columns: customer_id,frequency,recency,T,monetary,revenue,orders,first_date,last_date \
            and, with --calibration-end, frequency_holdout,monetary_holdout,duration_holdout.

            With --engine spark the summary of transaction files (CSV or Parquet, local or on shared \
            storage) is computed by Apache Spark instead of the database: cvm runs its Spark SQL job \
            with spark-submit (from $SPARK_HOME/bin or PATH, or --spark-submit), on --master (local[*] by \
            default). The figures are the database's, customer by customer. The Spark job reads plain \
            numbers (a point for decimals) and ISO dates unless --date-format says otherwise.

            Example: cvm summary --engine spark --input orders.parquet --master spark://host:7077 \
            --format csv --out summary.csv
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var period: SummaryArguments
    @OptionGroup var output: OutputOptions

    @Option(help: "Rows shown by --format table (all rows go to csv and json).")
    var limit = Defaults.standard.rowsShown

    @Option(help: "Language of the table's headline: en or zh.") var lang: Language = .en

    @OptionGroup(title: "Spark") var spark: SparkArguments

    func validate() throws {
        if spark.engine == .spark, spark.inputs.isEmpty {
            throw ValidationError("--engine spark reads the files given with --input PATH")
        }
        if spark.engine == .database, !spark.inputs.isEmpty {
            throw ValidationError("--input is read by --engine spark; add --engine spark, or drop --input")
        }
    }

    func run() async throws {
        do {
            let result: SummaryResult
            switch spark.engine {
            case .database:
                let workspace = try global.openWorkspaceForReading()
                result = try await workspace.summary(
                    SummaryRequest(unit: period.unit, asOf: period.asOf, calibrationEnd: period.calibrationEnd))
            case .spark:
                let computed = try await SparkSummary.run(try spark.request(period))
                if computed.skippedRows > 0 {
                    FileHandle.standardError.write(Data((Text.sparkSkipped(lang, computed.skippedRows) + "\n").utf8))
                }
                result = computed.summary
            }
            try write(result)
        } catch { throw UserFacingError.wrap(error, in: lang) }
    }

    private func write(_ result: SummaryResult) throws {
        let sink = try output.sink()
        defer { sink.close() }
        switch output.format {
        case .csv: result.writeCSV(sink.write)
        case .json: sink.line(try JSONDocument.text(result.document))
        case .table: sink.line(SummaryView.table(result, limit: limit, lang: lang))
        }
        if let path = sink.path {
            FileHandle.standardError.write(Data((Text.wroteCustomers(lang, result.rowCount, path) + "\n").utf8))
        }
    }
}

/// Where the summary is computed: the database, or Apache Spark over files.
enum SummaryEngine: String, ExpressibleByArgument, CaseIterable {
    case database, spark
}

/// The options of a summary computed by Spark.
struct SparkArguments: ParsableArguments {
    @Option(help: "Where the summary is computed: database (default) or spark (over --input files).")
    var engine: SummaryEngine = .database

    @Option(
        name: .customLong("input"),
        help: ArgumentHelp(
            "A CSV or Parquet transaction file or folder for --engine spark (repeat for several).", valueName: "path"))
    var inputs: [String] = []

    @Option(help: ArgumentHelp("Spark's master URL.", valueName: "url")) var master = "local[*]"

    @Option(help: ArgumentHelp("The spark-submit program to run.", valueName: "path")) var sparkSubmit: String?

    @Option(
        help: ArgumentHelp(
            "Name the input's column for customer_id, date or amount, e.g. customer_id=会员号.",
            valueName: "field=column,…"))
    var map: [String] = []

    @Option(help: ArgumentHelp("The date pattern of the input, e.g. dd.MM.yyyy.", valueName: "pattern"))
    var dateFormat: String?

    @Option(help: ArgumentHelp("The CSV field delimiter: , ; tab or | (default: ,).", valueName: "char"))
    var delimiter: String?

    @Flag(help: "Leave out input rows that cannot be read instead of stopping (the count is printed).")
    var skipInvalid = false

    func request(_ period: SummaryArguments) throws -> SparkSummaryRequest {
        var request = SparkSummaryRequest(
            inputs: inputs, dateFormat: dateFormat, unit: period.unit, asOf: period.asOf,
            calibrationEnd: period.calibrationEnd, skipInvalid: skipInvalid, master: master, sparkSubmit: sparkSubmit)
        if let delimiter {
            request.delimiter = Character(Unicode.Scalar(try FileImportOptions.delimiter(parsing: delimiter)))
        }
        for text in map {
            for (field, column) in try FileImportOptions.mapping(parsing: text) {
                switch field {
                case "customer_id": request.customerColumn = column
                case "date": request.dateColumn = column
                case "amount": request.amountColumn = column
                default: throw ValidationError("--map \(field)=…: the Spark summary reads customer_id, date and amount")
                }
            }
        }
        return request
    }
}

/// The summary as a terminal table.
enum SummaryView {
    static func table(_ result: SummaryResult, limit: Int, lang: Language = .en) -> String {
        let s = result.table
        let header = result.columns
        var table = TerminalTable(
            headers: header, alignments: [.left] + Array(repeating: .right, count: header.count - 1))
        for i in 0..<min(limit, s.count) {
            var row = result.fields(i)
            for k in [2, 3, 4, 5] { row[k] = Number.readable(Double(row[k]) ?? 0) }
            if s.holdout != nil { row[10] = Number.readable(Double(row[10]) ?? 0) }
            table.append(row)
        }
        let repeaters = result.repeatCustomers
        let share = Number.percent(result.repeatRate)
        let revenue = Number.readable(result.totalRevenue)
        var text = Text.summaryHeadline(
            lang, s.observationEnd, s.unit.plural(in: lang), s.count, repeaters, share, revenue)
        if let h = s.holdout {
            text += Text.summaryHoldout(lang, h.end, Number.exact(h.frequency.reduce(0, +)))
        }
        text += "\n\n" + table.render()
        if s.count > limit {
            text += "\n" + TerminalTable.moreRows(s.count - limit, lang: lang)
        }
        return text
    }
}
