import ArgumentParser
import CVMApp
import CustomerValue
import Foundation

extension CareTaskStatus: ExpressibleByArgument {}

/// `cvm tasks`: the care tasks (客户关怀) that `cvm analyze` opens from the churn warnings.
struct Tasks: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Care tasks (客户关怀) from the churn warnings: list, show, update, summary.",
        discussion: """
            Every `cvm analyze` closes the open and contacted tasks of customers who bought again since the \
            task opened (won_back, on the day of that purchase) and opens a task for each warned customer, \
            never a second active one for the same customer and reason; the owner is the customer's owner. \
            Statuses: open → contacted → won_back, lost (with a loss reason code) or dismissed. \
            Care on dates (birthdays, anniversaries of the first purchase, follow-ups after a purchase or a \
            resolved complaint) goes into the same list: `cvm tasks schedule`, which `cvm analyze` also runs.
            """,
        subcommands: [List.self, Show.self, Update.self, Summary.self, Schedule.self], defaultSubcommand: List.self)

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The tasks, active ones by value at risk first.",
            discussion: """
                CSV: id,customer_id,status,reason,reasons,value_at_risk,owner,opened_on,opened_run,updated_on,\
                updated_by,closed_on,loss_reason,won_by,note,due_on.
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Option(help: "Only this owner's tasks.") var owner: String?
        @Option(help: "Only tasks in this status: open, contacted, won_back, lost, dismissed.")
        var status: CareTaskStatus?
        @Option(help: "Only this customer's tasks.") var customer: String?
        @Option(help: "Language of the table: en or zh.") var lang: Language = .en
        @Option(help: "Rows shown in a table.") var limit = Defaults.standard.rowsShown

        func run() async throws {
            do {
                let result = try await global.openWorkspaceForReading().tasks(
                    TasksRequest(owner: owner, status: status, customerID: customer))
                let sink = try output.sink()
                defer { sink.close() }
                switch output.format {
                case .table: sink.line(TasksView.table(result.tasks, limit: limit, lang: lang))
                case .csv: result.writeCSV(sink.write)
                case .json: sink.line(try JSONDocument.text(result.document(in: lang)))
                }
            } catch { throw UserFacingError.wrap(error, in: lang) }
        }
    }

    struct Schedule: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Open the care tasks that fall due on dates: birthdays, anniversaries, follow-ups.",
            discussion: """
                Opens a task for each occasion due from --as-of minus grace_days to --as-of plus lead_days \
                (the [care] table of --rules; defaults: birthdays and first-purchase anniversaries 7 days ahead, \
                a follow-up 7 days after a complaint is resolved, none after purchases, 30 days of grace). An \
                occasion gets one task for one customer and date, whatever became of it. Birthdays come from \
                the customers file's birthday (生日) column.

                CSV (one row per occasion due): customer_id,occasion,occasion_text,due_on.
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Option(
            name: .customLong("as-of"),
            help: ArgumentHelp("The day to schedule from (default: the last transaction day).", valueName: "date"))
        var asOf: Day?
        @Option(help: ArgumentHelp("A lifecycle rules file with a [care] table.", valueName: "file"))
        var rules: String?
        @Option(help: "Language: en or zh.") var lang: Language = .en
        @Option(help: "Rows shown in a table.") var limit = Defaults.standard.rowsShown

        func run() async throws {
            do {
                let schedule = try rules.map { try LifecycleRulesFile.load($0).care }
                let result = try await global.openWorkspace().scheduleCare(
                    CareRequest(asOf: asOf, schedule: schedule))
                let sink = try output.sink()
                defer { sink.close() }
                switch output.format {
                case .table: sink.line(TasksView.care(result, limit: limit, lang: lang))
                case .csv: result.rows(in: lang).writeCSV(sink.write)
                case .json: sink.line(try JSONDocument.text(result.document(in: lang)))
                }
            } catch { throw UserFacingError.wrap(error, in: lang) }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One task with everything recorded on it.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "The task's id.") var id: Int64
        @Option(help: "Language: en or zh.") var lang: Language = .en

        func run() async throws {
            do {
                let task = try await global.openWorkspaceForReading().task(id)
                let sink = try output.sink()
                defer { sink.close() }
                switch output.format {
                case .table: sink.line(TasksView.detail(task, lang: lang))
                case .csv: TasksResult(tasks: [task]).writeCSV(sink.write)
                case .json: sink.line(try JSONDocument.text(TaskDocument(task, in: lang)))
                }
            } catch { throw UserFacingError.wrap(error, in: lang) }
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record what happened: a new status, a note, who, when, why lost, what won back.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The task's id.") var id: Int64
        @Option(help: "contacted, won_back, lost, dismissed (or open again from contacted).")
        var status: CareTaskStatus?
        @Option(help: "A note.") var note: String?
        @Option(help: "Who made the change.") var by: String?
        @Option(help: ArgumentHelp("The day of the change, YYYY-MM-DD (default: today).", valueName: "date"))
        var date: Day?
        @Option(
            help:
                "Why a lost customer left: quality, innovation, service, employee_left, price, other (or the codes of --rules)."
        )
        var lossReason: String?
        @Option(help: "What won a won-back customer back.") var wonBy: String?
        @Option(
            help: ArgumentHelp(
                "A lifecycle rules file whose [[loss_reason]] list replaces the codes.", valueName: "file"))
        var rules: String?
        @Option(help: "Language: en or zh.") var lang: Language = .en

        func run() async throws {
            do {
                let codes = try rules.map { try LifecycleRulesFile.load($0).lossReasons }
                let task = try await global.openWorkspace().updateTask(
                    TaskUpdateRequest(
                        id: id, status: status, note: note, by: by, on: date, lossReason: lossReason, wonBy: wonBy,
                        lossReasons: codes))
                print(Text.tasksUpdatedLine(lang, task.id, task.status.name(in: lang)))
            } catch { throw UserFacingError.wrap(error, in: lang) }
        }
    }

    struct Summary: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Loss by reason and value at risk, what won customers back, and the win-back rate.",
            discussion: "CSV (one row per loss reason): loss_reason,name,name_zh,tasks,value_at_risk.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Option(
            help: ArgumentHelp(
                "A lifecycle rules file whose [[loss_reason]] list replaces the codes.", valueName: "file"))
        var rules: String?
        @Option(help: "Language: en or zh.") var lang: Language = .en

        func run() async throws {
            do {
                let codes = try rules.map { try LifecycleRulesFile.load($0).lossReasons }
                let result = try await global.openWorkspaceForReading().taskSummary(lossReasons: codes)
                let sink = try output.sink()
                defer { sink.close() }
                switch output.format {
                case .table: sink.line(TasksView.summary(result, lang: lang))
                case .csv: result.writeCSV(sink.write)
                case .json: sink.line(try JSONDocument.text(result.document))
                }
            } catch { throw UserFacingError.wrap(error, in: lang) }
        }
    }
}

