import CVMApp
import CVMReport
import CustomerValue
import Foundation
import HTTPTypes
import Hummingbird

extension Dashboard {
    /// Upload a file of any kind, the import history, the analysis runs and jobs, the downloads.
    func dataPage(_ web: WebRequest, result: HTML = "", status: HTTPResponse.Status = .ok) async throws -> Response {
        let l = web.language
        var body = result
        if web.may("uploadImport") {
            body += HTML.element(
                "form",
                [
                    ("id", "upload"), ("class", "panel"), ("method", "post"), ("enctype", "multipart/form-data"),
                    ("action", "/data/upload"),
                ],
                web.csrfField + HTML.element("h2", [], HTML(escaping: Text.webUploadTitle(l)))
                    + HTML.element("label", [("for", "kind")], HTML(escaping: Text.webKind(l)))
                    + HTML.element(
                        "select", [("id", "kind"), ("name", "kind")],
                        HTML.join(
                            ImportKind.allCases.map {
                                HTML.element(
                                    "option",
                                    [("value", $0.rawValue)] + ($0 == .transactions ? [("selected", "")] : []),
                                    HTML(escaping: $0.noun(in: l)))
                            }))
                    + HTML.element("label", [("for", "file")], HTML(escaping: Text.webFile(l)))
                    + HTML.void(
                        "input",
                        [
                            ("type", "file"), ("id", "file"), ("name", "file"), ("accept", ".csv,.tsv,.txt,text/csv"),
                            ("required", ""),
                        ])
                    + HTML.element("label", [("for", "scale")], HTML(escaping: Text.webScale(l)))
                    + HTML.void(
                        "input", [("type", "text"), ("id", "scale"), ("name", "scale"), ("placeholder", "1-5")])
                    + HTML.element(
                        "label", [("class", "inline")],
                        HTML.void("input", [("type", "checkbox"), ("name", "skip_invalid"), ("value", "1")])
                            + HTML(escaping: Text.webSkipInvalid(l)))
                    + HTML.element(
                        "div", [],
                        HTML.element(
                            "button", [("type", "submit"), ("class", "primary")],
                            HTML(escaping: Text.webUploadButton(l)))))
        }
        if web.may("startRun") {
            body += HTML.element(
                "form", [("id", "start-run"), ("class", "panel"), ("method", "post"), ("action", "/data/runs")],
                web.csrfField + HTML.element("h2", [], HTML(escaping: Text.webStartRun(l)))
                    + HTML.element("p", [("class", "muted")], HTML(escaping: Text.webStartRunIntro(l)))
                    + HTML.element("label", [("for", "run-name")], HTML(escaping: Text.webRunName(l)))
                    + HTML.void(
                        "input", [("type", "text"), ("id", "run-name"), ("name", "name"), ("maxlength", "200")])
                    + HTML.element(
                        "div", [],
                        HTML.element(
                            "button", [("type", "submit"), ("class", "primary")],
                            HTML(escaping: Text.webStartRunButton(l)))))
        }
        let jobs = await self.jobs.all()
        if !jobs.isEmpty {
            body += HTML.element("h2", [], HTML(escaping: Text.webJobsTitle(l)))
            body += HTML.table(
                headers: Text.webJobHeaders.headers(l),
                rows: jobs.reversed().prefix(10).map { job in
                    [
                        HTML.link(String(job.id), "/data/jobs/\(job.id)"), HTML(escaping: jobState(job, l)),
                        HTML(escaping: job.startedAt), HTML(escaping: job.finishedAt ?? ""),
                        job.run.map { HTML.link(String($0), "/?run=\($0)") } ?? "",
                    ]
                }, numeric: [0, 4])
        }
        let runs = try await workspace.runs().runs
        body += HTML.element("h2", [], HTML(escaping: Text.webRunsTitle(l)))
        if runs.isEmpty {
            body += HTML.element("p", [], HTML(escaping: Text.webNoRun(l)))
        } else {
            body += HTML.table(
                headers: Text.webRunHeaders.headers(l),
                rows: runs.reversed().prefix(20).map { run in
                    [
                        HTML.link(String(run.id), "/?run=\(run.id)"), HTML(escaping: run.name ?? ""),
                        HTML(escaping: run.asOf.description), HTML(escaping: run.createdAt),
                        HTML(escaping: Number.readable(Double(run.customers), digits: 0)),
                        HTML(escaping: run.overview?.totalCLV.map { Number.readable($0) } ?? "–"),
                    ]
                }, numeric: [0, 4, 5], id: "runs")
        }
        let history = try await workspace.imports().imports
        body += HTML.element("h2", [], HTML(escaping: Text.webImportsTitle(l)))
        if history.isEmpty {
            body += HTML.element("p", [], HTML(escaping: Text.webNoImports(l)))
        } else {
            body += HTML.table(
                headers: Text.webImportHeaders.headers(l),
                rows: history.reversed().prefix(50).map { r in
                    [
                        HTML(escaping: String(r.id)),
                        HTML(escaping: ImportKind(rawValue: r.kind.rawValue)?.noun(in: l) ?? r.kind.rawValue),
                        HTML(escaping: r.file), HTML(escaping: r.importedAt),
                        HTML(escaping: Number.grouped(r.rowsRead)),
                        HTML(escaping: Number.grouped(r.rowsStored)), HTML(escaping: Number.grouped(r.rowsDuplicate)),
                        HTML(escaping: Number.grouped(r.rowsRejected)),
                    ]
                }, numeric: [0, 4, 5, 6, 7], id: "imports")
        }
        body += HTML.element("h2", [], HTML(escaping: Text.webDownloads(l)))
        body += HTML.element(
            "ul", [("class", "links")],
            HTML.join(
                Export.allCases.map { export in
                    HTML.element("li", [], HTML.link(export.name(l), "/export/\(export.rawValue).csv"))
                }))
        return web.page(title: Text.webNavData(l), status: status, current: .data, body: body)
    }

