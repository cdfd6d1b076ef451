import ArgumentParser
import CVMApp
import CVMStore
import CustomerValue
import Foundation

/// `cvm export --out DIR`: the whole database as CSV files.
struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the whole database to a folder of CSV files that `cvm import database` reads back.",
        discussion: """
            One file per table (customers.csv, transactions.csv, analysis_results.csv, care_tasks.csv, …) and \
            manifest.json, which names the schema and counts each file's rows. Every value is kept as stored: \
            empty field = missing value, "" = empty text, days as YYYY-MM-DD. The folder must be new or empty; \
            the files are written beside it and put in place at the end. `cvm import database DIR` reads it \
            into a new or empty database, SQLite or PostgreSQL. docs/export.md describes every file.
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("The folder to write (new or empty).", valueName: "folder")) var out: String
    @Option(help: "Output format of the summary: table, csv or json.") var format: OutputFormat = .table
    @Option(help: "Language of messages: en or zh.") var lang: Language = .en

    func run() async throws {
        try await CopyOutput.run(label: "cvm export", format: format, lang: lang) { progress in
            try await global.openWorkspaceForReading().export(to: URL(fileURLWithPath: out), progress: progress)
        }
    }
}

/// `cvm migrate-store --to postgres://…`: the whole database into another one.
struct MigrateStore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate-store",
        abstract: "Copy the whole database into a new or empty one, e.g. from a SQLite file to a team's PostgreSQL.",
        discussion: """
            Every table, with its keys, ids and values as they are: imports, customers, transactions, runs and \
            their results, care tasks with their notes, users and token hashes. The target must hold no data; \
            the copy lands whole or not at all, and the source is read from one snapshot and never changed. \
            Example: cvm migrate-store --from cvm.sqlite --to postgres://cvm@db.example.com/cvm
            """)

    @OptionGroup var global: GlobalOptions
    @Option(
        help: ArgumentHelp(
            "The database to copy (default: --database, $CVM_DATABASE, else cvm.sqlite).", valueName: "path"))
    var from: String?
    @Option(help: ArgumentHelp("The new or empty database to copy into: a file or postgres://…", valueName: "path"))
    var to: String
    @Option(help: "Output format of the summary: table, csv or json.") var format: OutputFormat = .table
    @Option(help: "Language of messages: en or zh.") var lang: Language = .en

    func run() async throws {
        try await CopyOutput.run(label: "cvm migrate-store", format: format, lang: lang) { progress in
            let workspace = try Workspace.open(database: from ?? global.databasePath, access: .readOnly)
            return try await workspace.copy(to: to, progress: progress)
        }
    }
}

/// The one-line progress of a copy: the table and its rows so far.
final class CopyProgressLine {
    private let progress: Progress
    private let lang: Language

    init(label: String, lang: Language) {
        progress = Progress(label: label)
        self.lang = lang
    }

    func update(_ table: String, _ rows: Int, _ total: Int) {
        progress.update(Text.copyProgress(lang, table, Number.grouped(rows), Number.grouped(total)))
    }

    func finish() { progress.finish() }
}

/// The summary of a copy: its rows by table, and the closing line.
enum CopyOutput {
    /// Runs a copy with its progress line, then prints what it wrote; errors as a user reads them.
    static func run(
        label: String, format: OutputFormat, lang: Language, _ copy: (@escaping CopyProgress) async throws -> CopyResult
    ) async throws {
        do {
            let progress = CopyProgressLine(label: label, lang: lang)
            let result: CopyResult
            do {
                result = try await copy(progress.update)
            } catch {
                progress.finish()
                throw error
            }
            progress.finish()
            try print(result, format: format, lang: lang)
        } catch { throw UserFacingError.wrap(error, in: lang) }
    }

    static func print(_ result: CopyResult, format: OutputFormat, lang: Language) throws {
        let sink = TextSink.standardOutput()
        defer { sink.close() }
        switch format {
        case .json: sink.line(try JSONDocument.text(result.document))
        case .csv:
            sink.line("table,rows")
            for table in result.counts.tables { sink.line("\(table.name),\(table.rows)") }
        case .table:
            var table = TerminalTable(
                headers: [Text.copyTable(lang), Text.copyRows(lang)], alignments: [.left, .right])
            for row in result.counts.tables { table.append([row.name, Number.grouped(row.rows)]) }
            sink.line(table.render())
            sink.line(result.line(in: lang))
        }
    }
}
