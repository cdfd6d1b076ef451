import ArgumentParser
import CVMApp
import CustomerValue
import Foundation

/// `cvm import customers|transactions|marketing|payments|interactions|complaints|surveys FILE`.
struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Import customers, transactions, marketing spend, payments, interactions, complaints or survey answers "
            + "from a CSV file.",
        discussion: """
            Files are UTF-8 (with or without BOM), separated by , ; or tab, with a header line in
            English or Chinese (customer_id/客户编号, date/日期, amount/金额, …). An import stores all
            rows or, when a row is invalid, none (or use --skip-invalid). Importing the same file
            again stores nothing new.
            """,
        subcommands: [
            Transactions.self, Customers.self, Marketing.self, Payments.self, Interactions.self, Complaints.self,
            Surveys.self, Database.self,
        ]
    )

    struct Database: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read a whole database written by `cvm export` into a new or empty database.",
            discussion: """
                The folder's manifest and every file are checked as they are read (schema, headers, each value \
                by its column, the row counts); a bad value is reported with its file, line and column, and \
                nothing is stored. The target (--database: a file, created if missing, or postgres://…) must \
                hold no data. Example: cvm import database backup-2026-12 --database team.sqlite
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The folder written by cvm export.", valueName: "folder")) var folder: String
        @Option(help: "Output format of the summary: table, csv or json.") var format: OutputFormat = .table
        @Option(help: "Language of messages: en or zh.") var lang: Language = .en

        func run() async throws {
            try await CopyOutput.run(label: "cvm import database", format: format, lang: lang) { progress in
                try await Workspace.importDatabase(
                    from: URL(fileURLWithPath: folder), into: global.databasePath, progress: progress)
            }
        }
    }

    struct Transactions: AsyncParsableCommand {
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

        func run() async throws { try await options.run(.transactions, global: global) }
    }

    struct Customers: AsyncParsableCommand {
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

        func run() async throws { try await options.run(.customers, global: global) }
    }
}

extension Import {
    struct Marketing: AsyncParsableCommand {
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

        func run() async throws { try await options.run(.marketing, global: global) }
    }

    struct Payments: AsyncParsableCommand {
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

        func run() async throws { try await options.run(.payments, global: global) }
    }
}

extension Import {
    struct Interactions: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import interactions: customer id, date, channel (call, visit, email, …), owner, outcome, …",
            discussion: """
                Columns: customer_id (客户编号), date (日期/接触时间; a date or a date-time), channel (渠道/接触方式: \
                call 电话, visit 拜访, email 邮件, message 短信/微信, meeting 会议, other 其他); optional: owner \
                (负责人/客户经理), outcome (结果), direction (方向: inbound 呼入/来电/来访, outbound 呼出/去电/外呼), \
                stage (阶段: need recognition 需求识别, search 信息搜集, evaluation 评估比较, purchase 购买决策, use 使用, \
                after-sales 售后服务), note (备注). A contact is identified by customer, date and time, channel and \
                owner: importing a later export updates the outcome, direction, stage and note of known contacts.
                Example: cvm import interactions contacts.csv --map owner=销售代表
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: ImportCommandOptions

        func run() async throws { try await options.run(.interactions, global: global) }
    }

    struct Complaints: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import complaints: customer id, opened, category, severity, resolved (empty = open), rating, …",
            discussion: """
                Columns: customer_id (客户编号), opened (投诉日期/投诉时间), resolved (解决日期/结案日期; empty = still \
                open); optional: complaint_id (投诉编号/工单号), category (投诉类别), severity (严重程度: 1–5, or \
                low 低 = 1, medium 中 = 3, high 高 = 5), resolution (处理结果), satisfaction (满意度: the rating of the \
                resolution, on --satisfaction-scale; only for resolved complaints), channel (投诉渠道). Importing a \
                later export updates complaints that got resolved (matched by complaint id, else opening date and \
                time, category and channel).
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: ImportCommandOptions

        @Option(
            help: ArgumentHelp(
                "The scale of the satisfaction ratings: 1-5, 1-7, 1-10 or 0-10 (default: 1-5).", valueName: "scale"))
        var satisfactionScale: String?

        func validate() throws {
            if let satisfactionScale, SatisfactionScale(parsing: satisfactionScale) == nil {
                throw ValidationError(
                    "--satisfaction-scale \(satisfactionScale) is not a scale; use 1-5, 1-7, 1-10 or 0-10")
            }
        }

        func run() async throws {
            let scale = satisfactionScale.flatMap(SatisfactionScale.init(parsing:))
            try await options.run(.complaints, global: global) { options in
                if let scale { options.satisfactionScale = scale }
            }
        }
    }

    struct Surveys: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import survey answers: one row per response and attribute, and a row of overall answers.",
            discussion: """
                Columns: response_id (答卷编号), date (日期); optional: customer_id (客户编号; empty = anonymous, \
                counted but not joined), wave (调查批次), attribute (属性), stage (旅程阶段: need_recognition, search, \
                evaluation, purchase, use, after_sales or 需求识别 … 售后服务), importance (重要性), expectation \
                (期望), adequate (最低期望), performance (表现), competitor (竞争对手), competitor_performance \
                (竞争对手表现). A row with an empty attribute holds the response's overall answers: satisfaction \
                (满意度), recommend (推荐意愿, 0–10), buy_again (再次购买: yes/no), referrals (推荐人数).
                Ratings lie on the survey's scale (--scale, default 1-5); --config names a TOML file with the scale \
                and fixed lists of attributes and competitors (id, en, zh). See docs/importing.md.
                Example: cvm import surveys survey.csv --scale 1-7
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: ImportCommandOptions

        @Option(help: ArgumentHelp("The rating scale: 1-5, 1-7, 1-10 or 0-10 (default 1-5).", valueName: "low-high"))
        var scale: String?

        @Option(
            help: ArgumentHelp(
                "A TOML file with the scale and the fixed attribute and competitor lists (id, en, zh).",
                valueName: "path"))
        var config: String?

        func run() async throws {
            var scheme = SurveyScheme()
            if let config {
                do { scheme = try SurveyScheme.load(toml: config) } catch {
                    throw UserFacingError.wrap(error, in: options.lang)
                }
            }
            if let scale {
                guard let parsed = SurveyScale(parsing: scale) else {
                    throw ValidationError("--scale \"\(scale)\" is not a scale: write 1-5, 1-7, 1-10 or 0-10")
                }
                scheme.scale = parsed
            }
            try await options.run(.surveys, global: global) { $0.survey = scheme }
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
        help: ArgumentHelp(
            "Where --skip-invalid writes rejected rows (default: FILE.rejects.csv; never the input or the database).",
            valueName: "path"))
    var rejects: String?

    @Flag(help: "Replace an existing rejects file even if it is not a CSV file.")
    var force = false

    @Option(
        help: ArgumentHelp(
            "How the file writes decimals: point (1.234 is one point two three four) or comma (1.234 is "
                + "one thousand two hundred thirty-four). Needed only when an amount could be read either way.",
            valueName: "point|comma"))
    var decimalSeparator: FileImportOptions.DecimalSeparator?

    @Flag(help: "Accept amounts beyond ±1,000,000,000,000 (up to ±1e30).")
    var allowLargeAmounts = false

    @Flag(help: "Accept dates before 1900-01-01.")
    var allowEarlyDates = false

    @Flag(help: "Accept dates after tomorrow (a typo such as 2062 for 2026 is refused otherwise).")
    var allowFutureDates = false

    @Flag(
        help: "Refuse a row whose order id is stored with another date or amount, instead of updating the stored row.")
    var refuseChangedOrders = false

    @Option(help: "Language of messages: en or zh.")
    var lang: Language = .en

    func validate() throws {
        if rejects != nil && !skipInvalid {
            throw ValidationError("--rejects only applies with --skip-invalid; add --skip-invalid or drop --rejects")
        }
    }

    func run(
        _ kind: ImportKind, global: GlobalOptions, adjusting adjust: (inout FileImportOptions) -> Void = { _ in }
    ) async throws {
        do {
            let workspace = try global.openWorkspace()
            var options = FileImportOptions()
            if let delimiter { options.delimiter = try FileImportOptions.delimiter(parsing: delimiter) }
            for text in map {
                do { options.mapping.merge(try FileImportOptions.mapping(parsing: text)) { $1 } } catch {
                    throw ValidationFailure("--map " + "\(AppError.from(error).message)")
                }
            }
            options.dateFormat = dateFormat
            options.skipInvalid = skipInvalid
            options.rejectsURL = rejects.map { URL(fileURLWithPath: $0) }
            options.decimalSeparator = decimalSeparator
            options.allowLargeAmounts = allowLargeAmounts
            options.allowEarlyDates = allowEarlyDates
            options.allowFutureDates = allowFutureDates
            options.changedOrders = refuseChangedOrders ? .refuse : .update
            adjust(&options)
            let progress = Progress(label: Text.importing(lang, URL(fileURLWithPath: file).lastPathComponent))
            options.progress = { p in
                progress.update(
                    Text.importProgress(
                        lang, Number.readable(Double(p.bytesRead) / 1_048_576, digits: 1),
                        Number.readable(Double(p.bytesTotal) / 1_048_576, digits: 1), p.rowsRead))
            }
            let result: ImportResult
            do {
                result = try await workspace.importFile(
                    kind, from: URL(fileURLWithPath: file), options: options, force: force)
            } catch {
                progress.finish()
                throw error
            }
            progress.finish()
            var lines = result.lines(in: lang)
            if !result.report.ignoredColumns.isEmpty {
                lines[0] += Text.cliNameIgnoredColumn(lang)
            }
            for line in lines { print(line) }
        } catch { throw UserFacingError.wrap(error, in: lang) }
    }
}
