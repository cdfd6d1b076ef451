import CVMReport
import CVMStore
import CustomerValue
import Foundation

/// The dashboard's pages that show one analysis run, in the order of the CRM value chain.
public enum DashboardPage: String, CaseIterable, Sendable {
    /// Headline figures against the previous run, the CLV distribution, the Pareto curve, the top warnings.
    case overview
    /// Portfolio analysis: segments and the RFM grid, the value matrix, tiers and key accounts, the
    /// composite score, elasticity, credit.
    case portfolio
    /// Lifecycle and churn: stages, patterns, migration, cohorts, warnings, complaints.
    case lifecycle
    /// The customer's view: satisfaction gaps, NPS, importance–performance, value map, journey.
    case value
    /// Fit quality, parameters with standard errors, the holdout check.
    case models

    /// The report sections the page shows, in this order.
    var sections: [String] {
        switch self {
        case .overview: ["clv", "concentration", "warnings"]
        case .portfolio: ["segments", "matrix", "tiers", "score", "elasticity", "credit"]
        case .lifecycle: ["lifecycle", "warnings", "migration", "cohorts", "complaints"]
        case .value: ["satisfaction", "nps", "ipa", "competitors", "value-map", "journey"]
        case .models: ["model", "holdout"]
        }
    }
}

/// Where the dashboard's tables lead: a customer's page, the customer list filtered to a
/// segment, value group, tier or lifecycle stage. Each returns nil where there is no page to go to.
public struct ReportLinks: Sendable {
    public var customer: @Sendable (String) -> String?
    public var segment: @Sendable (String) -> String?
    public var group: @Sendable (String) -> String?
    public var tier: @Sendable (String) -> String?
    public var stage: @Sendable (String) -> String?

    public init(
        customer: @escaping @Sendable (String) -> String?, segment: @escaping @Sendable (String) -> String?,
        group: @escaping @Sendable (String) -> String?, tier: @escaping @Sendable (String) -> String?,
        stage: @escaping @Sendable (String) -> String?
    ) {
        self.customer = customer
        self.segment = segment
        self.group = group
        self.tier = tier
        self.stage = stage
    }
}

/// What one dashboard page shows of a run.
public struct DashboardContent: Sendable {
    public var run: RunInfo
    /// The run before it, which the overview's figures are compared with (nil: the first run).
    public var previous: RunInfo?
    public var figures: [Report.Figure]
    public var sections: [Report.Section]
}

extension Workspace {
    /// The content of a dashboard page for run `run` (nil: the latest); nil when the database has
    /// no run yet. Every figure comes from what the run stored, as in the report; the sections
    /// the report computes from the store (cohorts, holdout, elasticity) are computed for the
    /// page that shows them only.
    public func dashboard(
        _ page: DashboardPage, run id: Int64? = nil, language: Language, links: ReportLinks? = nil
    ) async throws -> DashboardContent? {
        let runs = try await run { try await store.analysisRuns() }
        guard !runs.isEmpty else { return nil }
        let info = try await runOrLatest(id)
        let previous = runs.last { $0.id < info.id }.map(RunInfo.init)
        let stored = info.settings == nil ? try await storedRun(info.id).settings : nil
        let settings = try info.settings ?? AnalysisSettings.decode(stored ?? "", run: info.id)
        let (results, _) = try await run { try await store.analysisResults(info.id) }
        var builder = RunReport(
            workspace: self, info: info, settings: settings, results: results, language: language,
            calibrationEnd: nil)
        builder.links = links
        let wanted = page.sections
        var sections: [Report.Section] = []
        switch page {
        case .overview:
            sections = builder.clvSections() + builder.valueSections()
            sections += try await builder.lifecycleSections()
        case .portfolio:
            sections = [builder.segmentSection()] + builder.valueSections() + [builder.scoreSection()]
            if let s = try await builder.elasticitySection() { sections.append(s) }
            if let s = try await builder.creditSection() { sections.append(s) }
        case .lifecycle:
            sections = try await builder.lifecycleSections()
            if let s = try await builder.cohortSection() { sections.append(s) }
            if let s = try await builder.complaintSection() { sections.append(s) }
        case .value:
            sections = try await builder.customerViewSections()
        case .models:
            sections = builder.clvSections()
            if let s = try await builder.holdoutSection() { sections.append(s) }
        }
        sections = wanted.flatMap { id in sections.filter { $0.id == id } }
        if page == .lifecycle, let patterns = info.overview?.patterns, !patterns.isEmpty {
            sections.insert(patternSection(patterns, language: language), at: min(1, sections.count))
        }
        var figures: [Report.Figure] = []
        if page == .overview {
            figures = overviewFigures(info, previous: previous, language: language)
            if let survey = try await builder.surveyForReport(),
                let nps = SatisfactionAnalysis(survey.answers, scale: survey.scale).nps
            {
                figures.append(.init(Text.webNPS(language), Number.readable(nps.score, digits: 1)))
            }
        }
        return DashboardContent(run: info, previous: previous, figures: figures, sections: sections)
    }

