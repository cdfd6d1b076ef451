import ArgumentParser
import CVMApp
import Foundation

/// `cvm delete customer ID`, `cvm delete import ID`, `cvm imports`.
struct Delete: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Delete a customer with everything about them, or the rows of one import.",
        discussion: """
            A customer's deletion removes their transactions, marketing spend, payments, survey answers, predictions and \
            rows of stored analysis runs, and the customer record, and overwrites the deleted content in the \
            database file (a person's right to erasure). An import's deletion removes the rows that import \
            stored; it is refused when it could not be exact (a customers import, or one that updated rows \
            stored before it). Stored analysis runs keep the headline figures they were made with: run \
            `cvm analyze` again afterwards. `cvm imports` lists the imports with their ids.
            """,
        subcommands: [Customer.self, Import.self])

    struct Customer: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete a customer and everything about them.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "The customer's id.") var id: String

        func run() async throws {
            do {
                try Deleted.print(try await global.openWorkspace().deleteCustomer(id), output: output)
            } catch { throw UserFacingError.wrap(error) }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete the rows one import stored.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "The import's id (`cvm imports`).") var id: Int64

        func run() async throws {
            do {
                try Deleted.print(try await global.openWorkspace().deleteImport(id), output: output)
            } catch { throw UserFacingError.wrap(error) }
        }
    }
}

enum Deleted {
    static func print(_ result: DeletionResult, output: OutputOptions) throws {
        let sink = try output.sink()
        defer { sink.close() }
        let d = result.deletion
        switch output.format {
        case .json: sink.line(try JSONDocument.text(result.document))
        case .csv:
            sink.line("table,rows")
            for (table, rows) in [
                ("customers", d.customers), ("transactions", d.transactions), ("marketing", d.marketing),
                ("payments", d.payments), ("interactions", d.interactions), ("complaints", d.complaints),
                ("survey_answers", d.surveyAnswers), ("predictions", d.predictions),
                ("analysis_results", d.analysisResults), ("care_tasks", d.careTasks),
            ] {
                sink.line("\(table),\(rows)")
            }
        case .table:
            sink.line(
                "Deleted \(result.target): \(d.customers) customers, \(d.transactions) transactions, "
                    + "\(d.marketing) marketing rows, \(d.payments) payments, \(d.interactions) interactions, "
                    + "\(d.complaints) complaints, \(d.surveyAnswers) survey answers, \(d.predictions) predictions, "
                    + "\(d.analysisResults) analysis-run rows, \(d.careTasks) care tasks.")
            sink.line("Note: " + DeletionResult.note + ".")
        }
    }
}

/// `cvm imports`: every import with its id, file and counts.
struct Imports: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the imports: id, kind, file, when, and what each stored.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        do {
            let history = try await global.openWorkspaceForReading().imports()
            let sink = try output.sink()
            defer { sink.close() }
            switch output.format {
            case .csv: history.writeCSV(sink.write)
            case .json: sink.line(try JSONDocument.text(history.document))
            case .table:
                var table = TerminalTable(headers: history.columns)
                for i in 0..<history.rowCount { table.append(history.fields(i)) }
                sink.line(table.render())
            }
        } catch { throw UserFacingError.wrap(error) }
    }
}
