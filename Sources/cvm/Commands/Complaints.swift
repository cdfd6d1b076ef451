import ArgumentParser
import CVMApp
import CustomerValue
import Foundation

extension ComplaintGrouping: ExpressibleByArgument {}

/// `cvm complaints`: complaint resolution times per category (or customer) and overall.
struct Complaints: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Complaint resolution times: median and 90th percentile hours, share open, share within target.",
        discussion: """
            Per category (or --by customer) and overall, at --as-of (default: the latest opening or resolution \
            date): complaints, resolved, still open, median and 90th-percentile hours to resolution, the share \
            still open, the share resolved within --target-hours, and the mean satisfaction after resolution. \
            A complaint resolved after --as-of counts as open. Hours are exact when the file gave times, else \
            whole days × 24.

            CSV: level,category|customer,complaints,resolved,open,median_hours,p90_hours,open_share,\
            within_target_share,mean_satisfaction,satisfaction_scale,mean_satisfaction_share (the last row is \
            level overall).
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    @Option(name: .customLong("as-of"), help: ArgumentHelp("The date to see the complaints from.", valueName: "date"))
    var asOf: Day?
    @Option(help: "The resolution target in hours.") var targetHours = Defaults.standard.complaintTargetHours
    @Option(help: "Group by category or customer.") var by: ComplaintGrouping = .category
    @Option(help: "Language of the table: en or zh.") var lang: Language = .en
    @Option(help: "Rows shown in a table.") var limit = Defaults.standard.rowsShown

    func run() async throws {
        do {
            let workspace = try global.openWorkspaceForReading()
            let result = try await workspace.complaints(
                ComplaintsRequest(asOf: asOf, targetHours: targetHours, by: by))
            let sink = try output.sink()
            defer { sink.close() }
            switch output.format {
            case .csv: result.writeCSV(sink.write)
            case .json: sink.line(try JSONDocument.text(result.document))
            case .table: sink.line(ComplaintsView.table(result, lang: lang, limit: limit))
            }
        } catch { throw UserFacingError.wrap(error, in: lang) }
    }
}

enum ComplaintsView {
    static func table(_ result: ComplaintsResult, lang: Language, limit: Int) -> String {
        let t = result.times
        var lines = [
            RelationshipTexts.complaintsTitle(
                asOf: t.asOf.description, target: Number.readable(t.targetHours, digits: 0), count: t.overall.count
            ).text(in: lang), "",
        ]
        var table = TerminalTable(
            headers: RelationshipTexts.complaintHeaders(by: result.by).headers(in: lang),
            alignments: [.left] + Array(repeating: .right, count: 9))
        func row(_ key: String, _ s: ResolutionStatistics) -> [String] {
            func hours(_ h: Double?) -> String { h.map { Number.readable($0, digits: 1) } ?? "–" }
            func share(_ x: Double?) -> String { x.map(Number.percent) ?? "–" }
            let satisfaction =
                s.meanSatisfaction.map { m in
                    Number.readable(m, digits: 2) + (s.satisfactionScale.map { " (\($0))" } ?? "")
                } ?? "–"
            return [
                key, String(s.count), String(s.resolved), String(s.open), hours(s.medianHours),
                hours(s.percentile90Hours), share(s.openShare), share(s.withinTargetShare), satisfaction,
                s.meanSatisfactionShare.map { Number.readable($0, digits: 2) } ?? "–",
            ]
        }
        for group in t.groups.prefix(max(0, limit)) {
            let key = group.key ?? RelationshipTexts.noCategory.text(in: lang)
            table.append(row(key, group.statistics))
        }
        table.append(row(RelationshipTexts.overall.text(in: lang), t.overall))
        lines.append(table.render())
        if t.groups.count > limit { lines.append(RelationshipTexts.moreRows(t.groups.count - limit).text(in: lang)) }
        lines.append("")
        lines.append(RelationshipTexts.withinTargetNote.text(in: lang))
        return lines.joined(separator: "\n")
    }
}
