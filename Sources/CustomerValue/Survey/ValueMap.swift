/// The customer value map (Gale 1994, *Managing Customer Value*, ch. 2–3): each provider's
/// market-perceived quality and price relative to the others, and the fair-value line.
///
/// - Ratings: each provider's mean rating of each attribute over the answers that rate it (the
///   firm's own performance; a competitor's from the rows naming it), once per response.
/// - Quality ratio of provider p (Gale's quality profile): Σₐ wₐ · rₚₐ ÷ r̄₋ₚₐ over the quality
///   attributes, with r̄₋ₚₐ the mean rating of the other providers (for the firm: "ours ÷ the
///   average competitor") and w the importance weights rescaled to sum to 1.
/// - Relative price (Gale's price profile): the price attributes are rated as *satisfaction* with
///   price (high = a good price), so the price-satisfaction ratio Σₐ vₐ · sₚₐ ÷ s̄₋ₚₐ is inverted:
///   relative price = 1 ÷ ratio (the profile's 118.7 price-satisfaction score gives a relative
///   price of 100/118.7 = 84.2).
/// - Fair-value line: through (1, 1), relative price = 1 + b · (relative quality − 1), b fitted by
///   least squares through that point across the providers, b = Σ(x − 1)(y − 1) ÷ Σ(x − 1)²
///   (Gale; Ibbaka's "value equivalency line"), or given. The firm and one competitor lie on
///   either side of (1, 1), so two points only restate their own positions: a slope is fitted
///   from three providers on, and below that (or with no spread in quality) it is the diagonal.
/// - Customer value: the perpendicular distance to the line, (1 + b(x − 1) − y) ÷ √(1 + b²),
///   positive below and right of it, "better value" (PIMS Associates' glossary, "value map").
public struct CustomerValueMap: Sendable, Equatable {
    public struct Provider: Sendable, Equatable {
        /// Empty for the firm, else the competitor's name.
        public let provider: String
        public let relativeQuality: Double
        public let relativePrice: Double
        /// The relative price the line gives this quality.
        public let fairPrice: Double
        /// The signed perpendicular distance to the line; above 0 is better value.
        public let value: Double
        public var isFirm: Bool { provider.isEmpty }
    }

    /// One attribute of the profile: its weight within its group and each provider's mean rating.
    public struct Attribute: Sendable, Equatable {
        public let attribute: String
        public let isPrice: Bool
        /// The weight within the quality or the price attributes (each group sums to 1).
        public let weight: Double
        /// Mean rating per provider, in `providers` order (nil when no answer rates it).
        public let ratings: [Double?]
    }

    public enum SlopeSource: String, Sendable, Codable {
        /// Fitted through (1, 1) across the providers.
        case fitted
        /// Given by the caller.
        case given
        /// Fewer than three providers, or no spread in quality, to fit it: the diagonal, slope 1.
        case diagonal
    }

    /// The providers in map order: the firm first, then the competitors by name.
    public let providers: [Provider]
    public let attributes: [Attribute]
    public let slope: Double
    public let slopeSource: SlopeSource

    /// Why a map cannot be drawn.
    public enum Problem: Error, Equatable, Sendable {
        /// No answer rates a competitor.
        case noCompetitor
        /// None of the price attributes is rated for the firm and every competitor.
        case noPriceRating(priceAttributes: [String])
        /// No quality attribute (one that is not a price attribute) is rated for every provider.
        case noQualityRating
    }

    /// The map of `answers` (one scale). `weights` maps attributes to importance (negative ones
    /// count as 0; an attribute not in it, or a group whose weights sum to 0, weighs equally);
    /// `priceAttributes` are the attributes rated as satisfaction with price. Only attributes
    /// rated for every provider enter the profile.
    public init(
        _ answers: [SurveyAnswer], weights: [String: Double], priceAttributes: Set<String>, slope given: Double? = nil
    ) throws(Problem) {
        var firm: [String: (sum: Double, count: Int)] = [:]
        var rivals: [String: [String: (sum: Double, count: Int)]] = [:]
        var seen: Set<String> = []
        var order: [String] = []
        for answer in answers {
            guard let attribute = answer.attribute else { continue }
            let response = answer.wave + "\u{1F}" + answer.response + "\u{1F}" + attribute
            if let value = answer.performance, seen.insert(response).inserted {
                if firm[attribute] == nil { order.append(attribute) }
                firm[attribute, default: (0, 0)].sum += value
                firm[attribute, default: (0, 0)].count += 1
            }
            if let name = answer.competitor, let value = answer.competitorPerformance,
                seen.insert(response + "\u{1F}" + name).inserted
            {
                rivals[name, default: [:]][attribute, default: (0, 0)].sum += value
                rivals[name, default: [:]][attribute, default: (0, 0)].count += 1
            }
        }
        let names = [""] + rivals.keys.sorted()
        guard names.count > 1 else { throw .noCompetitor }
        func mean(_ provider: String, _ attribute: String) -> Double? {
            let cell = provider.isEmpty ? firm[attribute] : rivals[provider]?[attribute]
            guard let cell, cell.count > 0 else { return nil }
            return cell.sum / Double(cell.count)
        }
        let complete = order.filter { a in names.allSatisfy { mean($0, a).map { $0 > 0 } ?? false } }
        let price = complete.filter { priceAttributes.contains($0) }
        let quality = complete.filter { !priceAttributes.contains($0) }
        guard !price.isEmpty else { throw .noPriceRating(priceAttributes: priceAttributes.sorted()) }
        guard !quality.isEmpty else { throw .noQualityRating }
        func normalised(_ group: [String]) -> [String: Double] {
            let raw = group.map { max(0, weights[$0] ?? 1) }
            let total = raw.reduce(0, +)
            return Dictionary(
                uniqueKeysWithValues: zip(
                    group, total > 0 ? raw.map { $0 / total } : raw.map { _ in 1 / Double(raw.count) }))
        }
        let qualityWeights = normalised(quality)
        let priceWeights = normalised(price)
        // Σ w · (p's rating ÷ the mean of the others' ratings).
        func ratio(_ provider: String, _ group: [String], _ w: [String: Double]) -> Double {
            group.reduce(0) { total, a in
                let others = names.filter { $0 != provider }.map { mean($0, a)! }
                return total + w[a]! * mean(provider, a)! / (others.reduce(0, +) / Double(others.count))
            }
        }
        let points = names.map {
            (name: $0, x: ratio($0, quality, qualityWeights), y: 1 / ratio($0, price, priceWeights))
        }
        let sxx = points.reduce(0) { $0 + ($1.x - 1) * ($1.x - 1) }
        let sxy = points.reduce(0) { $0 + ($1.x - 1) * ($1.y - 1) }
        if let given {
            (slope, slopeSource) = (given, .given)
        } else if points.count >= 3, sxx > 1e-12 {
            (slope, slopeSource) = (sxy / sxx, .fitted)
        } else {
            (slope, slopeSource) = (1, .diagonal)
        }
        let b = slope
        providers = points.map { p in
            let fair = 1 + b * (p.x - 1)
            return Provider(
                provider: p.name, relativeQuality: p.x, relativePrice: p.y, fairPrice: fair,
                value: (fair - p.y) / (1 + b * b).squareRoot())
        }
        attributes = (quality + price).map { a in
            Attribute(
                attribute: a, isPrice: priceAttributes.contains(a), weight: qualityWeights[a] ?? priceWeights[a]!,
                ratings: names.map { mean($0, a) })
        }
    }
}
