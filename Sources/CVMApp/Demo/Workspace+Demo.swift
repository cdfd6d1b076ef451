import CVMPostgres
import CVMReport
import CVMStore
import CustomerValue
import Foundation

/// Where the demo runs.
public struct DemoRequest: Equatable, Sendable {
    /// The database to create; an existing file there is replaced.
    public var database: String
    /// Language of the report.
    public var language: Language

    public init(database: String, language: Language = .en) {
        self.database = database
        self.language = language
    }
}

/// Everything the demo made: the database, the imported sample, its summary and segments, the
/// stored predictions, the stored analysis run and its report.
public struct DemoResult: Sendable {
    public var workspace: Workspace
    /// What the import said (rows read, stored, …).
    public var imported: String
    /// What the import of the bundled synthetic survey said, when this build has it.
    public var surveysImported: String?
    public var summary: SummaryResult
    public var segmentation: Segmentation
    /// BG/NBD (with its time unit) and Gamma-Gamma fits.
    public var purchaseFit: ModelFit
    public var spendFit: ModelFit
    public var predictions: PredictionSet
    /// Horizon (months), discount rate per month and margin of the predictions.
    public var horizonMonths: Int
    public var discountRate: Double
    public var margin: Double
    public var analysis: AnalysisResult
    public var report: ReportResult
    /// What the imports of the synthetic customers, interactions and complaints said, one line each.
    public var relationshipImports: [String] = []
    /// The customer with the highest CLV, for a first look at the customer 360.
    public var spotlight: String?
    /// The dashboard login made for the demo database: an admin named `demo` and a random password.
    public var login: (user: String, password: String)
}

extension Workspace {
    /// The whole job on the bundled CDNOW sample: a fresh database, the import, a weekly summary
    /// and RFM segments, BG/NBD + Gamma-Gamma predictions of every customer's CLV (stored), a stored
    /// analysis run named "demo" and its report. Every setting is a default of `defaults`.
    public static func demo(
        _ request: DemoRequest, defaults: Defaults = .standard,
        progress: @escaping @Sendable (AnalysisProgress) -> Void = { _ in }
    ) async throws -> DemoResult {
        guard let sample = SampleData.cdnowTransactions else {
            throw AppError(.invalidFile, "the bundled sample data is missing from this build")
        }
        let path = request.database
        let workspace: Workspace
        if PostgresURL.isPostgres(path) {
            workspace = try Workspace.create(database: path, defaults: defaults)
            try await workspace.refuseUnlessEmpty()
        } else {
            try Self.refuseToReplaceUserData(path)
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            workspace = try Workspace.create(database: path, defaults: defaults)
        }
        let store = workspace.store
        // The synthetic customers (owners), interactions and complaints of the same customers, so
        // that the customer 360, complaints and owners have data too. Customers first, so that their
        // import stores them rather than updating bare ones.
        var relationshipImports: [String] = []
        func importSynthetic(_ kind: ImportKind) async throws {
            guard let url = SampleData.file(kind.rawValue) else { return }
            let result = try await workspace.importFile(kind, from: url)
            relationshipImports.append(
                Text.demoImportedSynthetic(
                    request.language, kind.noun(in: request.language), result.counts(in: request.language)))
        }
        try await importSynthetic(.customers)
        let imported = try await workspace.importFile(.transactions, from: sample)
        try await importSynthetic(.interactions)
        try await importSynthetic(.complaints)
        // The customer's view: a synthetic survey of the same customers (see SurveyGenerator), 1–7 scale.
        var surveysImported: String?
        if let survey = SampleData.file("surveys") {
            var options = ImportOptions()
            options.survey.scale = SampleData.surveyScale
            surveysImported = try await workspace.importFile(.surveys, from: survey, options: options)
                .counts(in: request.language)
        }

        let unit = defaults.modelUnit
        let summary = try await workspace.summary(SummaryRequest(unit: unit))
        let table = summary.table
        let segmentation = Segmentation(scores: RFMScores(summary: table))

        // Lifetime value: BG/NBD purchases and Gamma-Gamma spend over the default horizon.
        let horizon = defaults.horizonMonths
        let discountRate = defaults.discountRate
        let margin = defaults.margin
        let histories = table.histories
        let model = histories.fit(BGNBD.self)
        let spend = GammaGamma(fitting: table.frequency, monetary: table.monetary)
        let expectedSpend = spend.expectedAverageSpend(frequency: table.frequency, monetary: table.monetary)
        let predictions = PredictionSet(
            model: BGNBD.key, spendModel: GammaGamma.key, settings: "{\"demo\": true}", ids: table.ids,
            probabilityAlive: model.probabilityAlive(histories),
            expectedPurchases: model.expectedPurchases(
                in: Double(horizon) * TimeUnit.month.days / unit.days, histories),
            expectedSpend: expectedSpend,
            clv: CustomerLifetimeValue.values(
                model: model, histories: histories, spend: expectedSpend,
                horizon: Horizon(periods: horizon, unit: .month, modelUnit: unit), discountRate: discountRate,
                margin: margin))
        try await workspace.run { _ = try await store.savePredictions(predictions) }
        var fit = model.fit
        fit.unit = unit

        // The whole pipeline as a stored run, and the report of that run.
        let analysis = try await workspace.analyze(AnalysisRequest(name: "demo"), progress: progress)
        let report = try await workspace.report(ReportRequest(run: analysis.run, language: request.language))
        // A login for the dashboard, so that `cvm serve` on this database shows it at once.
        let password = WebPassword.random()
        _ = try await workspace.addUser("demo", role: .admin)
        try await workspace.setPassword(user: "demo", password: password)
        return DemoResult(
            workspace: workspace, imported: imported.counts(in: request.language), surveysImported: surveysImported,
            summary: summary,
            segmentation: segmentation,
            purchaseFit: fit, spendFit: spend.fit, predictions: predictions, horizonMonths: horizon,
            discountRate: discountRate, margin: margin, analysis: analysis, report: report,
            relationshipImports: relationshipImports,
            spotlight: predictions.clv.flatMap { clv in
                clv.indices.filter { clv[$0].isFinite }.max { clv[$0] < clv[$1] }.map { table.ids[$0] }
            }, login: ("demo", password))
    }
}

