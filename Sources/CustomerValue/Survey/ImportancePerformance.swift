/// Importance–performance analysis (Martilla & James 1977, J. Marketing 41(1):77–79) and the
/// firm's performance against each competitor, from survey answers.
///
/// Importance is the mean stated importance of each attribute, or derived: the OLS slope of
/// overall satisfaction on the attributes' performance over the responses that rate every
/// attribute and give an overall satisfaction (`LinearRegression`, with standard errors).
/// The crosshairs lie at the means of the attributes' importance and of their performance (the
/// grand means; the scale's midpoint is the other common choice). An attribute at or above a
/// mean counts as high on it.
public struct ImportancePerformance: Sendable, Equatable {
    public enum Importance: String, Sendable, Codable, CaseIterable {
        /// The respondents' stated importance.
        case stated
        /// Derived by regressing overall satisfaction on attribute performance.
        case derived
    }

    public enum Quadrant: String, Sendable, Codable, LocalizedName {
        /// High importance, low performance.
        case concentrateHere = "concentrate_here"
        /// High importance, high performance.
        case keepUpTheGoodWork = "keep_up_the_good_work"
        /// Low importance, low performance.
        case lowPriority = "low_priority"
        /// Low importance, high performance.
        case possibleOverkill = "possible_overkill"

        public func name(in language: Language) -> String {
            switch (self, language) {
            case (.concentrateHere, .en): "concentrate here"
            case (.concentrateHere, .zh): "重点改进"
            case (.keepUpTheGoodWork, .en): "keep up the good work"
            case (.keepUpTheGoodWork, .zh): "继续保持"
            case (.lowPriority, .en): "low priority"
            case (.lowPriority, .zh): "低优先级"
            case (.possibleOverkill, .en): "possible overkill"
            case (.possibleOverkill, .zh): "可能过度"
            }
        }
    }

    public struct Attribute: Sendable, Equatable {
        public let attribute: String
        public let importance: Double
        /// The standard error of a derived importance (nil for stated importance).
        public let standardError: Double?
        public let performance: Double
        public let quadrant: Quadrant
    }

    public let importance: Importance
    public let attributes: [Attribute]
    public let importanceCrosshair: Double
    public let performanceCrosshair: Double
    /// The regression behind derived importance.
    public let regression: LinearRegression?

    /// The quadrant of each (attribute, importance, performance), crosshairs at the means.
    public init(
        _ points: [(attribute: String, importance: Double, standardError: Double?, performance: Double)],
        importance: Importance, regression: LinearRegression? = nil
    ) {
        self.importance = importance
        self.regression = regression
        let n = Double(max(1, points.count))
        let iMean = points.reduce(0) { $0 + $1.importance } / n
        let pMean = points.reduce(0) { $0 + $1.performance } / n
        importanceCrosshair = iMean
        performanceCrosshair = pMean
        attributes = points.map { point in
            let high = point.importance >= iMean
            let good = point.performance >= pMean
            let quadrant: Quadrant =
                high ? (good ? .keepUpTheGoodWork : .concentrateHere) : (good ? .possibleOverkill : .lowPriority)
            return Attribute(
                attribute: point.attribute, importance: point.importance, standardError: point.standardError,
                performance: point.performance, quadrant: quadrant)
        }
    }

    /// IPA of `answers` (one scale): mean performance per attribute, importance stated or derived.
    /// Nil when there is no attribute rating, or (derived) when the regression cannot be fitted.
    public init?(_ answers: [SurveyAnswer], importance: Importance) {
        let table = SurveyTable(answers)
        guard !table.attributes.isEmpty else { return nil }
        switch importance {
        case .stated:
            var points: [(String, Double, Double?, Double)] = []
            for (k, name) in table.attributes.enumerated() {
                let stated = table.importance[k].compactMap { $0 }
                guard !stated.isEmpty else { return nil }
                points.append((name, stated.reduce(0, +) / Double(stated.count), nil, table.meanPerformance(k)))
            }
            self.init(points, importance: .stated)
        case .derived:
            guard let regression = table.satisfactionRegression() else { return nil }
            let points = table.attributes.enumerated().map { k, name in
                (name, regression.slopes[k], Optional(regression.standardErrors[k]), table.meanPerformance(k))
            }
            self.init(points, importance: .derived, regression: regression)
        }
    }
}

