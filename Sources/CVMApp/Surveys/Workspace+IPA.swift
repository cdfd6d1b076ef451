import CVMStore
import CustomerValue
import Foundation

/// `ipa`: importance–performance quadrants of the survey's attributes.
public struct IPARequest: Sendable, Equatable {
    public var wave: String?
    /// Stated (the default) or derived importance.
    public var importance: ImportancePerformance.Importance?

    public init(wave: String? = nil, importance: ImportancePerformance.Importance? = nil) {
        self.wave = wave
        self.importance = importance
    }
}

/// The quadrant of every attribute, with the crosshairs and, for derived importance, the regression.
public struct IPAResult: Sendable, Tabular {
    public let wave: String?
    public let scale: SurveyScale
    public let analysis: ImportancePerformance

    public var columns: [String] {
        ["attribute", "importance", "importance_se", "performance", "quadrant", "importance_source"]
    }

    public var rowCount: Int { analysis.attributes.count }

    public func fields(_ i: Int) -> [String] {
        let a = analysis.attributes[i]
        return [
            a.attribute, Number.exact(a.importance), a.standardError.map(Number.exact) ?? "",
            Number.exact(a.performance), a.quadrant.rawValue, analysis.importance.rawValue,
        ]
    }

    public var document: Document { Document(self) }

    public struct Document: Encodable, Sendable {
        public struct Attribute: Encodable, Sendable {
            public let attribute: String
            public let importance: Double
            public let importanceSE: Double?
            public let performance: Double
            public let quadrant: String
        }

        public struct Regression: Encodable, Sendable {
            public let observations: Int
            public let intercept, interceptSE, rSquared: Double
            public let note: String
        }

        public let wave: String?
        public let scale: String
        public let importanceSource: String
        public let crosshairs: String
        public let importanceCrosshair, performanceCrosshair: Double
        public let regression: Regression?
        public let attributes: [Attribute]

        init(_ result: IPAResult) {
            let a = result.analysis
            wave = result.wave
            scale = result.scale.description
            importanceSource = a.importance.rawValue
            crosshairs = "means of the attributes' importance and performance"
            importanceCrosshair = a.importanceCrosshair
            performanceCrosshair = a.performanceCrosshair
            regression = a.regression.map {
                Regression(
                    observations: $0.observations, intercept: $0.intercept, interceptSE: $0.interceptStandardError,
                    rSquared: $0.rSquared,
                    note: "OLS of overall satisfaction on every attribute's performance, classical standard errors")
            }
            attributes = a.attributes.map {
                Attribute(
                    attribute: $0.attribute, importance: $0.importance, importanceSE: $0.standardError,
                    performance: $0.performance, quadrant: $0.quadrant.rawValue)
            }
        }
    }
}

/// `competitors`: the firm against each competitor the survey names.
public struct CompetitorsRequest: Sendable, Equatable {
    public var wave: String?
    /// The weights of the relative value: stated (the default) or derived importance.
    public var importance: ImportancePerformance.Importance?

    public init(wave: String? = nil, importance: ImportancePerformance.Importance? = nil) {
        self.wave = wave
        self.importance = importance
    }
}

public struct CompetitorsResult: Sendable, Tabular {
    public let wave: String?
    public let importance: ImportancePerformance.Importance
    public let comparisons: [CompetitorComparison]

    public var columns: [String] {
        [
            "competitor", "attribute", "answers", "firm", "competitor_performance", "gap", "gap_se", "gap_ci_low",
            "gap_ci_high", "relative_value",
        ]
    }

    private var rows: [(CompetitorComparison, CompetitorComparison.Attribute)] {
        comparisons.flatMap { c in c.attributes.map { (c, $0) } }
    }

    public var rowCount: Int { rows.count }

    public func fields(_ i: Int) -> [String] {
        let (c, a) = rows[i]
        return [
            c.competitor, a.attribute, String(a.answers), Number.exact(a.firm), Number.exact(a.competitor),
            Number.exact(a.gap), Number.exact(a.standardError), Number.exact(a.interval.lowerBound),
            Number.exact(a.interval.upperBound), c.relativeValue.map(Number.exact) ?? "",
        ]
    }

