import ArgumentParser
import CVMApp
import CustomerValue
import Foundation

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the whole job on the bundled CDNOW sample: database, import, summary, segments.",
        discussion: """
            The CDNOW sample is the public data set of Fader & Hardie's CLV papers: 6,919 purchases of \
            2,357 customers of an online CD store, January 1997 to June 1998. The demo creates a fresh \
            database in the output folder (or at --database), imports the sample, segments the customers, \
            fits BG/NBD and Gamma-Gamma, predicts every customer's 12-month CLV (1 % a month discount), \
            writes summary.csv, segments.csv, segment_summary.csv and predictions.csv there, stores an \
            analysis run named demo (as `cvm analyze`) and writes its HTML report report.html. The commands \
            it suggests at the end name the demo's database.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Folder for the database and the results.", valueName: "dir"))
    var out = "cvm-demo"

    @Option(help: "Language of the overview: en or zh.")
    var lang: Language = .en

    func run() async throws {
        let folder = URL(fileURLWithPath: out)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let databasePath = global.database ?? folder.appendingPathComponent("cvm.sqlite").path
        // The analysis progress comes after the import and the tables, as the steps ran before.
        let demo = try await Workspace.demo(DemoRequest(database: databasePath, language: lang))
        print("Imported the CDNOW sample into \(databasePath): \(demo.imported)")
        if let surveys = demo.surveysImported {
            print("Imported its synthetic survey (samples/surveys.csv, 1–7 scale): \(surveys)")
        }

        let summary = demo.summary
        try write(folder.appendingPathComponent("summary.csv")) { sink in summary.writeCSV(sink.write) }
        try write(folder.appendingPathComponent("segments.csv")) {
            SegmentReport.writeCustomersCSV(summary.table, demo.segmentation, to: $0)
        }
        try write(folder.appendingPathComponent("segment_summary.csv")) {
            SegmentReport.writeGroupsCSV(demo.segmentation, to: $0)
        }
        try write(folder.appendingPathComponent("predictions.csv")) {
            PredictionReport.writeCSV(demo.predictions, to: $0)
        }

        print("")
        print(Overview.text(summary.table, lang: lang))
        print("")
        print(SegmentReport.table(demo.segmentation, lang: lang))
        print("")
        print(FitReport.table(demo.purchaseFit))
        let settings = PredictionSettings(
            model: demo.purchaseFit, spend: demo.spendFit, horizon: Double(demo.horizonMonths), unit: .month,
            discountRate: demo.discountRate, margin: demo.margin, asOf: nil)
        print("")
        print(PredictionReport.table(demo.predictions, settings: settings, source: "the CDNOW sample", limit: 10))
        print("")
        for step in demo.analysis.settings.steps {
            guard let name = AnalysisStep(rawValue: step.step) else { continue }
            AnalysisText.printProgress(
                AnalysisProgress(
                    step: name, number: (AnalysisStep.allCases.firstIndex(of: name) ?? 0) + 1,
                    total: AnalysisStep.allCases.count, ran: step.status == "ran", seconds: step.seconds,
                    detail: step.detail))
        }
        print(AnalysisText.overview(demo.analysis, database: databasePath, lang: lang))
        let reportPath = folder.appendingPathComponent("report.html").path
        try OutputTarget.check(reportPath, writing: .html, database: databasePath, inputs: [], force: false)
            .write(try demo.report.html())
        print("")
        print(
            "Wrote the report of run \(demo.report.run.id) (as of \(demo.report.run.asOf)) to \(reportPath) "
                + "(\(demo.report.report.sections.count) sections).")

        var results = "summary.csv, segments.csv, segment_summary.csv, predictions.csv, report.html"
        if demo.surveysImported != nil {
            // The customer's view, from the bundled synthetic survey.
            let satisfaction = try await demo.workspace.satisfaction()
            try write(folder.appendingPathComponent("satisfaction.csv")) { satisfaction.writeCSV($0.write) }
            results += ", satisfaction.csv"
            print("")
            print(
                lang == .zh
                    ? "顾客视角（合成调查数据）：" : "The customer's view (synthetic survey):")
            print(SatisfactionTable.render(satisfaction.groups[0], lang: lang))
        }
        print("")
        print("Results in \(folder.path)/: " + results)
        print("Open the report: \(reportPath)")
        let db = shellQuoted(databasePath)
        print("Next: `cvm summary --database \(db) --unit week --calibration-end 1997-09-30`")
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
