import CVMStore
import CustomerValue
import Foundation

/// A synthetic survey from `SurveyGenerator`'s model, for the database's customers or for
/// `customers` numbered ones.
public struct GenerateSurveysRequest: Sendable, Equatable {
    /// Respondents `1`…`n` (the ids `cvm generate` writes); nil: every customer with
    /// transactions in the database, whose purchase rate then drives their latent experience.
    public var customers: Int?
    public var seed: UInt64?
    /// The day every response is dated; nil: the last transaction day (or the generator's
    /// standard observation end without a database).
    public var day: Day?
    public var wave: String?

    public init(customers: Int? = nil, seed: UInt64? = nil, day: Day? = nil, wave: String? = nil) {
        self.customers = customers
        self.seed = seed
        self.day = day
        self.wave = wave
    }

    public func validate() throws {
        if let customers, customers < 1 { throw AppError(.invalidRequest, .generateCustomers) }
        if let wave, wave.contains(",") || wave.contains("\"") || wave.contains("\n") {
            throw AppError(.invalidRequest, .surveyWaveText, wave)
        }
    }
}

/// What `generateSurveys` wrote.
public struct GenerateSurveysResult: Sendable, Equatable {
    public let respondents: Int
    public let rows: Int
    public let path: String
    public let truthPath: String
    /// The model the answers were drawn from.
    public let truth: String
}

extension Workspace {
    /// Writes the synthetic survey to `target` (the layout `cvm import surveys` reads, on a 1–7
    /// scale) and the model's truth as JSON to `truth`.
    ///
    /// - Throws: `AppError` `.invalidRequest`, `.noData` (no transactions when the database's
    ///   customers are asked for), `.outputConflict`, `.storage`.
    public func generateSurveys(_ request: GenerateSurveysRequest, to target: OutputTarget, truth: OutputTarget)
        async throws -> GenerateSurveysResult
    {
        try request.validate()
        if request.customers != nil {
            return try SyntheticData.generateSurveys(request, defaults: defaults, to: target, truth: truth)
        }
        var respondents: [(id: String, x: Double?)]
        var day = request.day ?? GenerateRequest.standardObservationEnd
        do {
            let summary = try await run { try await store.summary(SummaryOptions()) }
            guard !summary.ids.isEmpty else { throw AppError(.noData, .surveyNoCustomers) }
            if request.day == nil { day = summary.observationEnd }
            // x: the log purchase rate standardised over the respondents, halved and clipped to ±1.
            let logs = summary.ids.indices.map { log(Double(summary.orders[$0]) / (summary.T[$0] + 1)) }
            let mean = logs.reduce(0, +) / Double(logs.count)
            let variance = logs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(1, logs.count - 1))
            let sd = variance.squareRoot()
            respondents = summary.ids.indices.map { i in
                (summary.ids[i], sd > 0 && sd.isFinite ? min(1, max(-1, (logs[i] - mean) / sd / 2)) : 0)
            }
        }
        return try SyntheticData.writeSurvey(
            request, respondents: respondents, day: day, wave: request.wave ?? defaults.surveyWave, to: target,
            truth: truth)
    }
}

extension SyntheticData {
    /// Writes the synthetic survey of respondents `1`…`request.customers` (no database needed).
    public static func generateSurveys(
        _ request: GenerateSurveysRequest, defaults: Defaults = .standard, to target: OutputTarget,
        truth: OutputTarget
    ) throws -> GenerateSurveysResult {
        try request.validate()
        guard let count = request.customers else { throw AppError(.invalidRequest, .generateCustomers) }
        return try writeSurvey(
            request, respondents: (1...count).map { (String($0), nil) },
            day: request.day ?? GenerateRequest.standardObservationEnd, wave: request.wave ?? defaults.surveyWave,
            to: target, truth: truth)
    }

    static func writeSurvey(
        _ request: GenerateSurveysRequest, respondents: [(id: String, x: Double?)], day: Day, wave: String,
        to target: OutputTarget, truth: OutputTarget
    ) throws -> GenerateSurveysResult {
        let generator = SurveyGenerator(seed: request.seed ?? GenerateRequest.standardSeed)
        let rows = generator.rows(customers: respondents, day: day, wave: wave)
        let text = ([SurveyGenerator.header] + rows).joined(separator: "\n") + "\n"
        do {
            try target.write(text)
            try truth.write(generator.truthJSON)
        } catch {
            throw AppError.from(error)
        }
        return GenerateSurveysResult(
            respondents: respondents.count, rows: rows.count, path: target.path, truthPath: truth.path,
            truth: generator.truthJSON)
    }
}