    /// Customers, revenue, repeat rate, total CLV, value at risk and the share of customers in an
    /// active stage, each with its change from the previous run.
    func overviewFigures(_ run: RunInfo, previous: RunInfo?, language: Language) -> [Report.Figure] {
        guard let now = run.overview else { return [] }
        let before = previous?.overview
        func change(_ a: Double?, _ b: Double?, percent: Bool = false) -> String {
            guard let a, let b, previous != nil else { return "" }
            let delta = a - b
            let text =
                percent ? Text.webPercentPoints(language, Number.signed(delta * 100, digits: 1)) : Number.signed(delta)
            return " (" + Text.webChangeFromRun(language, text, previous!.id) + ")"
        }
        func active(_ o: AnalysisOverview?) -> Double? {
            guard let stages = o?.stages else { return nil }
            let total = stages.filter { $0.key != LifecycleStage.prospect.rawValue }.values.reduce(0, +)
            guard total > 0 else { return nil }
            return Double(LifecycleStage.active.reduce(0) { $0 + (stages[$1.rawValue] ?? 0) }) / Double(total)
        }
        var figures: [Report.Figure] = [
            .init(
                Text.webCustomers(language),
                Number.readable(Double(now.customers), digits: 0)
                    + change(Double(now.customers), before.map { Double($0.customers) })),
            .init(Text.webRevenue(language), Number.readable(now.revenue) + change(now.revenue, before?.revenue)),
            .init(
                Text.webRepeatRate(language),
                Number.percent(now.repeatRate) + change(now.repeatRate, before?.repeatRate, percent: true)),
        ]
        if let clv = now.totalCLV {
            figures.append(.init(Text.webTotalCLV(language), Number.readable(clv) + change(clv, before?.totalCLV)))
        }
        if let risk = now.valueAtRisk {
            figures.append(
                .init(Text.webValueAtRisk(language), Number.readable(risk) + change(risk, before?.valueAtRisk)))
        }
        if let share = active(now) {
            figures.append(
                .init(
                    Text.webActiveShare(language),
                    Number.percent(share) + change(share, active(before), percent: true)))
        }
        return figures
    }

    /// How many customers follow each lifecycle pattern.
    func patternSection(_ patterns: [String: Int], language: Language) -> Report.Section {
        let order = LifecyclePattern.allCases.filter { patterns[$0.rawValue] != nil }
        let total = Double(max(patterns.values.reduce(0, +), 1))
        let counts = order.map { Double(patterns[$0.rawValue] ?? 0) }
        let chart = BarChart(
            title: Text.webPatternsTitle(language), xTitle: "", yTitle: Text.webCustomers(language),
            categories: order.map { $0.name(in: language) }, series: [(Text.webCustomers(language), counts)])
        return Report.Section(
            id: "patterns", title: Text.webPatternsTitle(language), intro: Text.webPatternsIntro(language),
            charts: [(chart.svg(), Text.webPatternsTitle(language))],
            tables: [
                Report.Table(
                    headers: Text.webPatternHeaders.headers(language),
                    rows: zip(order, counts).map {
                        [$0.name(in: language), Number.exact($1), Number.percent($1 / total)]
                    },
                    numeric: [1, 2])
            ])
    }
}
