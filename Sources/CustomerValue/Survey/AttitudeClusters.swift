/// Respondents grouped by what they say they want: k-means over each response's stated
/// importance (and desired expectation, where asked) of every attribute.
///
/// Each feature is standardised to mean 0 and standard deviation 1 over the responses (so an
/// attribute rated on a wider spread does not dominate), then clustered by `KMeans` (k-means++
/// seeding, seeded: the same clusters every time). Only responses that answer every feature
/// enter. A cluster is described by its centre in the survey's own units and by its most
/// distinctive feature: the one whose standardised centre lies furthest from 0. The seeds name
/// such groups by attitude (demanding, hesitant, thrifty, seasoned); which name fits a cluster is
/// for a person to judge from its profile, so none is assigned here.
public struct AttitudeClusters: Sendable, Equatable {
    public struct Feature: Sendable, Equatable, Hashable {
        public enum Kind: String, Sendable, Codable { case importance, expectation }
        public let attribute: String
        public let kind: Kind
    }

    public struct Cluster: Sendable, Equatable {
        public let size: Int
        /// The centre in the survey's units, one per feature.
        public let centre: [Double]
        /// The centre in standard deviations from the mean of all responses.
        public let standardised: [Double]
        /// The index of the feature furthest from the mean.
        public let distinctive: Int
        /// The responses (wave, response) in the cluster.
        public let responses: [Int]
    }

    public let features: [Feature]
    /// (wave, response, customer) of each clustered response, in the order `Cluster.responses` indexes.
    public let respondents: [(wave: String, response: String, customerID: String?)]
    public let clusters: [Cluster]

    public static func == (a: AttitudeClusters, b: AttitudeClusters) -> Bool {
        a.features == b.features && a.clusters == b.clusters
            && a.respondents.map { [$0.wave, $0.response, $0.customerID ?? ""] }
                == b.respondents.map { [$0.wave, $0.response, $0.customerID ?? ""] }
    }

    /// Nil when fewer than `k` complete responses or no feature varies.
    public init?(_ answers: [SurveyAnswer], k: Int, seed: UInt64) {
        var rows: [String: Int] = [:]
        var who: [(wave: String, response: String, customerID: String?)] = []
        var values: [Feature: [Int: Double]] = [:]
        var order: [Feature] = []
        for a in answers {
            guard let attribute = a.attribute else { continue }
            let key = a.wave + "\u{1F}" + a.response
            let row: Int
            if let known = rows[key] {
                row = known
            } else {
                row = who.count
                rows[key] = row
                who.append((a.wave, a.response, a.customerID))
            }
            for (kind, value) in [(Feature.Kind.importance, a.importance), (.expectation, a.expectation)] {
                guard let value else { continue }
                let feature = Feature(attribute: attribute, kind: kind)
                if values[feature] == nil { order.append(feature) }
                values[feature, default: [:]][row] = values[feature]?[row] ?? value
            }
        }
        let complete = who.indices.filter { row in order.allSatisfy { values[$0]?[row] != nil } }
        // Features that do not vary carry no information and cannot be standardised.
        var features: [Feature] = []
        var means: [Double] = []
        var deviations: [Double] = []
        for feature in order {
            let column = complete.map { values[feature]![$0]! }
            let n = Double(column.count)
            guard column.count > 1 else { continue }
            let mean = column.reduce(0, +) / n
            let sd = (column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)).squareRoot()
            guard sd > 0 else { continue }
            features.append(feature)
            means.append(mean)
            deviations.append(sd)
        }
        guard k >= 1, complete.count >= k, !features.isEmpty else { return nil }
        var points: [Double] = []
        points.reserveCapacity(complete.count * features.count)
        for row in complete {
            for (j, feature) in features.enumerated() {
                points.append((values[feature]![row]! - means[j]) / deviations[j])
            }
        }
        let fit = KMeans(points: points, dimension: features.count, k: k, seed: seed)
        self.features = features
        respondents = complete.map { who[$0] }
        clusters = (0..<fit.k).map { c in
            let z = Array(fit.centre(c))
            let members = fit.assignments.indices.filter { fit.assignments[$0] == c }
            let distinctive = z.indices.max { (abs(z[$0]), $1) < (abs(z[$1]), $0) } ?? 0
            return Cluster(
                size: fit.sizes[c], centre: z.enumerated().map { means[$0] + $1 * deviations[$0] }, standardised: z,
                distinctive: distinctive, responses: members)
        }
    }
}
