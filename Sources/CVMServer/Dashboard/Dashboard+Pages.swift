import CVMApp
import CVMReport
import CustomerValue
import Foundation
import HTTPTypes
import Hummingbird

extension Dashboard {
    /// Where the tables of a run's pages lead.
    var links: ReportLinks {
        ReportLinks(
            customer: { "/customers/" + WebRequest.encode($0) },
            segment: { RFMSegment(rawValue: $0) == nil ? nil : WebRequest.link("/customers", [("segment", $0)]) },
            group: { WebRequest.link("/customers", [("group", $0)]) },
            tier: { WebRequest.link("/customers", [("tier", $0)]) },
            stage: { WebRequest.link("/customers", [("stage", $0)]) })
    }

    // MARK: A run's pages

    /// What a run's page shows: run `requested`, or the latest when nil; nil when there is no run.
    ///
    /// A stored run does not change: its pages are kept, keyed by the run (the latest resolved to
    /// its id), the imports (surveys and complaints are read at the page: a new or deleted one)
    /// and the runs' count (a deleted run). Only the first view of a page after a run reads the results.
    func runContent(_ page: DashboardPage, run requested: Int64?, language: Language) async throws
        -> DashboardContent?
    {
        let runs = try await workspace.runs().runs
        let run = requested ?? runs.map(\.id).max()
        let imports = try await workspace.imports()
        let key = "\(run ?? 0)/\(page.rawValue)/\(language.rawValue)/\(Self.version(imports))/\(runs.count)"
        return try await contents.value(key) {
            try await workspace.dashboard(page, run: run, language: language, links: links)
        }
    }

    /// What the imports are, for the keys of kept pages: a new or deleted import changes it.
    static func version(_ history: ImportHistory) -> String {
        "\(history.imports.last?.id ?? 0)-\(history.imports.count)"
    }

    /// The default order of the customer list.
    static let customersSort = "-clv"

    /// Overview, portfolio, lifecycle, value proposition and models: a run's stored results as
    /// figures, charts and tables (`?run=` another run than the latest).
    func runPage(_ page: DashboardPage, _ place: Place, _ web: WebRequest) async throws -> Response {
        let language = web.language
        let content = try await runContent(page, run: web.query["run"].flatMap { Int64($0) }, language: language)
        guard let content else {
            var body = web.message(Text.webNoRun(language), kind: "error")
            if web.may("startRun") { body += HTML.element("p", [], HTML.link(Text.webNoRunAction(language), "/data")) }
            return web.page(title: place.name(language), current: place, body: body)
        }
        var body: HTML = ""
        if !content.figures.isEmpty {
            body += HTML.element(
                "div", [("class", "figures")],
                HTML.join(
                    content.figures.map {
                        HTML.element(
                            "div", [("class", "figure")],
                            HTML.element("div", [("class", "value")], HTML(escaping: $0.value))
                                + HTML.element("div", [("class", "label")], HTML(escaping: $0.label)))
                    }))
        }
        if page == .portfolio {
            body += HTML.element("p", [], HTML.link(Text.webAllCustomers(language), "/customers"))
        }
        if content.sections.isEmpty {
            body += web.message(Text.webNothingToShow(language), kind: "done")
        }
        for section in content.sections {
            let csv = { (table: Int) in
                WebRequest.link(
                    "/export/table.csv",
                    [
                        ("run", String(content.run.id)), ("page", page.rawValue), ("section", section.id),
                        ("table", String(table)), ("lang", language.rawValue),
                    ])
            }
            body += HTML(trusted: section.html(downloads: csv, downloadLabel: Text.webTableCSV(language)))
        }
        return web.page(
            title: place.name(language), subtitle: subtitle(content.run, language), current: place, body: body)
    }

    func subtitle(_ run: RunInfo, _ language: Language) -> String {
        Text.webRunSubtitle(language, run.id, run.name ?? "", run.asOf, run.createdAt)
    }

    // MARK: Customers