enum TasksView {
    static func table(_ tasks: [CareTask], limit: Int, lang: Language) -> String {
        guard !tasks.isEmpty else { return Text.tasksNone(lang) }
        var table = TerminalTable(
            headers: [
                Text.tasksID(lang), Text.tasksCustomer(lang), Text.tasksStatus(lang), Text.tasksReason(lang),
                Text.tasksValueAtRisk(lang), Text.tasksOwner(lang), Text.tasksOpened(lang), Text.tasksDue(lang),
                Text.tasksClosed(lang),
            ],
            alignments: [.right, .left, .left, .left, .right, .left, .left, .left, .left])
        for t in tasks.prefix(limit) {
            table.append([
                String(t.id), t.customerID, t.status.name(in: lang), t.reason.name(in: lang),
                t.valueAtRisk.map { Number.readable($0) } ?? "–", t.owner ?? "–", t.openedOn.description,
                t.dueOn?.description ?? "", t.closedOn?.description ?? "",
            ])
        }
        var lines = [Text.tasksHeading(lang, tasks.count), "", table.render()]
        if tasks.count > limit { lines.append(Text.warningsShown(lang, limit, tasks.count)) }
        return lines.joined(separator: "\n")
    }

    static func detail(_ t: CareTask, lang: Language) -> String {
        var table = TerminalTable(headers: [Text.lifecycleFact(lang), Text.lifecycleValue(lang)])
        let rows: [(String, String?)] = [
            (Text.tasksCustomer(lang), t.customerID), (Text.tasksStatus(lang), t.status.name(in: lang)),
            (
                Text.tasksReason(lang),
                t.reasons.isEmpty
                    ? t.reason.name(in: lang)
                    : t.reasons.map { $0.name(in: lang) }.joined(separator: lang.listSeparator)
            ),
            (Text.tasksDue(lang), t.dueOn?.description),
            (Text.tasksValueAtRisk(lang), t.valueAtRisk.map { Number.readable($0) }), (Text.tasksOwner(lang), t.owner),
            (Text.tasksOpened(lang), t.openedOn.description + (t.openedRun.map { " (run \($0))" } ?? "")),
            (Text.tasksUpdated(lang), t.updatedOn?.description), (Text.tasksUpdatedBy(lang), t.updatedBy),
            (Text.tasksClosed(lang), t.closedOn?.description), (Text.tasksLossReason(lang), t.lossReason),
            (Text.tasksWonBy(lang), t.wonBy), (Text.tasksNote(lang), t.note),
        ]
        for (label, value) in rows { table.append([label, value ?? "–"]) }
        return "\(Text.tasksID(lang)) \(t.id)\n\n" + table.render()
    }

