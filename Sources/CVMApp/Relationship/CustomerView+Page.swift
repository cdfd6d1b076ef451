import CustomerValue
import Foundation

/// The customer 360 as people read it, in one language: what the terminal prints and the
/// dashboard shows, in the same order with the same words. Each interface only lays it out.
public struct CustomerPage: Sendable {
    public enum Block: Sendable {
        /// The title of a part of the page (the first block is the page's own title).
        case heading(String)
        case line(String)
        /// A line that stands apart from what comes before it.
        case paragraph(String)
        /// Right-aligned columns in `numeric`; `more` rows were left out after `limit`.
        case table(headers: [String], rows: [[String]], numeric: Set<Int>, more: Int)
        /// Where the care tasks go (the dashboard puts its forms there).
        case tasks([CareTask])
    }

    public var blocks: [Block]
}

extension CustomerView {
    /// The page in `language`, each list cut at `limit` rows (the latest months, the first tasks,
    /// interactions and complaints).
    /// `surveys`: the customer's survey answers (`Workspace.surveyAnswers(customer:)`), latest wave first.
    public func page(in language: Language, limit: Int, surveys: [SurveyAnswer] = []) -> CustomerPage {
        typealias T = RelationshipTexts
        let lang = language
        let v = self
        let p = v.profile
        var blocks: [CustomerPage.Block] = [
            .heading(T.customerTitle(id: p.id, name: p.name, asOf: v.asOf.description).text(in: lang))
        ]
        let facts = v.facts.filter { $0[0] == "profile" && $0[2] != "id" && $0[2] != "name" && $0[2] != "key_account" }
        var profile = facts.map { Text.labelled(lang, T.profileField($0[2]).text(in: lang), $0[3]) }
        if v.keyAccount { profile.insert(T.keyAccount.text(in: lang), at: 0) }
        if !profile.isEmpty {
            blocks.append(
                .line(Text.labelled(lang, T.profile.text(in: lang), profile.joined(separator: Text.comma(lang)))))
        }
        func table(_ headers: [String], _ rows: [[String]], numeric: Set<Int> = [], total: Int) {
            blocks.append(.table(headers: headers, rows: rows, numeric: numeric, more: max(0, total - limit)))
        }

        if !v.months.isEmpty {
            blocks.append(.heading(T.monthsTitle.text(in: lang)))
            table(
                T.monthHeaders.headers(in: lang),
                v.months.suffix(max(0, limit)).map {
                    [$0.month.description, Number.readable($0.revenue), String($0.purchaseDays)]
                }, numeric: [1, 2], total: v.months.count)
        }
        if let s = v.summary {
            blocks.append(.heading(T.summaryTitle.text(in: lang)))
            table(
                T.summaryHeaders.headers(in: lang),
                [
                    [
                        String(s.orders), String(s.purchaseDays), Number.readable(s.revenue),
                        s.firstPurchase.description, s.lastPurchase.description, String(s.recencyDays), String(s.r),
                        String(s.f), String(s.m), s.segment,
                    ]
                ], total: 1)
        }
        if let x = v.predictions {
            var parts = [T.predictionsTitle(run: x.run, asOf: x.runAsOf.description).text(in: lang) + ":"]
            if let a = x.probabilityAlive { parts.append("P(alive) \(Number.readable(a, digits: 3))") }
            if let e = x.expectedPurchases { parts.append("E[purchases] \(Number.readable(e, digits: 2))") }
            if let c = x.clv { parts.append("CLV \(Number.readable(c))") }
            if let months = x.horizonMonths, x.expectedPurchases != nil || x.clv != nil {
                parts.append("(" + T.horizon(months: months).text(in: lang) + ")")
            }
            blocks.append(.paragraph(parts.joined(separator: " ")))
        } else {
            blocks.append(.paragraph(T.noPredictions.text(in: lang)))
        }
        if let l = v.lifecycle {
            let a = l.assignment
            let source = l.run.map { Text.customerFromRun(lang, $0) } ?? Text.customerComputedNow(lang)
            blocks += [.heading(Text.customerLifecycleTitle(lang, source)), .line(a.explanation(in: lang))]
            if let stage = l.runStage { blocks.append(.line(Text.customerRunStage(lang, stage.name(in: lang)))) }
            var facts: [String] = []
            if let p = a.facts.probabilityAlive, let model = l.pAliveModel {
                facts.append(Text.customerPAlive(lang, Number.readable(p, digits: 3), model))
            }
            if let pattern = l.pattern { facts.append(Text.lifecyclePattern(lang) + " " + pattern.name(in: lang)) }
            if !facts.isEmpty { blocks.append(.line(facts.joined(separator: lang.listSeparator))) }
            if let w = l.warning {
                blocks.append(.line(Text.customerWarning(lang, w.sentence(a.facts, in: lang))))
                if let risk = w.valueAtRisk, let clv = l.clv, let p = w.churnProbability {
                    blocks.append(
                        .line(
                            Text.customerValueAtRisk(
                                lang, Number.readable(risk), Number.readable(clv), Number.readable(p, digits: 3))))
                }
            } else {
                blocks.append(.line(Text.customerNoWarning(lang)))
            }
        }
        blocks.append(.heading(Text.customerTasksTitle(lang, v.tasks.count)))
        blocks.append(.tasks(Array(v.tasks.prefix(max(0, limit)))))
        if !v.tasks.isEmpty {
            table(
                Self.taskHeaders(lang),
                v.tasks.prefix(max(0, limit)).map { t in
                    [
                        String(t.id), t.status.name(in: lang), t.reason.name(in: lang), t.openedOn.description,
                        t.dueOn?.description ?? "", t.valueAtRisk.map { Number.readable($0) } ?? "",
                        t.closedOn?.description ?? "", t.note ?? "",
                    ]
                }, numeric: [0, 5], total: v.tasks.count)
        }
        blocks.append(.heading(T.interactionsTitle(v.interactions.count).text(in: lang)))
        if !v.interactions.isEmpty {
            table(
                T.interactionHeaders.headers(in: lang),
                v.interactions.prefix(max(0, limit)).map { x in
                    [
                        x.day.description + (x.time.map { " " + $0 } ?? ""), x.channel.name(in: lang), x.owner ?? "",
                        x.outcome ?? "", x.direction?.name(in: lang) ?? "", x.stage?.name(in: lang) ?? "",
                        x.note ?? "",
                    ]
                }, total: v.interactions.count)
        }
        blocks.append(.heading(T.complaintsOfCustomer(v.complaints.count).text(in: lang)))
        if !v.complaints.isEmpty {
            table(
                T.customerComplaintHeaders.headers(in: lang),
                v.complaints.prefix(max(0, limit)).map { c in
                    let resolved = c.isResolved(at: v.asOf)
                    return [
                        c.opened.description, c.complaintID ?? "", c.category ?? "",
                        c.severity.map { ComplaintSeverity.name($0, in: lang) } ?? "",
                        resolved ? c.resolved?.description ?? "" : T.open.text(in: lang),
                        resolved ? c.resolutionHours.map { Number.readable($0, digits: 1) } ?? "" : "",
                        c.resolution ?? "",
                        c.satisfaction.map { "\(Number.readable($0, digits: 1)) (\(c.scale))" } ?? "",
                    ]
                }, total: v.complaints.count)
        }
        if !surveys.isEmpty {
            blocks.append(.heading(Text.customerSurveysTitle(lang, Set(surveys.map(\.response)).count)))
            func score(_ x: Double?) -> String { x.map { Number.readable($0, digits: 1) } ?? "" }
            let latestFirst = surveys.sorted { $0.day != $1.day ? $0.day > $1.day : false }
            table(
                Text.customerSurveyHeaders.headers(lang),
                latestFirst.prefix(max(0, limit)).map { a in
                    [
                        a.day.description, a.wave, a.attribute ?? Text.customerSurveyOverall(lang),
                        a.stage?.name(in: lang) ?? "", score(a.importance), score(a.expectation),
                        score(a.performance), a.competitor.map { "\($0) \(score(a.competitorPerformance))" } ?? "",
                        score(a.satisfaction), score(a.recommend), a.scale.description,
                    ]
                }, numeric: [4, 5, 6, 8, 9], total: surveys.count)
        }
        if let plan = v.visitPlan {
            blocks.append(.heading(T.visitPlanTitle.text(in: lang)))
            if let last = plan.lastContact, let days = plan.daysSinceLastContact {
                blocks.append(.line(T.lastContact(last.description, days: days).text(in: lang)))
            } else {
                blocks.append(.line(T.noContact.text(in: lang)))
            }
            let next = T.nextContact(
                plan.nextContact.description, interval: Number.readable(plan.intervalDays, digits: 0),
                usual: plan.intervalIsUsual
            ).text(in: lang)
            let due = plan.overdueDays > 0 ? T.overdue(days: plan.overdueDays) : T.notOverdue
            blocks.append(.line(next + Text.comma(lang) + due.text(in: lang)))
            blocks.append(.line(T.overdueComplaints(v.overdueComplaints.count).text(in: lang)))
            blocks.append(.line(Text.customerActiveTasks(lang, v.activeTasks.count)))
        }
        return CustomerPage(blocks: blocks)
    }

    /// The columns of a task table.
    public static func taskHeaders(_ lang: Language) -> [String] {
        [
            Text.tasksID(lang), Text.tasksStatus(lang), Text.tasksReason(lang), Text.tasksOpened(lang),
            Text.tasksDue(lang), Text.tasksValueAtRisk(lang), Text.tasksClosed(lang), Text.tasksNote(lang),
        ]
    }
}