    /// The customer list: search by id or name, filters from the portfolio's tables, paged.
    func customerList(_ web: WebRequest) async throws -> Response {
        let l = web.language
        let q = web.query
        let warned = try q["warned"].map { text -> Bool in
            guard let flag = ["true": true, "false": false][text] else {
                throw AppError(
                    .invalidRequest, "warned is true or false, not \"\(text)\"", facts: [.init("warned", text)])
            }
            return flag
        }
        let result = try await workspace.customers(
            CustomersRequest(
                cursor: q["cursor"], segment: q["segment"], valueGroup: q["group"], tier: q["tier"], stage: q["stage"],
                warned: warned, owner: q["owner"], region: q["region"], search: q["q"],
                sort: q["sort"] ?? Self.customersSort))
        // The pages after this one keep its search, filters and order.
        let kept = ["q", "segment", "group", "tier", "stage", "warned", "owner", "region", "sort"].map { ($0, q[$0]) }
        var body = HTML.element(
            "form",
            [("id", "customer-search"), ("class", "panel inline-form"), ("method", "get"), ("action", "/customers")],
            HTML.element("label", [("for", "q"), ("class", "inline")], HTML(escaping: Text.webSearch(l)))
                + HTML.void("input", [("type", "search"), ("id", "q"), ("name", "q"), ("value", q["q"] ?? "")])
                + HTML.element(
                    "button", [("type", "submit"), ("class", "primary")], HTML(escaping: Text.webSearchButton(l))))
        let filters = [
            q["segment"].flatMap(RFMSegment.init(rawValue:)).map { $0.name(in: l) },
            q["group"].flatMap(ValueGroup.init(rawValue:)).map { $0.name(in: l) },
            q["tier"].flatMap(ValueTier.init(rawValue:)).map { $0.name(in: l) },
            q["stage"].flatMap(LifecycleStage.init(rawValue:)).map { $0.name(in: l) },
            warned.map { $0 ? Text.webWarned(l) : Text.webNotWarned(l) }, q["owner"], q["region"],
        ].compactMap { $0 }
        if !filters.isEmpty {
            body += HTML.element(
                "p", [],
                HTML(escaping: Text.webFiltered(l, filters.joined(separator: l.listSeparator)) + " ")
                    + HTML.link(Text.webShowAll(l), "/customers"))
        }
        if result.rows.isEmpty {
            body += web.message(Text.webNoCustomers(l), kind: "done")
        } else {
            let n = { (x: Double?) in x.map { Number.readable($0) } ?? "–" }
            body += HTML.table(
                headers: Text.webCustomerHeaders.headers(l),
                rows: result.rows.map { row in
                    [
                        HTML.link(row.id, "/customers/" + WebRequest.encode(row.id)), HTML(escaping: row.name ?? ""),
                        HTML(escaping: row.region ?? ""), HTML(escaping: row.owner ?? ""),
                        HTML(
                            escaping: row.segment.flatMap(RFMSegment.init(rawValue:))?.name(in: l) ?? row.segment ?? ""),
                        HTML(escaping: row.valueGroup.flatMap(ValueGroup.init(rawValue:))?.name(in: l) ?? ""),
                        HTML(escaping: row.tier.flatMap(ValueTier.init(rawValue:))?.name(in: l) ?? ""),
                        HTML(escaping: n(row.revenue)), HTML(escaping: n(row.clv)), HTML(escaping: n(row.score)),
                    ]
                }, numeric: [7, 8, 9], id: "customers")
        }
        var pager: [HTML] = []
        if q["cursor"] != nil {
            pager.append(
                HTML.link(
                    Text.webFirstPage(l),
                    WebRequest.link("/customers", kept)))
        }
        if let next = result.nextCursor {
            pager.append(
                HTML.link(
                    Text.webNextPage(l),
                    WebRequest.link("/customers", kept + [("cursor", next)]),
                    attributes: [("rel", "next")]))
        }
        pager.append(HTML.link(Text.webDownloadRun(l), "/export/run.csv"))
        body += HTML.element("p", [("class", "pager inline-form")], HTML.join(pager))
        let subtitle = result.run.map { Text.webCustomersFromRun(l, $0) } ?? Text.webNoRun(l)
        return web.page(title: Text.webNavCustomers(l), subtitle: subtitle, current: .customers, body: body)
    }

