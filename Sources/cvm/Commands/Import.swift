import ArgumentParser
import CVMApp
import CVMStore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `cvm import customers|transactions|marketing|payments FILE`.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import customers, transactions, marketing spend or payments from a CSV file.",
        discussion: """
            Files are UTF-8 (with or without BOM), separated by , ; or tab, with a header line in
            English or Chinese (customer_id/客户编号, date/日期, amount/金额, …). An import stores all
            rows or, when a row is invalid, none (or use --skip-invalid). Importing the same file
            again stores nothing new.
            """,
        subcommands: [Transactions.self, Customers.self, Marketing.self, Payments.self]
    )

    struct Transactions: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import transactions: customer id, date, amount, and optional order id, product, …",
            discussion: """
                Columns: customer_id (客户编号), date (日期), amount (金额); optional: time, order_id (订单号),
                product (产品), category (品类), quantity (数量), cost (成本), channel (渠道), discount (折扣).
                Dates: YYYY-MM-DD, YYYY/MM/DD, YYYYMMDD, ISO-8601 date-times, or --date-format.
                Amounts may carry ¥ $ € £ CNY RMB 元, thousands separators and (parentheses) for negatives;
                negative amounts are returns.
                Example: cvm import transactions orders.csv --map amount=实付金额,customer_id=会员号
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: ImportCommandOptions

        func run() throws {
            try options.run(kind: "transactions", global: global) { store, url, options in
                try store.importTransactions(from: url, options: options)
            }
        }
    }

    struct Customers: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import customers: id, name, type (2C/2B), contact, region, industry, …",
            discussion: """
                Columns: customer_id (客户编号); optional: name (姓名), type (客户类型: 2C/2B, individual/organisation,
                个人/企业), email (邮箱), phone (电话), region (地区), industry (行业/职业), age_band (年龄段),
                gender (性别), income_band (收入), acquired (获客日期), channel (获客渠道), owner (客户经理),
                tags (标签). Known customers get their non-empty fields updated.
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: ImportCommandOptions

        func run() throws {
            try options.run(kind: "customers", global: global) { store, url, options in
                try store.importCustomers(from: url, options: options)
            }
        }
    }
}

extension Import {
    struct Marketing: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import marketing spend: customer id (or segment), date or month, spend, campaign id, channel.",
            discussion: """
                Columns: date (日期/期间; a day, or a month such as 2024-03, 202403 or 2024年3月), spend \
                (营销投入/投入金额, 0 or more), and customer_id (客户编号) or segment (客户群) — spend on one \
                customer or on a segment as a whole; optional: campaign_id (活动编号), channel (渠道). Used by \
                `cvm elasticity`.
                Example: cvm import marketing spend.csv --map spend=推广费用
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: ImportCommandOptions

        func run() throws {
            try options.run(kind: "marketing spend", global: global) { store, url, options in
                try store.importMarketing(from: url, options: options)
            }
        }
    }

    struct Payments: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import payments: customer id, due date, paid date (empty = unpaid), amount due, amount paid.",
            discussion: """
                Columns: customer_id (客户编号), due_date (应付日期/到期日), paid_date (实付日期/付款日期; empty = \
                unpaid), amount_due (应付金额); optional: amount_paid (实付金额; empty = paid in full when there is a \
                paid date), invoice_id (发票号). Overdue days are derived: paid − due, or as-of − due while unpaid. \
                Importing a later export updates bills that got paid (matched by invoice id, else due date and \
                amount due). Used by `cvm credit`.
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: ImportCommandOptions

        func run() throws {
            try options.run(kind: "payments", global: global) { store, url, options in
                try store.importPayments(from: url, options: options)
            }
        }
    }
}

/// The options every import command takes.
struct ImportCommandOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("The CSV file to import.", valueName: "file"))
    var file: String

    @Option(
        help: ArgumentHelp(
            "The field delimiter: , ; tab or | (default: detected from the header line).", valueName: "char"))
    var delimiter: String?

    @Option(
        help: ArgumentHelp(
            "Name the file's column for a field, e.g. amount=实付金额,customer_id=会员号.", valueName: "field=column,…"))
    var map: [String] = []

    @Option(help: ArgumentHelp("The date pattern, e.g. dd.MM.yyyy or MM/dd/yyyy HH:mm.", valueName: "pattern"))
    var dateFormat: String?

    @Flag(help: "Import the valid rows and write the invalid ones to a rejects file.")
    var skipInvalid = false

    @Option(
        help: ArgumentHelp("Where --skip-invalid writes rejected rows (default: FILE.rejects.csv).", valueName: "path"))
    var rejects: String?

    func validate() throws {
        if rejects != nil && !skipInvalid {
            throw ValidationError("--rejects only applies with --skip-invalid; add --skip-invalid or drop --rejects")
        }
    }

    func run(kind: String, global: GlobalOptions, _ body: (Store, URL, ImportOptions) throws -> ImportReport) throws {
        let store = try global.openStore()
        var options = ImportOptions()
        if let delimiter { options.delimiter = try ImportOptions.delimiter(parsing: delimiter) }
        for text in map { options.mapping.merge(try ImportOptions.mapping(parsing: text)) { $1 } }
        options.dateFormat = dateFormat
        options.skipInvalid = skipInvalid
        options.rejectsURL = rejects.map { URL(fileURLWithPath: $0) }
        let progress = Progress(label: "Importing \(URL(fileURLWithPath: file).lastPathComponent)")
        options.progress = { p in
            progress.update(
                "\(Number.readable(Double(p.bytesRead) / 1_048_576, digits: 1)) of "
                    + "\(Number.readable(Double(p.bytesTotal) / 1_048_576, digits: 1)) MB, \(p.rowsRead) rows")
        }
        let report: ImportReport
        do {
            report = try body(store, URL(fileURLWithPath: file), options)
        } catch {
            progress.finish()
            throw error
        }
        progress.finish()

        if !report.ignoredColumns.isEmpty {
            let names = report.ignoredColumns.map { "\"\($0)\"" }.joined(separator: ", ")
            print("Ignored columns not used for \(kind): \(names) (name one with --map FIELD=COLUMN)")
        }
        if let rejectsURL = report.rejectsURL {
            print("Rejected rows written to \(rejectsURL.path) (with their line and error).")
        }
        if report.customersCreated > 0 {
            let noun = report.customersCreated == 1 ? "new customer" : "new customers"
            let what = kind == "customers" ? noun : noun + " created (id only; import customers to add details)"
            print("\(report.customersCreated) \(what).")
        }
        if report.rowsRead > 0 && report.rowsStored == 0
            && report.rowsDuplicate + report.rowsRejected == report.rowsRead
        {
            print("Nothing new: every valid row of \(report.file) is already in the database.")
        }
        let seconds = String(format: "%.2f", report.seconds)
        print("Imported \(kind) from \(report.file): \(report.counts) (\(seconds) s).")
    }
}