    func jobState(_ job: AnalysisJob, _ l: Language) -> String {
        switch job.state {
        case .running: Text.webJobRunning(l)
        case .succeeded: Text.webJobFinished(l)
        case .failed: Text.webJobFailed(l)
        }
    }

    /// Imports an uploaded file: all rows or none (or the valid ones, when asked), then the data
    /// page again with what happened, line-exact when the file had errors.
    func upload(_ web: WebRequest) async throws -> Response {
        let l = web.language
        let form = try await MultipartUpload.read(web.request, into: uploads)
        defer { if let file = form.file { uploads.remove(file) } }
        try web.checkCSRF(FormFields(values: form.fields))
        try web.require("uploadImport")
        guard let kind = form.fields["kind"].flatMap(ImportKind.init(rawValue:)) else {
            throw AppError(.invalidRequest, "unknown kind of data \(form.fields["kind"] ?? "")")
        }
        guard let file = form.file else {
            return try await dataPage(
                web, result: web.problem(Text.webNoFile(l), facts: [], rows: [], className: "import-error"),
                status: .badRequest)
        }
        let scale = form.fields["scale"].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        do {
            let result = try await workspace.importUpload(
                kind, from: file, skipInvalid: form.fields["skip_invalid"] == "1",
                surveyScale: scale.flatMap { SurveyScale(parsing: $0) },
                satisfactionScale: scale.flatMap { SatisfactionScale(parsing: $0) })
            // The rejects went to a temporary file of the server's: the page shows them instead.
            let lines = result.result.lines(in: l).filter { !$0.contains(file.deletingLastPathComponent().path) }
            var done = HTML.join(lines.map { HTML.element("p", [], HTML(escaping: $0)) })
            if let rejects = result.rejects, !rejects.isEmpty {
                done += HTML.element("p", [], HTML(escaping: Text.webRejectedRows(l)))
                done += HTML.element("pre", [], HTML(escaping: String(rejects.prefix(20_000))))
            }
            let box = HTML.element("div", [("class", "message done import-done"), ("role", "status")], done)
            return try await dataPage(web, result: box)
        } catch {
            let app = AppError.from(error)
            let name = form.fileName ?? file.lastPathComponent
            // Bad rows are listed in the table; the sentence names the form's own way past them.
            let text =
                app.code == .invalidRows && !app.rows.isEmpty
                ? Text.webImportRowsFailed(l, name, Text.webSkipInvalid(l))
                : Text.webImportFailed(l, name, app.message(in: l))
            let box = web.problem(text, facts: app.facts, rows: app.rows, className: "import-error")
            return try await dataPage(web, result: box, status: APIError(app).status)
        }
    }

    /// Starts an analysis run in the background and shows its progress.
    func startRun(_ web: WebRequest) async throws -> Response {
        let form = try await FormFields.read(web.request, context: web.context)
        try web.checkCSRF(form)
        try web.require("startRun")
        let name = form["name"].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        let job = try await jobs.start(AnalysisRequest(name: name))
        return redirect("/data/jobs/\(job.id)")
    }