    /// The customer 360: the page the terminal prints, with the value history as a chart and a
    /// form on each active care task.
    func customerPage(_ web: WebRequest, id: String) async throws -> Response {
        let l = web.language
        let view = try await workspace.customer(CustomerRequest(id: id.removingPercentEncoding ?? id))
        let surveys = try await workspace.surveyAnswers(customer: view.profile.id)
        let page = view.page(in: l, limit: 24, surveys: surveys)
        var body: HTML = ""
        if let done = web.query["updated"].flatMap({ Int64($0) }) {
            body += web.message(Text.webTaskUpdated(l, done), kind: "done")
        }
        var title = view.profile.id
        for (i, block) in page.blocks.enumerated() {
            switch block {
            case .heading(let text) where i == 0:
                title = text
            case .heading(let text):
                body += HTML.element("h2", [], HTML(escaping: text))
            case .line(let text), .paragraph(let text):
                body += HTML.element("p", [], HTML(escaping: text))
            case .table(let headers, let rows, let numeric, let more):
                body += HTML.table(headers: headers, rows: rows.map { $0.map(HTML.init(escaping:)) }, numeric: numeric)
                if more > 0 {
                    body += HTML.element(
                        "p", [("class", "muted")], HTML(escaping: RelationshipTexts.moreRows(more).text(in: l)))
                }
            case .tasks(let tasks):
                let active = tasks.filter(\.status.isActive)
                if !active.isEmpty, web.may("updateTask") {
                    body += HTML.join(
                        active.map { taskForm(web, $0, back: "/customers/" + WebRequest.encode(view.profile.id)) })
                }
            }
            if i == 0, let start = view.months.first?.month, view.months.count > 1 {
                let index = { (m: CalendarMonth) in Double((m.year - start.year) * 12 + m.month - start.month) }
                let chart = LineChart(
                    title: Text.webValueHistory(l), xTitle: Text.webMonthsSince(l, start.description),
                    yTitle: Text.webRevenue(l),
                    series: [
                        Series(name: Text.webRevenue(l), points: view.months.map { (index($0.month), $0.revenue) })
                    ])
                let first = start.description
                let last = view.months.last!.month.description
                body += HTML.element(
                    "figure", [],
                    HTML(trusted: chart.svg())
                        + HTML.element("figcaption", [], HTML(escaping: Text.webValueHistoryCaption(l, first, last))))
            }
        }
        return web.page(title: title, current: .customers, body: HTML.element("section", [], body))
    }

    // MARK: Care tasks

    /// How many tasks the list shows (the download has them all).
    static let tasksShown = 200

    /// The care tasks, filtered by owner and status (`?mine=1`: the signed-in user's).
    func taskList(_ web: WebRequest) async throws -> Response {
        let l = web.language
        let q = web.query
        let status = try q["status"].flatMap { text -> CareTaskStatus? in
            guard !text.isEmpty else { return nil }
            guard let status = CareTaskStatus(rawValue: text) else {
                throw AppError(.invalidRequest, "unknown task status \(text)", facts: [.init("status", text)])
            }
            return status
        }
        let owner = q["mine"] == "1" ? web.user?.user : q["owner"].flatMap { $0.isEmpty ? nil : $0 }
        let (shown, total, owners) = try await workspace.taskPage(
            TasksRequest(owner: owner, status: status), limit: Self.tasksShown)
        func option(_ value: String, _ label: String, _ selected: Bool) -> HTML {
            HTML.element("option", [("value", value)] + (selected ? [("selected", "")] : []), HTML(escaping: label))
        }
        var body = HTML.element(
            "form", [("id", "task-filter"), ("class", "panel inline-form"), ("method", "get"), ("action", "/tasks")],
            HTML.element("label", [("for", "owner"), ("class", "inline")], HTML(escaping: Text.webTaskOwner(l)))
                + HTML.element(
                    "select", [("id", "owner"), ("name", "owner")],
                    option("", Text.webAll(l), owner == nil)
                        + HTML.join(owners.map { option($0, $0, $0 == owner) }))
                + HTML.element("label", [("for", "status"), ("class", "inline")], HTML(escaping: Text.tasksStatus(l)))
                + HTML.element(
                    "select", [("id", "status"), ("name", "status")],
                    option("", Text.webAll(l), status == nil)
                        + HTML.join(CareTaskStatus.allCases.map { option($0.rawValue, $0.name(in: l), $0 == status) }))
                + HTML.element(
                    "button", [("type", "submit"), ("class", "primary")], HTML(escaping: Text.webFilterButton(l))))
        body += HTML.element(
            "p", [],
            HTML.link(Text.webTasksMine(l), "/tasks?mine=1") + HTML(stringLiteral: " · ")
                + HTML.link(Text.webTasksEveryone(l), "/tasks") + HTML(stringLiteral: " · ")
                + HTML.link(Text.webDownloadTasks(l), "/export/tasks.csv"))
        if let done = q["updated"].flatMap({ Int64($0) }) {
            body += web.message(Text.webTaskUpdated(l, done), kind: "done")
        }
        if shown.isEmpty {
            body += web.message(Text.webNoTasks(l), kind: "done")
        } else {
            let canUpdate = web.may("updateTask")
            body += HTML.table(
                headers: Text.webTaskHeaders.headers(l) + (canUpdate ? [Text.webTaskUpdate(l)] : []),
                rows: shown.map { t in
                    [
                        HTML(escaping: String(t.id)),
                        HTML.link(t.customerID, "/customers/" + WebRequest.encode(t.customerID)),
                        HTML(escaping: t.status.name(in: l)), HTML(escaping: t.reason.name(in: l)),
                        HTML(escaping: t.reasons.map { $0.name(in: l) }.joined(separator: l.listSeparator)),
                        HTML(escaping: t.owner ?? ""), HTML(escaping: t.openedOn.description),
                        HTML(escaping: t.dueOn?.description ?? ""),
                        HTML(escaping: t.valueAtRisk.map { Number.readable($0) } ?? ""),
                        HTML(escaping: t.note ?? ""),
                    ] + (canUpdate ? [t.status.isActive ? taskForm(web, t, back: "/tasks") : ""] : [])
                }, numeric: [0, 8], id: "tasks")
            if total > shown.count {
                body += HTML.element(
                    "p", [("class", "muted")],
                    HTML(escaping: RelationshipTexts.moreRows(total - shown.count).text(in: l)))
            }
        }
        return web.page(title: Text.webNavTasks(l), current: .tasks, body: body)
    }

