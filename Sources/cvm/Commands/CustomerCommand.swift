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
            case .table: sink.line(CustomerPage.table(view, lang: lang, limit: limit))
            }
        } catch { throw UserFacingError.wrap(error, in: lang) }
    }
}

enum CustomerPage {
    static func table(_ v: CustomerView, lang: Language, limit: Int) -> String {
        typealias T = RelationshipTexts
        let p = v.profile
        var lines = [T.customerTitle(id: p.id, name: p.name, asOf: v.asOf.description).text(in: lang)]
        let facts = v.facts.filter { $0[0] == "profile" && $0[2] != "id" && $0[2] != "name" && $0[2] != "key_account" }
        var profile = facts.map { Text.labelled(lang, T.profileField($0[2]).text(in: lang), $0[3]) }
        if v.keyAccount { profile.insert(T.keyAccount.text(in: lang), at: 0) }
        if !profile.isEmpty {
            lines.append(Text.labelled(lang, T.profile.text(in: lang), profile.joined(separator: Text.comma(lang))))
        }
        func more(_ total: Int) { if total > limit { lines.append(T.moreRows(total - limit).text(in: lang)) } }

        if !v.months.isEmpty {
            lines += ["", T.monthsTitle.text(in: lang)]
            var table = TerminalTable(headers: T.monthHeaders.headers(in: lang), alignments: [.left, .right, .right])
            for m in v.months.suffix(max(0, limit)) {
                table.append([m.month.description, Number.readable(m.revenue), String(m.purchaseDays)])
            }
            lines.append(table.render())
            more(v.months.count)
        }
        if let s = v.summary {
            lines += ["", T.summaryTitle.text(in: lang)]
            var table = TerminalTable(headers: T.summaryHeaders.headers(in: lang))
            table.append([
                String(s.orders), String(s.purchaseDays), Number.readable(s.revenue), s.firstPurchase.description,
                s.lastPurchase.description, String(s.recencyDays), String(s.r), String(s.f), String(s.m), s.segment,
            ])
            lines.append(table.render())
        }
        lines.append("")
        if let x = v.predictions {
            var parts = [T.predictionsTitle(run: x.run, asOf: x.runAsOf.description).text(in: lang) + ":"]
            if let a = x.probabilityAlive { parts.append("P(alive) \(Number.readable(a, digits: 3))") }
            if let e = x.expectedPurchases { parts.append("E[purchases] \(Number.readable(e, digits: 2))") }
            if let c = x.clv { parts.append("CLV \(Number.readable(c))") }
            if let months = x.horizonMonths, x.expectedPurchases != nil || x.clv != nil {
                parts.append("(" + T.horizon(months: months).text(in: lang) + ")")
            }
            lines.append(parts.joined(separator: " "))
        } else {
            lines.append(T.noPredictions.text(in: lang))
        }
        if let l = v.lifecycle {
            let a = l.assignment
            let source = l.run.map { Text.customerFromRun(lang, $0) } ?? Text.customerComputedNow(lang)
            lines += ["", Text.customerLifecycleTitle(lang, source), a.explanation(in: lang)]
            if let stage = l.runStage { lines.append(Text.customerRunStage(lang, stage.name(in: lang))) }
            var facts: [String] = []
            if let p = a.facts.probabilityAlive, let model = l.pAliveModel {
                facts.append(Text.customerPAlive(lang, Number.readable(p, digits: 3), model))
            }
            if let pattern = l.pattern { facts.append(Text.lifecyclePattern(lang) + " " + pattern.name(in: lang)) }
            if !facts.isEmpty { lines.append(facts.joined(separator: lang.listSeparator)) }
            if let w = l.warning {
                lines.append(Text.customerWarning(lang, w.sentence(a.facts, in: lang)))
                if let risk = w.valueAtRisk, let clv = l.clv, let p = w.churnProbability {
                    lines.append(
                        Text.customerValueAtRisk(
                            lang, Number.readable(risk), Number.readable(clv), Number.readable(p, digits: 3)))
                }
            } else {
                lines.append(Text.customerNoWarning(lang))
            }
        }
        lines += ["", Text.customerTasksTitle(lang, v.tasks.count)]
        if !v.tasks.isEmpty {
            var table = TerminalTable(
                headers: [
                    Text.tasksID(lang), Text.tasksStatus(lang), Text.tasksReason(lang), Text.tasksOpened(lang),
                    Text.tasksDue(lang), Text.tasksValueAtRisk(lang), Text.tasksClosed(lang),
                ],
                alignments: [.right, .left, .left, .left, .left, .right, .left])
            for t in v.tasks.prefix(max(0, limit)) {
                table.append([
                    String(t.id), t.status.name(in: lang), t.reason.name(in: lang), t.openedOn.description,
                    t.dueOn?.description ?? "", t.valueAtRisk.map { Number.readable($0) } ?? "",
                    t.closedOn?.description ?? "",
                ])
            }
            lines.append(table.render())
            more(v.tasks.count)
        }
        lines += ["", T.interactionsTitle(v.interactions.count).text(in: lang)]
        if !v.interactions.isEmpty {
            var table = TerminalTable(headers: T.interactionHeaders.headers(in: lang))
            for x in v.interactions.prefix(max(0, limit)) {
                table.append([
                    x.day.description + (x.time.map { " " + $0 } ?? ""), x.channel.name(in: lang), x.owner ?? "",
                    x.outcome ?? "", x.direction?.name(in: lang) ?? "", x.stage?.name(in: lang) ?? "", x.note ?? "",
                ])
            }
            lines.append(table.render())
            more(v.interactions.count)
        }
        lines += ["", T.complaintsOfCustomer(v.complaints.count).text(in: lang)]
        if !v.complaints.isEmpty {
            var table = TerminalTable(headers: T.customerComplaintHeaders.headers(in: lang))
            for c in v.complaints.prefix(max(0, limit)) {
                let resolved = c.isResolved(at: v.asOf)
                table.append([
                    c.opened.description, c.complaintID ?? "", c.category ?? "",
                    c.severity.map { ComplaintSeverity.name($0, in: lang) } ?? "",
                    resolved ? c.resolved?.description ?? "" : T.open.text(in: lang),
                    resolved ? c.resolutionHours.map { Number.readable($0, digits: 1) } ?? "" : "",
                    c.resolution ?? "", c.satisfaction.map { "\(Number.readable($0, digits: 1)) (\(c.scale))" } ?? "",
                ])
            }
            lines.append(table.render())
            more(v.complaints.count)
        }
        if let plan = v.visitPlan {
            lines += ["", T.visitPlanTitle.text(in: lang)]
            if let last = plan.lastContact, let days = plan.daysSinceLastContact {
                lines.append(T.lastContact(last.description, days: days).text(in: lang))
            } else {
                lines.append(T.noContact.text(in: lang))
            }
            let next = T.nextContact(
                plan.nextContact.description, interval: Number.readable(plan.intervalDays, digits: 0),
                usual: plan.intervalIsUsual
            ).text(in: lang)
            let due = plan.overdueDays > 0 ? T.overdue(days: plan.overdueDays) : T.notOverdue
            lines.append(next + Text.comma(lang) + due.text(in: lang))
            lines.append(T.overdueComplaints(v.overdueComplaints.count).text(in: lang))
            lines.append(Text.customerActiveTasks(lang, v.activeTasks.count))
        }
        return lines.joined(separator: "\n")
    }
}
