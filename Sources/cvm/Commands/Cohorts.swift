import ArgumentParser
import CVMApp
import CustomerValue
import Foundation

extension CohortMetric: ExpressibleByArgument {}

struct Cohorts: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Retention and revenue by acquisition-month cohort: the cohort triangle.",
        discussion: """
            A customer's cohort is the month of their first purchase. The cell of a cohort at age k (months) \
            counts the cohort's customers who bought in month cohort + k (retention: their share of the \
            cohort; revenue: what they bought then). The last month is counted up to the as-of date.

            CSV (one row per cohort and age): cohort,age_months,cohort_customers,active,retention,revenue.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp("The as-of date, YYYY-MM-DD (default: the last transaction date).", valueName: "date"))
    var asOf: Day?
    @Option(help: "What a table's cells show: retention, revenue or customers.") var metric: CohortMetric = .retention
    @Option(help: "Language of the table: en or zh.") var lang: Language = .en

    func run() async throws {
        do {
            let result = try await global.openWorkspaceForReading().cohorts(CohortsRequest(asOf: asOf))
            let sink = try output.sink()
            defer { sink.close() }
            switch output.format {
            case .table: sink.line(CohortsView.table(result, metric: metric, lang: lang))
            case .csv: result.writeCSV(sink.write)
            case .json: sink.line(try JSONDocument.text(result.document))
            }
        } catch { throw UserFacingError.wrap(error, in: lang) }
    }
}

enum CohortsView {
    static func table(_ r: CohortsResult, metric: CohortMetric, lang: Language) -> String {
        let ages = r.triangle.cohorts.map(\.active.count).max() ?? 0
        var table = TerminalTable(
            headers: [Text.cohortsCohort(lang), Text.lifecycleCustomers(lang)] + (0..<ages).map { "+\($0)" },
            alignments: [.left] + [TerminalTable.Alignment](repeating: .right, count: ages + 1))
        for c in r.triangle.cohorts {
            let cells = c.active.indices.map { age -> String in
                let value = CohortsResult.value(c, age: age, metric)
                switch metric {
                case .retention: return Number.percent(value)
                case .revenue: return Number.readable(value, digits: 0)
                case .customers: return String(c.active[age])
                }
            }
            table.append(
                [c.month.description, String(c.customers)] + cells
                    + [String](repeating: "", count: ages - cells.count))
        }
        return [
            Text.cohortsHeading(
                lang,
                {
                    switch metric {
                    case .retention: Text.cohortsRetention(lang)
                    case .revenue: Text.cohortsRevenue(lang)
                    case .customers: Text.cohortsActive(lang)
                    }
                }(), r.triangle.asOf), "", table.render(),
        ].joined(separator: "\n")
    }
}