    /// The form that changes a task's status with a note.
    func taskForm(_ web: WebRequest, _ task: CareTask, back: String) -> HTML {
        let l = web.language
        let id = "task-\(task.id)"
        let next = task.status.next
        return HTML.element(
            "form", [("class", "task-update inline-form"), ("method", "post"), ("action", "/tasks/\(task.id)")],
            web.csrfField + HTML.void("input", [("type", "hidden"), ("name", "back"), ("value", back)])
                + HTML.element(
                    "label", [("for", id + "-status"), ("class", "inline")],
                    HTML(escaping: Text.webTaskLabel(l, task.id)))
                + HTML.element(
                    "select", [("id", id + "-status"), ("name", "status")],
                    HTML.join(
                        next.map { HTML.element("option", [("value", $0.rawValue)], HTML(escaping: $0.name(in: l))) }))
                + HTML.element(
                    "label", [("for", id + "-note"), ("class", "inline")], HTML(escaping: Text.webTaskNote(l)))
                + HTML.void("input", [("type", "text"), ("id", id + "-note"), ("name", "note"), ("maxlength", "2000")])
                + HTML.element(
                    "label", [("for", id + "-loss"), ("class", "inline")], HTML(escaping: Text.webTaskLossReason(l)))
                + HTML.element(
                    "select", [("id", id + "-loss"), ("name", "loss_reason")],
                    HTML.element("option", [("value", "")], "")
                        + HTML.join(
                            workspace.defaults.lossReasons.map {
                                HTML.element("option", [("value", $0.code)], HTML(escaping: $0.name(in: l)))
                            }))
                + HTML.element(
                    "button", [("type", "submit"), ("class", "primary")], HTML(escaping: Text.webTaskSave(l))))
    }

    func updateTask(_ web: WebRequest, id: String) async throws -> Response {
        let form = try await FormFields.read(web.request, context: web.context)
        try web.checkCSRF(form)
        try web.require("updateTask")
        guard let task = Int64(id) else { throw WebRefusal(reason: .notFound) }
        let status = try form["status"].map {
            guard let s = CareTaskStatus(rawValue: $0) else {
                throw AppError(.invalidRequest, "unknown task status \($0)", facts: [.init("status", $0)])
            }
            return s
        }
        let note = form["note"].flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
        let loss = form["loss_reason"].flatMap { $0.isEmpty ? nil : $0 }
        _ = try await workspace.updateTask(
            TaskUpdateRequest(id: task, status: status, note: note, by: web.user?.user, lossReason: loss))
        let back = WebRequest.safeTarget(form["back"])
        return redirect(back + (back.contains("?") ? "&" : "?") + "updated=\(task)")
    }
}
