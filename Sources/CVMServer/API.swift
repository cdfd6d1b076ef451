import CVMAPI
import CVMApp
import CustomerValue
import Foundation
import OpenAPIRuntime

/// The generated `APIProtocol`, each operation one call of the workspace: parameters are turned
/// into the typed request, the result's document is the body. No rule lives here.
struct API: APIProtocol {
    let workspace: Workspace
    let jobs: AnalysisJobs
    let uploads: UploadStore

    // MARK: Results

    func getSummary(_ input: Operations.GetSummary.Input) async throws -> Operations.GetSummary.Output {
        let request = SummaryRequest(
            unit: try input.query.unit.map { try unit($0.rawValue) }, asOf: try day(input.query.asOf, "as_of"))
        let result = try await workspace.summary(request)
        return .ok(.init(body: .json(try DocumentBody.typed(result.document, as: Components.Schemas.Summary.self))))
    }

    func getSegments(_ input: Operations.GetSegments.Input) async throws -> Operations.GetSegments.Output {
        let request = SegmentsRequest(
            scheme: input.query.scheme.flatMap { SegmentScheme(rawValue: $0.rawValue) },
            asOf: try day(input.query.asOf, "as_of"))
        let result = try await workspace.segments(request)
        return .ok(.init(body: .json(try DocumentBody.typed(result.document, as: Components.Schemas.Segments.self))))
    }

    func getValueMatrix(_ input: Operations.GetValueMatrix.Input) async throws -> Operations.GetValueMatrix.Output {
        let request = ValueMatrixRequest(asOf: try day(input.query.asOf, "as_of"), margin: input.query.margin)
        let result = try await workspace.valueMatrix(request)
        return .ok(
            .init(body: .json(try DocumentBody.typed(result.document, as: Components.Schemas.ValueMatrix.self))))
    }

    func getTiers(_ input: Operations.GetTiers.Input) async throws -> Operations.GetTiers.Output {
        let request = TiersRequest(asOf: try day(input.query.asOf, "as_of"), margin: input.query.margin)
        let result = try await workspace.tiers(request)
        return .ok(.init(body: .json(try DocumentBody.typed(result.document, as: Components.Schemas.Tiers.self))))
    }

    func getPareto(_ input: Operations.GetPareto.Input) async throws -> Operations.GetPareto.Output {
        let request = ParetoRequest(asOf: try day(input.query.asOf, "as_of"), margin: input.query.margin)
        let result = try await workspace.pareto(request)
        return .ok(.init(body: .json(try DocumentBody.typed(result.document, as: Components.Schemas.Pareto.self))))
    }

    func getScores(_ input: Operations.GetScores.Input) async throws -> Operations.GetScores.Output {
        let result = try await workspace.scores(ScoresRequest(asOf: try day(input.query.asOf, "as_of")))
        return .ok(.init(body: .json(try DocumentBody.typed(result.document, as: Components.Schemas.Scores.self))))
    }

    // MARK: Customers

    func listCustomers(_ input: Operations.ListCustomers.Input) async throws -> Operations.ListCustomers.Output {
        let q = input.query
        let request = CustomersRequest(
            limit: q.limit, cursor: q.cursor, segment: q.segment, valueGroup: q.group?.rawValue,
            tier: q.tier?.rawValue, stage: q.stage?.rawValue, warned: q.warned, owner: q.owner, region: q.region,
            search: q.q, sort: q.sort?.rawValue)
        let result = try await workspace.customers(request)
        return .ok(
            .init(body: .json(try DocumentBody.typed(result.document, as: Components.Schemas.CustomerPage.self))))
    }

    // MARK: Runs

    func listRuns(_ input: Operations.ListRuns.Input) async throws -> Operations.ListRuns.Output {
        let result = try await workspace.runs()
        return .ok(.init(body: .json(try DocumentBody.typed(result.document, as: Components.Schemas.RunList.self))))
    }

    func startRun(_ input: Operations.StartRun.Input) async throws -> Operations.StartRun.Output {
        var request = AnalysisRequest()
        if case .json(let body)? = input.body {
            request = AnalysisRequest(
                asOf: try day(body.asOf, "as_of"), unit: try body.unit.map { try unit($0.rawValue) },
                horizonMonths: body.horizonMonths, discountRate: body.discountRate, margin: body.margin,
                currentWindowMonths: body.currentWindowMonths, name: body.name)
        }
        let job = try await jobs.start(request)
        return .accepted(.init(body: .json(try DocumentBody.typed(job.document, as: Components.Schemas.Job.self))))
    }

