import CVMStore
import CustomerValue
import Foundation

/// `value-map`: Gale's customer value map of the firm and the competitors the survey names.
public struct ValueMapRequest: Sendable, Equatable {
    public var wave: String?
    /// The weights of the quality and price profiles: stated (the default) or derived importance.
    public var importance: ImportancePerformance.Importance?
    /// The attributes rated as satisfaction with price (default `Defaults.valueMapPriceAttributes`).
    public var priceAttributes: [String]?
    /// The slope of the fair-value line; nil: fitted through (1, 1) across the providers.
    public var fairSlope: Double?
    /// Also a map per group of respondents (from the latest stored analysis run).
    public var segment: SurveySegmentation?

    public init(
        wave: String? = nil, importance: ImportancePerformance.Importance? = nil, priceAttributes: [String]? = nil,
        fairSlope: Double? = nil, segment: SurveySegmentation? = nil
    ) {
        self.wave = wave
        self.importance = importance
        self.priceAttributes = priceAttributes
        self.fairSlope = fairSlope
        self.segment = segment
    }
}

/// Each provider's relative quality and price, the fair-value line and the value against it.
public struct ValueMapResult: Sendable, Tabular {
    public let wave: String?
    public let scale: SurveyScale
    /// Where the weights come from: stated or derived importance, or equal (none could be had).
    public let weights: ValueMapWeights
    /// The map of every respondent.
    public let map: CustomerValueMap
    /// With a segmentation: each group's own map (its own weights), or why it has none.
    public var segments: [Segment] = []
    public var segment: SurveySegmentation?
    /// The analysis run the groups come from.
    public var run: Int64?

    public struct Segment: Sendable {
        public let group: String
        public let result: ValueMapResult?
        /// Why the group has no map (English; `problemText` has every language).
        public let problem: AppError?
    }

    public var columns: [String] {
        ["group", "provider", "is_firm", "relative_quality", "relative_price", "fair_price", "value", "position"]
    }

    private var rows: [(String, CustomerValueMap.Provider)] {
        map.providers.map { ("all", $0) }
            + segments.flatMap { s in (s.result?.map.providers ?? []).map { (s.group, $0) } }
    }

    public var rowCount: Int { rows.count }

    public func fields(_ i: Int) -> [String] {
        let (group, p) = rows[i]
        return [
            group, p.provider, p.isFirm ? "true" : "false", Number.exact(p.relativeQuality),
            Number.exact(p.relativePrice), Number.exact(p.fairPrice), Number.exact(p.value),
            ValueMapPosition(p.value).rawValue,
        ]
    }

    /// The provider's name in `language` (the firm has none of its own).
    public static func name(_ provider: CustomerValueMap.Provider, in language: Language) -> String {
        provider.isFirm ? Text.valueMapFirm(language) : provider.provider
    }

    public var document: Document { Document(self) }

    public struct Document: Encodable, Sendable {
        public struct Provider: Encodable, Sendable {
            public let provider: String
            public let isFirm: Bool
            public let relativeQuality, relativePrice, fairPrice, value: Double
            public let position: String
        }

        public struct Attribute: Encodable, Sendable {
            public struct Rating: Encodable, Sendable {
                public let provider: String
                public let rating: Double?
            }

            public let attribute: String
            public let kind: String
            public let weight: Double
            public let ratings: [Rating]
        }

        public struct Segment: Encodable, Sendable {
            public let group: String
            public let weights: String?
            public let fairSlope: Double?
            public let fairSlopeSource: String?
            public let providers: [Provider]
            public let problem: String?
        }

        public let wave: String?
        public let scale: String
        public let weights: String
        public let fairSlope: Double
        public let fairSlopeSource: String
        public let note: String
        public let providers: [Provider]
        public let attributes: [Attribute]
        public let segment: String?
        public let run: Int64?
        public let segments: [Segment]?

        static func providers(_ map: CustomerValueMap) -> [Provider] {
            map.providers.map {
                Provider(
                    provider: $0.provider, isFirm: $0.isFirm, relativeQuality: $0.relativeQuality,
                    relativePrice: $0.relativePrice, fairPrice: $0.fairPrice, value: $0.value,
                    position: ValueMapPosition($0.value).rawValue)
            }
        }

        init(_ r: ValueMapResult) {
            segment = r.segment?.rawValue
            run = r.run
            segments =
                r.segment == nil
                ? nil
                : r.segments.map { s in
                    Segment(
                        group: s.group, weights: s.result?.weights.rawValue, fairSlope: s.result?.map.slope,
                        fairSlopeSource: s.result?.map.slopeSource.rawValue,
                        providers: s.result.map { Self.providers($0.map) } ?? [], problem: s.problem?.message)
                }
            wave = r.wave
            scale = r.scale.description
            weights = r.weights.rawValue
            fairSlope = r.map.slope
            fairSlopeSource = r.map.slopeSource.rawValue
            note = Text.valueMapNote.en
            providers = Self.providers(r.map)
            attributes = r.map.attributes.map { a in
                Attribute(
                    attribute: a.attribute, kind: a.isPrice ? "price" : "quality", weight: a.weight,
                    ratings: zip(r.map.providers, a.ratings).map { Attribute.Rating(provider: $0.provider, rating: $1) }
                )
            }
        }
    }
}