extension Workspace {
    /// On a server the demo cannot start from a fresh file, and never mixes its sample into other
    /// data: the database must hold nothing yet (an earlier demo's data included).
    func refuseUnlessEmpty() async throws {
        let rows = try await run { try await store.storedRowCounts() }
        guard rows.values.allSatisfy({ $0 == 0 }) else {
            let shown = Self.shownAddress(store.path)
            throw AppError(
                .outputConflict,
                "\(shown) already holds data; on a PostgreSQL server the demo runs only in an empty database, "
                    + "so create one for it (CREATE DATABASE cvm_demo;)",
                facts: [.init("database", shown)])
        }
    }

    /// The demo starts from a fresh database and so replaces the one at `path`: allowed only for an
    /// empty file or a database whose every import is one of the bundled samples (an earlier demo).
    /// A database holding the user's own data is never replaced.
    static func refuseToReplaceUserData(_ path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { return }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size > 0 else { return }
        let refusal = AppError(
            .outputConflict,
            "\(path) holds data that the demo did not make; the demo replaces only a database it made itself, "
                + "so choose another folder or database for it",
            facts: [.init("database", path)])
        let store = (try? Store.open(at: path, mode: .readOnly)) ?? (try? Store.open(at: path))
        guard let store, let imports = try? store.imports() else {
            throw refusal
        }
        let samples = Set([
            "transactions.csv", "customers.csv", "marketing.csv", "payments.csv", "interactions.csv", "complaints.csv",
            "surveys.csv",
        ])
        let demoMade = imports.allSatisfy { record in
            let url = URL(fileURLWithPath: record.file)
            return url.deletingLastPathComponent().lastPathComponent == "samples"
                && samples.contains(url.lastPathComponent)
        }
        guard demoMade else { throw refusal }
    }
}