/// The firm against one competitor on each attribute, over the answers that rate both.
///
/// Per attribute: the mean of the firm's and of the competitor's performance, and the mean paired
/// difference (competitor − firm) with its standard error sd/√n and 95% interval ±1.96·SE. The
/// relative customer value is Gale's quality ratio (Gale 1994, the market-perceived quality
/// profile): Σ wₐ · firmₐ ÷ competitorₐ, with wₐ the weights given (mean stated importance, or
/// equal) rescaled to sum to 1, above 1 when customers rate the firm better; attributes on which
/// the competitor's mean rating is 0 are left out of it.
public struct CompetitorComparison: Sendable, Equatable {
    public struct Attribute: Sendable, Equatable {
        public let attribute: String
        public let answers: Int
        public let firm: Double
        public let competitor: Double
        /// Mean of competitor − firm.
        public let gap: Double
        public let standardError: Double
        public let interval: ClosedRange<Double>
    }

    public let competitor: String
    public let attributes: [Attribute]
    public let relativeValue: Double?

    /// The comparison of each competitor named in `answers`, by name.
    public static func all(_ answers: [SurveyAnswer], weights: [String: Double]) -> [CompetitorComparison] {
        var pairs: [String: [String: [(Double, Double)]]] = [:]
        for answer in answers {
            guard let attribute = answer.attribute, let competitor = answer.competitor,
                let firm = answer.performance, let theirs = answer.competitorPerformance
            else { continue }
            pairs[competitor, default: [:]][attribute, default: []].append((firm, theirs))
        }
        return pairs.keys.sorted().map { name in
            let byAttribute = pairs[name]!
            let attributes = byAttribute.keys.sorted().map { attribute -> Attribute in
                let values = byAttribute[attribute]!
                let n = Double(values.count)
                let firm = values.reduce(0) { $0 + $1.0 } / n
                let theirs = values.reduce(0) { $0 + $1.1 } / n
                let gap = theirs - firm
                let ss = values.reduce(0) { $0 + ($1.1 - $1.0 - gap) * ($1.1 - $1.0 - gap) }
                let se = values.count > 1 ? (ss / (n - 1) / n).squareRoot() : 0
                return Attribute(
                    attribute: attribute, answers: values.count, firm: firm, competitor: theirs, gap: gap,
                    standardError: se, interval: (gap - 1.959964 * se)...(gap + 1.959964 * se))
            }
            // Gale's ratio: Σ w · firm ÷ competitor, the weights rescaled to sum to 1 (equal when
            // they sum to 0, as the value map's).
            let rated = attributes.filter { $0.competitor > 0 }
            let raw = rated.map { max(0, weights[$0.attribute] ?? 1) }
            let total = raw.reduce(0, +)
            let w = total > 0 ? raw.map { $0 / total } : raw.map { _ in 1 / Double(raw.count) }
            let ratio = rated.isEmpty ? nil : zip(rated, w).reduce(0) { $0 + $1.1 * $1.0.firm / $1.0.competitor }
            return CompetitorComparison(competitor: name, attributes: attributes, relativeValue: ratio)
        }
    }
}

/// The firm's own ratings as columns: one row per response, one column per attribute.
struct SurveyTable {
    var attributes: [String] = []
    var performance: [[Double?]] = []
    var importance: [[Double?]] = []
    var satisfaction: [Double?] = []

    init(_ answers: [SurveyAnswer]) {
        var rows: [String: Int] = [:]
        var columns: [String: Int] = [:]
        for answer in answers {
            let key = answer.wave + "\u{1F}" + answer.response
            let row: Int
            if let known = rows[key] {
                row = known
            } else {
                row = satisfaction.count
                rows[key] = row
                satisfaction.append(nil)
                for k in attributes.indices {
                    performance[k].append(nil)
                    importance[k].append(nil)
                }
            }
            guard let attribute = answer.attribute else {
                if let value = answer.satisfaction { satisfaction[row] = value }
                continue
            }
            let column: Int
            if let known = columns[attribute] {
                column = known
            } else {
                column = attributes.count
                columns[attribute] = column
                attributes.append(attribute)
                performance.append(Array(repeating: nil, count: satisfaction.count))
                importance.append(Array(repeating: nil, count: satisfaction.count))
            }
            if let value = answer.performance { performance[column][row] = value }
            if let value = answer.importance { importance[column][row] = value }
        }
    }

    func meanPerformance(_ k: Int) -> Double {
        let values = performance[k].compactMap { $0 }
        return values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }

    /// OLS of overall satisfaction on every attribute's performance, over the complete responses.
    func satisfactionRegression() -> LinearRegression? {
        let complete = satisfaction.indices.filter { row in
            satisfaction[row] != nil && performance.allSatisfy { $0[row] != nil }
        }
        return LinearRegression(
            complete.map { satisfaction[$0]! }, on: performance.map { column in complete.map { column[$0]! } })
    }
}