    /// A job's progress, step by step; the page reloads itself every two seconds while it runs.
    func jobPage(_ web: WebRequest, id: String) async throws -> Response {
        let l = web.language
        guard let number = Int(id) else { throw WebRefusal(reason: .notFound) }
        let job = try await jobs.job(number)
        let state =
            switch job.state {
            case .running: "running"
            case .succeeded: "finished"
            case .failed: "failed"
            }
        var status = HTML(escaping: jobState(job, l))
        if let last = job.steps.last, job.state == .running {
            status += HTML(escaping: " " + Text.webJobStep(l, last.number, last.total, last.step.rawValue))
        }
        var body = HTML.element(
            "div",
            [
                ("id", "job-status"), ("data-state", state),
                ("class", "message " + (job.state == .failed ? "error" : "done")),
            ], status)
        if let run = job.run {
            body += HTML.element(
                "p", [],
                HTML.link(Text.webOpenRun(l, run), "/?run=\(run)") + HTML(stringLiteral: " · ")
                    + HTML.link(Text.webNavLifecycle(l), "/lifecycle?run=\(run)"))
        }
        if let error = job.error {
            body += web.problem(error.message(in: l), facts: error.facts, rows: error.rows)
        }
        if !job.steps.isEmpty {
            body += HTML.table(
                headers: Text.webStepHeaders.headers(l),
                rows: job.steps.map { step in
                    [
                        HTML(escaping: "\(step.number)/\(step.total)"), HTML(escaping: step.step.rawValue),
                        HTML(escaping: step.ran ? Text.yes(l) : Text.no(l)), HTML(escaping: Number.fixed(step.seconds)),
                        HTML(escaping: step.detail),
                    ]
                }, numeric: [3])
        }
        return web.page(
            title: Text.webJobTitle(l, job.id), current: .data, body: body,
            refreshSeconds: job.state == .running ? 2 : nil)
    }

    /// The tables a user can download.
    enum Export: String, CaseIterable {
        case run, tasks, imports, runs

        func name(_ l: Language) -> String {
            switch self {
            case .run: Text.webExportRun(l)
            case .tasks: Text.webExportTasks(l)
            case .imports: Text.webExportImports(l)
            case .runs: Text.webExportRuns(l)
            }
        }
    }

    /// A table as CSV, `?run=` for another run's results than the latest.
    func export(_ web: WebRequest, name: String) async throws -> Response {
        if name == "table.csv" { return try await tableCSV(web) }
        guard name.hasSuffix(".csv"), let export = Export(rawValue: String(name.dropLast(4))) else {
            throw WebRefusal(reason: .notFound)
        }
        var text = ""
        let write = { (line: String) in text += line }
        switch export {
        case .run:
            let run = try await workspace.runOrLatest(web.query["run"].flatMap { Int64($0) })
            try await workspace.showRun(run.id).writeCSV(write)
        case .tasks: try await workspace.tasks(TasksRequest()).writeCSV(write)
        case .imports: try await workspace.imports().writeCSV(write)
        case .runs: try await workspace.runs().writeCSV(write)
        }
        return Self.csv(text, named: "cvm-\(export.rawValue).csv")
    }

    /// One table of a run's page as CSV, its cells as the page shows them
    /// (`?run=&page=&section=&table=`: the table's place on the page).
    func tableCSV(_ web: WebRequest) async throws -> Response {
        let q = web.query
        guard let page = q["page"].flatMap(DashboardPage.init(rawValue:)), let run = q["run"].flatMap({ Int64($0) }),
            let index = q["table"].flatMap({ Int($0) }),
            let content = try await runContent(page, run: run, language: web.language),
            let section = content.sections.first(where: { $0.id == q["section"] }),
            section.tables.indices.contains(index)
        else { throw WebRefusal(reason: .notFound) }
        var text = ""
        ShownTable(table: section.tables[index]).writeCSV { text += $0 }
        return Self.csv(text, named: "cvm-run\(run)-\(section.id)-\(index + 1).csv")
    }

    static func csv(_ text: String, named name: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"\(name)\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

/// A table of a page, as rows for CSV.
struct ShownTable: Tabular {
    let table: Report.Table
    var columns: [String] { table.headers }
    var rowCount: Int { table.rows.count }
    func fields(_ i: Int) -> [String] { table.rows[i] }
}
