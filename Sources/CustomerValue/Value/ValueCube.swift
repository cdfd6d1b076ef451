import Foundation

/// The behaviour features that split a value matrix cell into clusters.
public struct BehaviourFeatures: Sendable, Equatable {
    /// Repeat purchase days (the BTYD frequency).
    public var frequency: [Double]
    /// Days from the last purchase to the evaluation date.
    public var recencyDays: [Double]
    /// Mean revenue per purchase day (the basket).
    public var monetary: [Double]
    /// Days from the first purchase to the evaluation date.
    public var tenureDays: [Double]

    public static let names = ["frequency", "recency_days", "monetary", "tenure_days"]

    public init(frequency: [Double], recencyDays: [Double], monetary: [Double], tenureDays: [Double]) {
        self.frequency = frequency
        self.recencyDays = recencyDays
        self.monetary = monetary
        self.tenureDays = tenureDays
    }

    /// The features of every customer of `windows`, at its evaluation date.
    public init(windows w: ValueWindows) {
        let revenue = w.totalRevenue
        frequency = w.purchaseDays.map { Double(max($0 - 1, 0)) }
        recencyDays = w.lastDay.map { Double(w.asOf.number - $0.number) }
        monetary = w.purchaseDays.indices.map { w.purchaseDays[$0] > 0 ? revenue[$0] / Double(w.purchaseDays[$0]) : 0 }
        tenureDays = w.firstDay.map { Double(w.asOf.number - $0.number) }
    }

    var columns: [[Double]] { [frequency, recencyDays, monetary, tenureDays] }
    public var count: Int { frequency.count }
}

/// The "value cube": current × potential × a behaviour cluster found by k-means inside
/// each value matrix cell.
///
/// Features are standardised over all customers (z = (x − mean) / standard deviation; a constant
/// feature is 0), so distances weigh them equally and a centre's z-scores say how the cluster
/// compares with the whole base. A centre is described feature by feature: z > 0.5 is high,
/// z < −0.5 low, else average ("frequent, recent, small baskets, long-standing").
public struct ValueCube: Sendable {
    public struct Cluster: Sendable, Equatable {
        public var group: ValueGroup
        /// Number within the cell, 0 = the largest cluster.
        public var index: Int
        public var customers: Int
        /// The centre in the features' own units (frequency, recency days, monetary, tenure days).
        public var centre: [Double]
        /// The centre's z-scores against all customers.
        public var zScores: [Double]
        public var description: String
        public var chineseDescription: String

        /// The description in `language`.
        public func description(in language: Language) -> String {
            language == .zh ? chineseDescription : description
        }
    }

    /// Every cell's clusters: retain first, each cell's largest cluster first.
    public var clusters: [Cluster]
    /// The cluster of every customer within their cell.
    public var assignments: [Int]

    /// Clusters each cell of `matrix` into at most `k` groups (k-means++ with `seed`).
    public init(matrix: ValueMatrix, features: BehaviourFeatures, k: Int, seed: UInt64 = 42) {
        precondition(features.count == matrix.groups.count, "one feature row per customer")
        let columns = features.columns
        let dimension = columns.count
        let n = features.count
        let stats = columns.map { column -> (mean: Double, sd: Double) in
            let mean = column.reduce(0, +) / Double(max(n, 1))
            let variance = column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(n, 1))
            return (mean, variance.squareRoot())
        }
        func z(_ j: Int, _ x: Double) -> Double { stats[j].sd > 0 ? (x - stats[j].mean) / stats[j].sd : 0 }
        var assignments = [Int](repeating: 0, count: n)
        var clusters: [Cluster] = []
        for group in ValueGroup.allCases {
            let members = matrix.groups.indices.filter { matrix.groups[$0] == group }
            guard !members.isEmpty else { continue }
            var points = [Double]()
            points.reserveCapacity(members.count * dimension)
            for i in members { for j in 0..<dimension { points.append(z(j, columns[j][i])) } }
            let result = KMeans(points: points, dimension: dimension, k: min(k, members.count), seed: seed)
            for (m, i) in members.enumerated() { assignments[i] = result.assignments[m] }
            for c in 0..<result.k {
                let zs = Array(result.centre(c))
                let raw = zs.indices.map { j in stats[j].mean + zs[j] * stats[j].sd }
                let words = Self.describe(zs)
                clusters.append(
                    Cluster(
                        group: group, index: c, customers: result.sizes[c], centre: raw, zScores: zs,
                        description: words.english, chineseDescription: words.chinese))
            }
        }
        self.clusters = clusters
        self.assignments = assignments
    }

    /// Words for a centre's z-scores (frequency, recency days, monetary, tenure days).
    public static func describe(_ z: [Double]) -> (english: String, chinese: String) {
        func level(_ x: Double) -> Int { x > 0.5 ? 2 : x < -0.5 ? 0 : 1 }
        let english = [
            ["infrequent", "average frequency", "frequent"],
            ["recent", "some time since last purchase", "lapsed"],  // more days = longer ago
            ["small baskets", "medium baskets", "large baskets"],
            ["new", "mid tenure", "long-standing"],
        ]
        let chinese = [
            ["低频", "中频", "高频"],
            ["近期购买", "有一段时间未购买", "久未购买"],
            ["客单价低", "客单价中等", "客单价高"],
            ["新客户", "客龄中等", "老客户"],
        ]
        let levels = z.map(level)
        return (
            levels.indices.map { english[$0][levels[$0]] }.joined(separator: ", "),
            levels.indices.map { chinese[$0][levels[$0]] }.joined(separator: "，")
        )
    }
}