    static func care(_ r: CareResult, limit: Int, lang: Language) -> String {
        var lines = [
            Text.careHeading(
                lang, r.asOf.description, r.window.lowerBound.description, r.window.upperBound.description,
                r.appointments.count),
            Text.careCounts(lang, r.opened, r.alreadyOpen),
        ]
        guard !r.appointments.isEmpty else { return (lines + [Text.careNone(lang)]).joined(separator: "\n") }
        var table = TerminalTable(headers: [Text.tasksDue(lang), Text.tasksCustomer(lang), Text.careOccasion(lang)])
        for a in r.appointments.prefix(max(0, limit)) {
            table.append([a.due.description, a.customerID, a.occasion.name(in: lang)])
        }
        lines += ["", table.render()]
        if r.appointments.count > limit { lines.append(Text.warningsShown(lang, limit, r.appointments.count)) }
        return lines.joined(separator: "\n")
    }

    static func summary(_ s: TaskSummaryResult, lang: Language) -> String {
        var status = TerminalTable(
            headers: [Text.tasksStatus(lang), Text.lifecycleCustomers(lang), Text.tasksValueAtRisk(lang)],
            alignments: [.left, .right, .right])
        for row in s.byStatus {
            status.append([row.status.name(in: lang), String(row.tasks), Number.readable(row.valueAtRisk)])
        }
        var loss = TerminalTable(
            headers: [Text.tasksLossReason(lang), Text.lifecycleCustomers(lang), Text.tasksValueAtRisk(lang)],
            alignments: [.left, .right, .right])
        for row in s.losses {
            loss.append([row.reason.name(in: lang), String(row.tasks), Number.readable(row.valueAtRisk)])
        }
        var lines = [
            Text.tasksSummaryHeading(lang), "", status.render(), "", Text.tasksLossHeading(lang), "", loss.render(), "",
        ]
        lines.append(
            s.winBackRate.map { Text.tasksWinBackRate(lang, Number.percent($0), s.wonBack, s.lost) }
                ?? Text.tasksWinBackNone(lang))
        for (title, key, groups) in [
            (Text.tasksLostBySegment, Text.segmentsSegment, s.lostBySegment),
            (Text.tasksLostByTier, Text.analyzeTiers, s.lostByTier),
        ] where !groups.isEmpty {
            var table = TerminalTable(
                headers: [key(lang), Text.lifecycleCustomers(lang), Text.tasksValueAtRisk(lang)],
                alignments: [.left, .right, .right])
            for g in groups { table.append([g.key, String(g.tasks), Number.readable(g.valueAtRisk)]) }
            lines += ["", title(lang), "", table.render()]
        }
        if !s.wonBy.isEmpty {
            lines += ["", Text.tasksWorked(lang)] + s.wonBy.map { "  \($0.text): \($0.tasks)" }
        }
        return lines.joined(separator: "\n")
    }
}