/// The weights of a value map's profiles.
public enum ValueMapWeights: String, Sendable, Codable {
    case stated, derived
    /// No importance could be had (none asked, or too few complete responses to derive it).
    case equal
}

/// Which side of the fair-value line a provider lies on.
public enum ValueMapPosition: String, Sendable, Codable {
    /// Below or right of the line: more quality for its price than the market gives.
    case betterValue = "better_value"
    case fairValue = "fair_value"
    case worseValue = "worse_value"

    /// Within ±0.005 of the line (half a percent of the market price) a point counts as on it.
    public init(_ value: Double) {
        self = value > 0.005 ? .betterValue : value < -0.005 ? .worseValue : .fairValue
    }

    public func name(in language: Language) -> String {
        switch self {
        case .betterValue: Text.valueMapBetter(language)
        case .fairValue: Text.valueMapFair(language)
        case .worseValue: Text.valueMapWorse(language)
        }
    }
}

extension Workspace {
    /// Gale's customer value map: the firm's and each competitor's quality ratio and relative
    /// price against the others, the fair-value line through (1, 1) and each one's value against it.
    ///
    /// - Throws: `AppError` `.noData` (no survey answers; no competitor ratings; no price or no
    ///   quality attribute rated for every provider), `.notFound`, `.invalidRequest` (several
    ///   scales; a slope that is not a finite number).
    public func valueMap(_ request: ValueMapRequest = ValueMapRequest()) async throws -> ValueMapResult {
        if let slope = request.fairSlope, !slope.isFinite {
            throw AppError(.invalidRequest, .valueMapBadSlope, String(slope))
        }
        let (answers, scale) = try await surveyAnswers(wave: request.wave)
        var result = try Self.valueMap(answers, scale: scale, request: request, defaults: defaults)
        if let segmentation = request.segment {
            let (byCustomer, id) = try await surveyGroups(segmentation)
            var split: [String: [SurveyAnswer]] = [:]
            for answer in answers {
                guard let customer = answer.customerID, let group = byCustomer[customer] else { continue }
                split[group, default: []].append(answer)
            }
            result.segment = segmentation
            result.run = id
            result.segments = split.keys.sorted().map { key in
                do {
                    return .init(
                        group: key,
                        result: try Self.valueMap(split[key]!, scale: scale, request: request, defaults: defaults),
                        problem: nil)
                } catch {
                    return .init(group: key, result: nil, problem: AppError.from(error))
                }
            }
        }
        return result
    }

    /// The map of `answers` (one scale), shared by the command and the report.
    static func valueMap(
        _ answers: [SurveyAnswer], scale: SurveyScale, request: ValueMapRequest, defaults: Defaults
    ) throws -> ValueMapResult {
        let prices = Set(request.priceAttributes ?? defaults.valueMapPriceAttributes)
        var weights: [String: Double] = [:]
        var source = ValueMapWeights.equal
        if let ipa = ImportancePerformance(answers, importance: request.importance ?? .stated) {
            source = ipa.importance == .stated ? .stated : .derived
            for a in ipa.attributes { weights[a.attribute] = a.importance }
        }
        do {
            let map = try CustomerValueMap(answers, weights: weights, priceAttributes: prices, slope: request.fairSlope)
            return ValueMapResult(wave: request.wave, scale: scale, weights: source, map: map)
        } catch {
            switch error {
            case .noCompetitor: throw AppError(.noData, .valueMapNoCompetitor)
            case .noPriceRating(let names): throw AppError(.noData, .valueMapNoPrice, names.joined(separator: ", "))
            case .noQualityRating: throw AppError(.noData, .valueMapNoQuality)
            }
        }
    }
}

extension ValueMapResult {
    /// The name of the weights' source, in the catalogue.
    public var weightsText: Text {
        switch weights {
        case .stated: .valueMapWeightsStated
        case .derived: .valueMapWeightsDerived
        case .equal: .valueMapWeightsEqual
        }
    }

    /// Where the fair-value line's slope comes from, in the catalogue.
    public var slopeText: Text {
        switch map.slopeSource {
        case .fitted: .valueMapSlopeFitted
        case .given: .valueMapSlopeGiven
        case .diagonal: .valueMapSlopeDiagonal
        }
    }
}
