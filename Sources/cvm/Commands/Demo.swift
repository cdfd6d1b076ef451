import ArgumentParser
import CVMApp
import CVMStore
import CustomerValue
import Foundation

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the whole job on the bundled CDNOW sample: database, import, summary, segments.",
        discussion: """
            The CDNOW sample is the public data set of Fader & Hardie's CLV papers: 6,919 purchases of \
            2,357 customers of an online CD store, January 1997 to June 1998. The demo creates a fresh \
            database in the output folder (or at --database), imports the sample, segments the customers, \
            fits BG/NBD and Gamma-Gamma, predicts every customer's 12-month CLV (1 % a month discount), \
            writes summary.csv, segments.csv, segment_summary.csv and predictions.csv there, runs \
            `cvm analyze` (a stored analysis run named demo) and writes the HTML report report.html.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Folder for the database and the results.", valueName: "dir"))
    var out = "cvm-demo"

    @Option(help: "Language of the overview: en or zh.")
    var lang: Language = .en

    func run() throws {
        guard let sample = SampleData.cdnowTransactions else {
            throw ValidationFailure("the bundled sample data is missing from this build; rebuild cvm with `swift build`")
        }
        let folder = URL(fileURLWithPath: out)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let databasePath = global.database ?? folder.appendingPathComponent("cvm.sqlite").path
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: databasePath + suffix) }
        let store = try Store.create(at: databasePath)

        let report = try store.importTransactions(from: sample)
        print("Imported the CDNOW sample into \(databasePath): \(report.counts)")

        let summary = try store.summary(SummaryOptions(unit: .week))
        let segmentation = Segmentation(scores: RFMScores(summary: summary))
        try write(folder.appendingPathComponent("summary.csv")) { sink in SummaryResult(table: summary).writeCSV(sink.write) }
        try write(folder.appendingPathComponent("segments.csv")) {
            SegmentReport.writeCustomersCSV(summary, segmentation, to: $0)
        }
        try write(folder.appendingPathComponent("segment_summary.csv")) {
            SegmentReport.writeGroupsCSV(segmentation, to: $0)
        }

        // Lifetime value: BG/NBD purchases and Gamma-Gamma spend, 12 months at 1 % a month.
        let model = summary.histories.fit(BGNBD.self)
        let spend = GammaGamma(fitting: summary.frequency, monetary: summary.monetary)
        let expectedSpend = spend.expectedAverageSpend(frequency: summary.frequency, monetary: summary.monetary)
        let horizon = Horizon(periods: 12, unit: .month, modelUnit: .week)
        let predictions = PredictionSet(
            model: BGNBD.key, spendModel: GammaGamma.key, settings: "{\"demo\": true}", ids: summary.ids,
            probabilityAlive: model.probabilityAlive(summary.histories),
            expectedPurchases: model.expectedPurchases(in: 12 * TimeUnit.month.days / TimeUnit.week.days, summary.histories),
            expectedSpend: expectedSpend,
            clv: CustomerLifetimeValue.values(
                model: model, histories: summary.histories, spend: expectedSpend, horizon: horizon, discountRate: 0.01))
        try store.savePredictions(predictions)
        try write(folder.appendingPathComponent("predictions.csv")) { PredictionReport.writeCSV(predictions, to: $0) }

        print("")
        print(Overview.text(summary, lang: lang))
        print("")
        print(SegmentReport.table(segmentation, lang: lang))
        print("")
        var fit = model.fit
        fit.unit = .week
        print(FitReport.table(fit))
        let settings = PredictionSettings(
            model: fit, spend: spend.fit, horizon: 12, unit: .month, discountRate: 0.01, margin: 1, asOf: nil)
        print("")
        print(PredictionReport.table(predictions, settings: settings, source: "the CDNOW sample", limit: 10))
        // The whole pipeline as a stored analysis run, and the HTML report of it.
        print("")
        var analysis = try AnalysisOptions.parse([])
        analysis.name = "demo"
        let outcome = try AnalysisPipeline(options: analysis).run(store)
        print(outcome.text)
        let reportPath = folder.appendingPathComponent("report.html").path
        var reportCommand = try ReportCommand.parse(
            ["--database", databasePath, "--out", reportPath, "--run", String(outcome.run), "--lang", lang.rawValue])
        print("")
        try reportCommand.run()

        print("")
        print("Results in \(folder.path)/: summary.csv, segments.csv, segment_summary.csv, predictions.csv, report.html")
        print("Open the report: \(reportPath)")
        print("Next: `cvm summary --database \(databasePath) --unit week --calibration-end 1997-09-30`")
    }

    private func write(_ url: URL, _ body: (TextSink) -> Void) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw ValidationFailure("cannot write \(url.path)")
        }
        let sink = TextSink(handle: try FileHandle(forWritingTo: url), path: url.path)
        body(sink)
        sink.close()
    }
}

/// The headline figures of a customer base.
enum Overview {
    static func text(_ s: SummaryTable, lang: Language) -> String {
        let customers = s.count
        let repeaters = s.frequency.filter { $0 > 0 }.count
        let revenue = s.revenue.reduce(0, +)
        let orders = s.orders.reduce(0, +)
        let first = s.firstDay.min().map(\.description) ?? "–"
        let last = s.lastDay.max().map(\.description) ?? "–"
        let repeatRate = Number.percent(Double(repeaters) / Double(max(customers, 1)))
        let perCustomer = Number.readable(revenue / Double(max(customers, 1)))
        if lang == .zh {
            return """
                客户数        \(customers)
                交易笔数      \(orders)
                总收入        \(Number.readable(revenue))
                客均收入      \(perCustomer)
                复购率        \(repeatRate)（\(repeaters) 位客户有重复购买）
                时间范围      \(first) 至 \(last)
                """
        }
        return """
            Customers          \(customers)
            Transactions       \(orders)
            Revenue            \(Number.readable(revenue))
            Revenue/customer   \(perCustomer)
            Repeat rate        \(repeatRate) (\(repeaters) customers bought again)
            Period             \(first) to \(last)
            """
    }
}