    public var document: Document { Document(self) }

    public struct Document: Encodable, Sendable {
        public struct Attribute: Encodable, Sendable {
            public let attribute: String
            public let answers: Int
            public let firm, competitor, gap, gapSE, gapCILow, gapCIHigh: Double
        }

        public struct Competitor: Encodable, Sendable {
            public let competitor: String
            public let relativeValue: Double?
            public let attributes: [Attribute]
        }

        public let wave: String?
        public let weights: String
        public let note: String
        public let competitors: [Competitor]

        init(_ result: CompetitorsResult) {
            wave = result.wave
            weights = result.importance.rawValue
            note =
                "gap = competitor − firm (mean of paired ratings, 95% CI ±1.96·SE); relative value = Σ w · firm ÷ "
                + "competitor, the weights summing to 1 (above 1: the firm is rated better)"
            competitors = result.comparisons.map { c in
                Competitor(
                    competitor: c.competitor, relativeValue: c.relativeValue,
                    attributes: c.attributes.map {
                        Attribute(
                            attribute: $0.attribute, answers: $0.answers, firm: $0.firm, competitor: $0.competitor,
                            gap: $0.gap, gapSE: $0.standardError, gapCILow: $0.interval.lowerBound,
                            gapCIHigh: $0.interval.upperBound)
                    })
            }
        }
    }
}

extension Workspace {
    /// Importance–performance quadrants (Martilla & James): stated importance, or derived by
    /// OLS of overall satisfaction on attribute performance; crosshairs at the means.
    ///
    /// - Throws: `AppError` `.noData` (no survey answers, no attribute ratings, no stated
    ///   importance, or too few complete responses to derive it), `.notFound`, `.invalidRequest`.
    public func ipa(_ request: IPARequest = IPARequest()) async throws -> IPAResult {
        let (answers, scale) = try await surveyAnswers(wave: request.wave)
        let importance = request.importance ?? .stated
        guard let analysis = ImportancePerformance(answers, importance: importance) else {
            throw AppError(.noData, Self.ipaProblem(answers, importance))
        }
        return IPAResult(wave: request.wave, scale: scale, analysis: analysis)
    }

    /// The firm against each competitor the survey names, per attribute, and the relative value.
    ///
    /// - Throws: `AppError` `.noData` (no survey answers, no competitor ratings), `.notFound`,
    ///   `.invalidRequest`.
    public func competitors(_ request: CompetitorsRequest = CompetitorsRequest()) async throws -> CompetitorsResult {
        let (answers, _) = try await surveyAnswers(wave: request.wave)
        let importance = request.importance ?? .stated
        var weights: [String: Double] = [:]
        if let ipa = ImportancePerformance(answers, importance: importance) {
            for a in ipa.attributes { weights[a.attribute] = max(0, a.importance) }
        }
        let comparisons = CompetitorComparison.all(answers, weights: weights)
        guard !comparisons.isEmpty else {
            throw AppError(
                .noData,
                "the survey answers rate no competitor; import rows with a competitor and its performance")
        }
        return CompetitorsResult(wave: request.wave, importance: importance, comparisons: comparisons)
    }

    private static func ipaProblem(_ answers: [SurveyAnswer], _ importance: ImportancePerformance.Importance)
        -> String
    {
        if !answers.contains(where: { $0.attribute != nil && $0.performance != nil }) {
            return
                "the survey answers hold no attribute ratings; import rows that name an attribute and its performance"
        }
        switch importance {
        case .stated:
            return "some attribute has no stated importance; import the importance, or derive it from overall "
                + "satisfaction"
        case .derived:
            return "too few responses rate every attribute and give an overall satisfaction to derive importance "
                + "(more responses than attributes plus one are needed, and no attribute may be rated the same by all)"
        }
    }
}
