// k-means by Lloyd's algorithm with k-means++ seeding (Arthur & Vassilvitskii 2007, "k-means++:
// the advantages of careful seeding", SODA, §2.2): the first centre is a uniformly random point,
// each next one a point drawn with probability proportional to D(x)², its squared distance to the
// nearest centre chosen so far. Then assign-and-average until no point changes cluster.
//
// Deterministic by construction: the draws come from `RandomSource(seed:)` (xoshiro256**), ties in
// distance go to the lower centre index, and an emptied cluster keeps its centre. Same points and
// seed, same clusters, on every platform and core count. Clusters are numbered by size (largest
// first; ties by the lower original index) so the numbering reads well in reports.
//
// Points are rows of a flat, row-major `[Double]` (n × dimension): one contiguous array, no
// per-point objects. Distances are squared Euclidean; callers standardise features first.

/// The result of k-means clustering.
public struct KMeans: Sendable, Equatable {
    /// Cluster centres, row-major, `k × dimension`.
    public var centres: [Double]
    /// The cluster of every point, 0..<k.
    public var assignments: [Int]
    /// Points per cluster.
    public var sizes: [Int]
    /// Sum of squared distances of the points to their centres.
    public var inertia: Double
    public var iterations: Int
    public var dimension: Int

    /// Number of clusters (fewer than asked when there are fewer distinct points).
    public var k: Int { sizes.count }

    /// The centre of cluster `c`.
    public func centre(_ c: Int) -> ArraySlice<Double> { centres[(c * dimension)..<((c + 1) * dimension)] }

    /// Clusters `points` (row-major, `dimension` columns) into at most `k` groups.
    ///
    /// - Parameters:
    ///   - k: clusters wanted, ≥ 1; reduced to the number of distinct points when there are fewer.
    ///   - seed: seed of the k-means++ draws.
    ///   - maxIterations: bound on Lloyd iterations (it stops earlier when nothing changes).
    public init(points: [Double], dimension: Int, k: Int, seed: UInt64 = 1, maxIterations: Int = 300) {
        precondition(dimension > 0 && points.count % dimension == 0, "points must be n × dimension")
        precondition(k >= 1, "k must be at least 1")
        let n = points.count / dimension
        self.dimension = dimension
        guard n > 0 else {
            self.centres = []
            assignments = []
            sizes = []
            inertia = 0
            iterations = 0
            return
        }
        func distance(_ i: Int, _ centres: [Double], _ c: Int) -> Double {
            var sum = 0.0
            for j in 0..<dimension {
                let d = points[i * dimension + j] - centres[c * dimension + j]
                sum += d * d
            }
            return sum
        }
        // k-means++ seeding.
        var random = RandomSource(seed: seed)
        var centres: [Double] = []
        let first = min(Int(random.uniform() * Double(n)), n - 1)
        centres += points[(first * dimension)..<((first + 1) * dimension)]
        var nearest = (0..<n).map { distance($0, centres, 0) }
        while centres.count / dimension < k {
            let total = nearest.reduce(0, +)
            guard total > 0 else { break }  // every point is already a centre
            let target = random.uniform() * total
            var cumulative = 0.0
            var chosen = n - 1
            for i in 0..<n {
                cumulative += nearest[i]
                if cumulative >= target, nearest[i] > 0 {
                    chosen = i
                    break
                }
            }
            while nearest[chosen] == 0 { chosen -= 1 }  // rounding at the end: take a point not yet a centre
            let c = centres.count / dimension
            centres += points[(chosen * dimension)..<((chosen + 1) * dimension)]
            for i in 0..<n { nearest[i] = min(nearest[i], distance(i, centres, c)) }
        }
        let clusters = centres.count / dimension
        // Lloyd iterations.
        var assignments = [Int](repeating: -1, count: n)
        var iterations = 0
        while iterations < maxIterations {
            iterations += 1
            var changed = false
            for i in 0..<n {
                var best = 0
                var bestDistance = distance(i, centres, 0)
                for c in 1..<clusters {
                    let d = distance(i, centres, c)
                    if d < bestDistance {
                        best = c
                        bestDistance = d
                    }
                }
                if assignments[i] != best {
                    assignments[i] = best
                    changed = true
                }
            }
            if !changed { break }
            var sums = [Double](repeating: 0, count: clusters * dimension)
            var counts = [Int](repeating: 0, count: clusters)
            for i in 0..<n {
                counts[assignments[i]] += 1
                for j in 0..<dimension { sums[assignments[i] * dimension + j] += points[i * dimension + j] }
            }
            for c in 0..<clusters where counts[c] > 0 {
                for j in 0..<dimension { centres[c * dimension + j] = sums[c * dimension + j] / Double(counts[c]) }
            }
        }
        // Number the clusters by size, largest first.
        var counts = [Int](repeating: 0, count: clusters)
        for a in assignments { counts[a] += 1 }
        let order = (0..<clusters).sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1 }
        var rank = [Int](repeating: 0, count: clusters)
        for (newIndex, old) in order.enumerated() { rank[old] = newIndex }
        self.centres = order.flatMap { centres[($0 * dimension)..<(($0 + 1) * dimension)] }
        self.assignments = assignments.map { rank[$0] }
        sizes = order.map { counts[$0] }
        self.iterations = iterations
        var inertia = 0.0
        for i in 0..<n { inertia += distance(i, self.centres, self.assignments[i]) }
        self.inertia = inertia
    }
}
