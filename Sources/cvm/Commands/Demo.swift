import ArgumentParser
import CVMApp
import CVMServer
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
            it suggests at the end name the demo's database. It also makes a dashboard login (user demo, a \
            random password it prints) and, at a terminal, offers to start `cvm serve` on the database.
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
        print(Text.demoImported(lang, Workspace.shownAddress(databasePath), demo.imported))
        for line in demo.relationshipImports { print(line) }
        if let surveys = demo.surveysImported { print(Text.demoImportedSurvey(lang, surveys)) }

        let summary = demo.summary
        try write(folder.appendingPathComponent("summary.csv"), database: databasePath) { sink in
            summary.writeCSV(sink.write)
        }
        try write(folder.appendingPathComponent("segments.csv"), database: databasePath) {
            SegmentReport.writeCustomersCSV(summary.table, demo.segmentation, to: $0)
        }
        try write(folder.appendingPathComponent("segment_summary.csv"), database: databasePath) {
            SegmentReport.writeGroupsCSV(demo.segmentation, to: $0)
        }
        try write(folder.appendingPathComponent("predictions.csv"), database: databasePath) {
            PredictionReport.writeCSV(demo.predictions, to: $0)
        }

        print("")
        print(Overview.text(summary, lang: lang))
        print("")
        print(SegmentReport.table(demo.segmentation, lang: lang))
        print("")
        print(FitReport.table(demo.purchaseFit, lang: lang))
        let settings = PredictionSettings(
            model: demo.purchaseFit, spend: demo.spendFit, horizon: Double(demo.horizonMonths), unit: .month,
            discountRate: demo.discountRate, margin: demo.margin, asOf: nil)
        print("")
        print(
            PredictionReport.table(
                demo.predictions, settings: settings, source: Text.demoSample(lang), limit: 10, lang: lang))
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
            Text.reportWroteRun(
                lang, demo.report.run.id, demo.report.run.asOf, reportPath, demo.report.report.sections.count))
        var results = "summary.csv, segments.csv, segment_summary.csv, predictions.csv, report.html"
        if demo.surveysImported != nil {
            // The customer's view, from the bundled synthetic survey.
            let satisfaction = try await demo.workspace.satisfaction()
            try write(folder.appendingPathComponent("satisfaction.csv"), database: databasePath) {
                satisfaction.writeCSV($0.write)
            }
            results += ", satisfaction.csv"
            print("")
            print(Text.demoCustomerView(lang))
            print(SatisfactionTable.render(satisfaction.groups[0], lang: lang))
        }
        print("")
        print(Text.demoResults(lang, folder.path, results))
        print(Text.demoOpenReport(lang, reportPath))
        let db = shellQuoted(Workspace.shownAddress(databasePath))
        print(Text.demoNext(lang, "cvm summary --database \(db) --unit week --calibration-end 1997-09-30"))
        // The customer 360 of the most valuable customer, the complaints and the owners' books.
        let views =
            (demo.spotlight.map { ["cvm customer \(shellQuoted($0)) --database \(db)"] } ?? [])
            + ["cvm complaints --database \(db)", "cvm owners --database \(db)"]
        print(Text.demoNext(lang, views.joined(separator: "` · `")))
        print("")
        print(Text.cliDemoDashboard(lang, "cvm serve --database \(db)", demo.login.user, demo.login.password))
        // At a terminal the demo offers to start the dashboard itself; a script gets the lines above.
        if isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 {
            print(Text.cliDemoServeNow(lang), terminator: " ")
            if let answer = readLine(),
                ["y", "yes", "是", "好"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased())
            {
                try await runServer(ServerConfiguration(database: databasePath))
            }
        }
    }

    /// Writes one result file through the same checks as every output: never over the database,
    /// written beside its place and renamed into it when complete.
    private func write(_ url: URL, database: String, _ body: (TextSink) -> Void) throws {
        let target = try OutputTarget.check(url.path, writing: .csv, database: database, inputs: [], force: false)
        let sink = TextSink(file: try target.open())
        body(sink)
        sink.close()
    }
}

/// The headline figures of a customer base.
enum Overview {
    static func text(_ summary: SummaryResult, lang: Language) -> String {
        let s = summary.table
        func t(_ key: Catalogue.Text) -> String { Catalogue.text(key, in: lang) }
        let first = s.firstDay.min().map(\.description) ?? "–"
        let last = s.lastDay.max().map(\.description) ?? "–"
        let rows = [
            (t(.customers), String(s.count)),
            (t(.transactions), String(s.orders.reduce(0, +))),
            (t(.revenue), Number.readable(summary.totalRevenue)),
            (t(.revenuePerCustomer), Number.readable(summary.totalRevenue / Double(max(s.count, 1)))),
            (t(.repeatRate), Number.percent(summary.repeatRate) + Text.repeatBuyersNote(lang, summary.repeatCustomers)),
            (t(.period), Text.periodFromTo(lang, first, last)),
        ]
        return rows.map { TerminalTable.labelled($0.0, $0.1) }.joined(separator: "\n")
    }
}