    func listJobs(_ input: Operations.ListJobs.Input) async throws -> Operations.ListJobs.Output {
        struct List: Encodable { let jobs: [AnalysisJob.Document] }
        let list = List(jobs: await jobs.all().map(\.document))
        return .ok(.init(body: .json(try DocumentBody.typed(list, as: Components.Schemas.JobList.self))))
    }

    func getJob(_ input: Operations.GetJob.Input) async throws -> Operations.GetJob.Output {
        let job = try await jobs.job(input.path.job)
        return .ok(.init(body: .json(try DocumentBody.typed(job.document, as: Components.Schemas.Job.self))))
    }

    func getRun(_ input: Operations.GetRun.Input) async throws -> Operations.GetRun.Output {
        let page = try await workspace.runPage(
            Int64(input.path.run), offset: input.query.offset, limit: input.query.limit)
        return .ok(.init(body: .json(try DocumentBody.typed(page, as: Components.Schemas.RunPage.self))))
    }

    func compareRuns(_ input: Operations.CompareRuns.Input) async throws -> Operations.CompareRuns.Output {
        let by = input.query.by.flatMap { RunComparisonKey(rawValue: $0.rawValue) } ?? .segment
        let result = try await workspace.compareRuns(Int64(input.path.run), Int64(input.path.other), by: by)
        return .ok(
            .init(body: .json(try DocumentBody.typed(result.document, as: Components.Schemas.RunComparison.self))))
    }

    func getTargets(_ input: Operations.GetTargets.Input) async throws -> Operations.GetTargets.Output {
        let campaigns = input.query.campaign.flatMap { Campaign(rawValue: $0.rawValue) }.map { [$0] }
        let result = try await workspace.targets(TargetsRequest(run: Int64(input.path.run), campaigns: campaigns))
        return .ok(.init(body: .json(try DocumentBody.typed(result.document, as: Components.Schemas.Targets.self))))
    }

    func getReport(_ input: Operations.GetReport.Input) async throws -> Operations.GetReport.Output {
        let language = input.query.lang.flatMap { Language(rawValue: $0.rawValue) }
        let result = try await workspace.report(ReportRequest(run: Int64(input.path.run), language: language))
        return .ok(.init(body: .html(HTTPBody(result.html()))))
    }

    // MARK: Imports

    func listImports(_ input: Operations.ListImports.Input) async throws -> Operations.ListImports.Output {
        let history = try await workspace.imports()
        return .ok(
            .init(body: .json(try DocumentBody.typed(history.document, as: [Components.Schemas.ImportRecord].self))))
    }

    func uploadImport(_ input: Operations.UploadImport.Input) async throws -> Operations.UploadImport.Output {
        guard let kind = ImportKind(rawValue: input.path.kind.rawValue) else {
            throw AppError(.invalidRequest, "unknown import kind \(input.path.kind.rawValue)")
        }
        let body: HTTPBody
        switch input.body {
        case .csv(let csv): body = csv
        }
        let file = try await uploads.save(body, name: input.query.filename)
        defer { uploads.remove(file) }
        // The file keeps the client's name (made harmless), and the import history records that name.
        let scale = input.query.scale?.rawValue
        let result = try await workspace.importUpload(
            kind, from: file, skipInvalid: input.query.skipInvalid ?? false,
            surveyScale: scale.flatMap { SurveyScale(parsing: $0) },
            satisfactionScale: scale.flatMap { SatisfactionScale(parsing: $0) })
        return .ok(
            .init(body: .json(try DocumentBody.typed(result.document, as: Components.Schemas.ImportReport.self))))
    }

    // MARK: Parameters

    func day(_ text: String?, _ name: String) throws -> Day? {
        guard let text else { return nil }
        guard let day = Day(iso: text) else {
            throw AppError(
                .invalidRequest, "\(name) must be a date written YYYY-MM-DD, not \"\(text.prefix(40))\"",
                facts: [.init(name, String(text.prefix(40)))])
        }
        return day
    }

    /// The language a request asks for (`lang`), English when it asks for none.
    func language(_ text: String?) -> Language { text.flatMap { Language(rawValue: $0) } ?? .en }

    /// Runs `body`, giving an application error's message in `language` (from the catalogue,
    /// where the message has a translation).
    func speaking<T>(_ language: Language, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch var error as AppError {
            error.message = error.message(in: language)
            throw error
        }
    }

    func unit(_ text: String) throws -> TimeUnit {
        guard let unit = TimeUnit(rawValue: text) else {
            throw AppError(.invalidRequest, "unknown time unit \(text)", facts: [.init("unit", text)])
        }
        return unit
    }
}
