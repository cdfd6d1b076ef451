import CVMStore
import CustomerValue
import Foundation

/// `attitudes`: respondents clustered by what they say matters to them and what they expect.
public struct AttitudesRequest: Sendable, Equatable {
    public var wave: String?
    /// Clusters wanted (default `Defaults.attitudeClusters`).
    public var clusters: Int?

    public init(wave: String? = nil, clusters: Int? = nil) {
        self.wave = wave
        self.clusters = clusters
    }
}

/// Each attitude cluster's size, profile, satisfaction, NPS and the revenue of its customers.
public struct AttitudesResult: Sendable, Tabular {
    public struct Group: Sendable {
        public let cluster: AttitudeClusters.Cluster
        public let meanSatisfaction: Double?
        public let nps: NetPromoterScore?
        /// Identified customers in the cluster with a purchase, and their mean revenue to date.
        public let customers: Int
        public let meanRevenue: Double?
    }

    public let wave: String?
    public let scale: SurveyScale
    public let clustering: AttitudeClusters
    public let groups: [Group]

    public var columns: [String] {
        [
            "cluster", "size", "attribute", "kind", "centre", "standardised", "distinctive", "mean_satisfaction",
            "nps", "customers", "mean_revenue",
        ]
    }

    private var cells: [(Int, Int)] {
        groups.indices.flatMap { g in clustering.features.indices.map { (g, $0) } }
    }

    public var rowCount: Int { cells.count }

    public func fields(_ i: Int) -> [String] {
        let (g, f) = cells[i]
        let group = groups[g]
        let feature = clustering.features[f]
        return [
            String(g + 1), String(group.cluster.size), feature.attribute, feature.kind.rawValue,
            Number.exact(group.cluster.centre[f]), Number.exact(group.cluster.standardised[f]),
            group.cluster.distinctive == f ? "true" : "false", group.meanSatisfaction.map(Number.exact) ?? "",
            group.nps.map { Number.exact($0.score) } ?? "", String(group.customers),
            group.meanRevenue.map(Number.exact) ?? "",
        ]
    }

    public var document: Document { Document(self) }

    public struct Document: Encodable, Sendable {
        public struct Profile: Encodable, Sendable {
            public let attribute, kind: String
            public let centre, standardised: Double
        }

        public struct Cluster: Encodable, Sendable {
            public let cluster, size: Int
            public let share: Double
            public let distinctive: String
            public let meanSatisfaction: Double?
            public let nps: Double?
            public let customers: Int
            public let meanRevenue: Double?
            public let profile: [Profile]
        }

        public let wave: String?
        public let scale: String
        public let responses: Int
        public let note: String
        public let clusters: [Cluster]

        init(_ r: AttitudesResult) {
            wave = r.wave
            scale = r.scale.description
            responses = r.clustering.respondents.count
            note = Text.attitudesNote.en
            let total = Double(max(1, r.clustering.respondents.count))
            clusters = r.groups.enumerated().map { i, g in
                let f = r.clustering.features[g.cluster.distinctive]
                return Cluster(
                    cluster: i + 1, size: g.cluster.size, share: Double(g.cluster.size) / total,
                    distinctive: "\(f.attribute) \(f.kind.rawValue)", meanSatisfaction: g.meanSatisfaction,
                    nps: g.nps?.score, customers: g.customers, meanRevenue: g.meanRevenue,
                    profile: r.clustering.features.enumerated().map { j, feature in
                        Profile(
                            attribute: feature.attribute, kind: feature.kind.rawValue, centre: g.cluster.centre[j],
                            standardised: g.cluster.standardised[j])
                    })
            }
        }
    }
}

extension Workspace {
    /// k-means clusters of the respondents by their stated importance and desired expectation of
    /// each attribute (standardised), with each cluster's satisfaction, NPS and revenue.
    ///
    /// - Throws: `AppError` `.noData` (no survey answers; fewer complete responses than clusters,
    ///   or no importance or expectation that varies), `.notFound`, `.invalidRequest` (several
    ///   scales; a number of clusters outside 1…20).
    public func attitudes(_ request: AttitudesRequest = AttitudesRequest()) async throws -> AttitudesResult {
        let k = request.clusters ?? defaults.attitudeClusters
        guard (1...20).contains(k) else { throw AppError(.invalidRequest, .attitudesBadK, k) }
        let (answers, scale) = try await surveyAnswers(wave: request.wave)
        guard let clustering = AttitudeClusters(answers, k: k, seed: defaults.clusterSeed) else {
            throw AppError(.noData, .attitudesTooFew, k)
        }
        var overall: [String: SurveyAnswer] = [:]
        for a in answers where a.attribute == nil { overall[a.wave + "\u{1F}" + a.response] = a }
        let summary = try await run { try await store.summary(SummaryOptions()) }
        var revenue: [String: Double] = [:]
        for i in 0..<summary.count { revenue[summary.ids[i]] = summary.revenue[i] }
        let groups = clustering.clusters.map { c -> AttitudesResult.Group in
            let members = c.responses.map { clustering.respondents[$0] }
            let rows = members.compactMap { overall[$0.wave + "\u{1F}" + $0.response] }
            let ratings = rows.compactMap(\.satisfaction)
            let bought = Set(members.compactMap(\.customerID)).compactMap { revenue[$0] }
            return AttitudesResult.Group(
                cluster: c, meanSatisfaction: ratings.isEmpty ? nil : ratings.reduce(0, +) / Double(ratings.count),
                nps: NetPromoterScore(rows.compactMap(\.recommend)), customers: bought.count,
                meanRevenue: bought.isEmpty ? nil : bought.reduce(0, +) / Double(bought.count))
        }
        return AttitudesResult(wave: request.wave, scale: scale, clustering: clustering, groups: groups)
    }
}
