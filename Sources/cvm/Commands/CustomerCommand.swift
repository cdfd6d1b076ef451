import ArgumentParser
import CVMApp
import CustomerValue
import Foundation

/// `cvm customer ID`: the customer 360.
struct CustomerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "customer",
        abstract:
            "One customer on one page: profile, value by month, RFM, predictions, lifecycle, warning, care tasks, "
            + "interactions, complaints.",
        discussion: """
            Predictions come from the latest stored analysis run (cvm analyze). The RFM row, key-account flag, \
            lifecycle stage and churn warning come from the run at the view's date when there is one (quick: one \
            row is read); without one they are computed over every customer, which takes longer on a large \
            database. Key accounts (the tiers' rule: \
            the top customers by profit to --as-of) also get a visit plan: the last contact, the usual interval \
            between contacts (the median gap; a default when there are fewer than two contacts), the next \
            contact it puts due, and complaints open beyond the resolution target.

            CSV: section,date,field,value — one fact per row (sections profile, month, summary, prediction, \
            lifecycle, warning, task, interaction, complaint, visit_plan).
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "The customer's id.") var id: String
    @Option(name: .customLong("as-of"), help: ArgumentHelp("The date to see the customer from.", valueName: "date"))
    var asOf: Day?
    @Option(help: "Language of the table: en or zh.") var lang: Language = .en
    @Option(help: "Months, interactions and complaints shown in a table.") var limit = Defaults.standard.rowsShown

    func run() async throws {
        do {
            let workspace = try global.openWorkspaceForReading()
            let view = try await workspace.customer(CustomerRequest(id: id, asOf: asOf))
            let sink = try output.sink()
            defer { sink.close() }
            switch output.format {
            case .csv: view.rows(in: lang).writeCSV(sink.write)
            case .json: sink.line(try JSONDocument.text(view.document(in: lang)))
            case .table:
                let surveys = try await workspace.surveyAnswers(customer: view.profile.id).filter {
                    $0.day <= view.asOf
                }
                sink.line(CustomerPageText.table(view, surveys: surveys, lang: lang, limit: limit))
            }
        } catch { throw UserFacingError.wrap(error, in: lang) }
    }
}

/// The customer 360 laid out for a terminal.
enum CustomerPageText {
    static func table(_ v: CustomerView, surveys: [SurveyAnswer] = [], lang: Language, limit: Int) -> String {
        var lines: [String] = []
        for block in v.page(in: lang, limit: limit, surveys: surveys).blocks {
            switch block {
            case .heading(let title):
                lines += lines.isEmpty ? [title] : ["", title]
            case .line(let text):
                lines.append(text)
            case .paragraph(let text):
                lines += ["", text]
            case .table(let headers, let rows, let numeric, let more):
                var table = TerminalTable(
                    headers: headers, alignments: headers.indices.map { numeric.contains($0) ? .right : .left })
                for row in rows { table.append(row) }
                lines.append(table.render())
                if more > 0 { lines.append(RelationshipTexts.moreRows(more).text(in: lang)) }
            case .tasks:
                // The table of tasks that follows says all a terminal can show.
                break
            }
        }
        return lines.joined(separator: "\n")
    }
}
