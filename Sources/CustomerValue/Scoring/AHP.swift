import Foundation

/// Indicator weights from a pairwise comparison matrix by the analytic hierarchy process (AHP,
/// Saaty 1977/1980), with the consistency check.
///
/// `matrix[i][j]` says how much more important criterion i is than criterion j on Saaty's 1–9
/// scale (1 equal, 3 moderate, 5 strong, 7 very strong, 9 extreme), with reciprocals below the
/// diagonal: a_ji = 1/a_ij, a_ii = 1.
///
/// - Weights: the principal (Perron) eigenvector of A, normalised to sum 1, found by power
///   iteration w ← A w / Σ(A w) from w = 1/n until no component moves by more than 1e-14. A
///   positive matrix has a unique positive principal eigenvector and a simple dominant
///   eigenvalue, so the iteration converges; it rarely needs more than 20 steps.
/// - λmax = mean over i of (A w)_i / w_i (equal for every i at convergence).
/// - CI = (λmax − n) / (n − 1); CR = CI / RI with Saaty's random index RI(n) (`randomIndex`).
///   For n ≤ 2 every reciprocal matrix is consistent: CI = 0, RI = 0 and CR is 0 by definition.
/// - Judgements are accepted when CR ≤ 0.10 (Saaty 1980; Saaty 2000 — as cited by ArcGIS Pro's
///   "Calculate Consistency Ratio" tool).
public struct AHP: Sendable, Equatable {
    /// Criterion names, in the matrix order.
    public var names: [String]
    public var matrix: [[Double]]
    /// Principal eigenvector weights, summing to 1.
    public var weights: [Double]
    public var lambdaMax: Double
    /// Consistency index (λmax − n)/(n − 1), 0 for n ≤ 2.
    public var consistencyIndex: Double
    /// Saaty's random index for this n.
    public var randomIndex: Double
    /// Consistency ratio CI/RI, 0 for n ≤ 2.
    public var consistencyRatio: Double

    /// Saaty's random consistency index RI for n = 1…15: the mean CI of random reciprocal matrices
    /// (Saaty, *The Analytic Hierarchy Process*, 1980; the 15-value row used by most AHP code,
    /// reference/anchors-crm.md §3.12). Some Chinese textbooks use a slightly different row
    /// (0.52, 0.89, 1.12, 1.26, …); cvm uses Saaty's.
    public static let randomIndexTable: [Double] = [
        0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59,
    ]

    /// The largest acceptable consistency ratio (Saaty): 0.10.
    public static let acceptableRatio = 0.10

    /// Relative tolerance of the reciprocity check |a_ij · a_ji − 1|: 5 %, so that rounded
    /// decimals such as 0.33 for 1/3 or 0.14 for 1/7 pass; write fractions (`1/7`) to be exact.
    public static let reciprocityTolerance = 0.05

    /// Validates the matrix and computes weights and consistency; does not judge the consistency
    /// (see `requireConsistency()`).
    ///
    /// - Throws: `ScoringError(.badMatrix)` naming the cell when the matrix is not square, holds a
    ///   value that is not a positive finite number, has a diagonal entry other than 1, or is not
    ///   reciprocal; also when n is 0 or above 15 (the RI table's end).
    public init(names: [String], matrix: [[Double]]) throws {
        let n = names.count
        guard n >= 1 else { throw ScoringError(.badMatrix, "the comparison matrix is empty") }
        guard n <= Self.randomIndexTable.count else {
            throw ScoringError(
                .badMatrix, "AHP takes at most \(Self.randomIndexTable.count) criteria (Saaty's RI table); got \(n)")
        }
        guard matrix.count == n else {
            throw ScoringError(
                .badMatrix, "the comparison matrix has \(matrix.count) rows for \(n) criteria; it must be square")
        }
        func name(_ i: Int) -> String { "\"\(names[i])\"" }
        for (i, row) in matrix.enumerated() {
            guard row.count == n else {
                throw ScoringError(
                    .badMatrix, "row \(name(i)) has \(row.count) values for \(n) criteria; the matrix must be square",
                    cell: .init(row: i, column: min(row.count, n - 1)))
            }
            for (j, a) in row.enumerated() {
                guard a.isFinite, a > 0 else {
                    throw ScoringError(
                        .badMatrix,
                        "row \(name(i)), column \(name(j)): \(Self.format(a)) is not a positive number (use 1–9 or a fraction like 1/3)",
                        cell: .init(row: i, column: j))
                }
            }
            guard abs(row[i] - 1) <= 1e-9 else {
                throw ScoringError(
                    .badMatrix,
                    "row \(name(i)), column \(name(i)): the diagonal must be 1 (a criterion is as important as itself), not \(Self.format(row[i]))",
                    cell: .init(row: i, column: i))
            }
        }
        for i in 0..<n {
            for j in (i + 1)..<n where abs(matrix[i][j] * matrix[j][i] - 1) > Self.reciprocityTolerance {
                throw ScoringError(
                    .badMatrix,
                    "row \(name(j)), column \(name(i)) is \(Self.format(matrix[j][i])) but must be the reciprocal of row \(name(i)), column \(name(j)) = \(Self.format(matrix[i][j])), i.e. \(Self.format(1 / matrix[i][j]))",
                    cell: .init(row: j, column: i))
            }
        }
        self.names = names
        self.matrix = matrix
        var w = [Double](repeating: 1 / Double(n), count: n)
        var product = w
        for _ in 0..<10_000 {
            product = Self.multiply(matrix, w)
            let total = product.reduce(0, +)
            let next = product.map { $0 / total }
            let change = zip(next, w).map { abs($0 - $1) }.max() ?? 0
            w = next
            if change <= 1e-14 { break }
        }
        product = Self.multiply(matrix, w)
        weights = w
        lambdaMax = zip(product, w).map { $0 / $1 }.reduce(0, +) / Double(n)
        randomIndex = Self.randomIndexTable[n - 1]
        if n <= 2 {
            consistencyIndex = 0
            consistencyRatio = 0
        } else {
            consistencyIndex = max(0, (lambdaMax - Double(n)) / Double(n - 1))
            consistencyRatio = consistencyIndex / randomIndex
        }
    }

    /// True when CR ≤ `acceptableRatio`.
    public var isConsistent: Bool { consistencyRatio <= Self.acceptableRatio }

    /// The judgement that disagrees most with the weights: the pair i < j with the largest
    /// max(a_ij / (w_i/w_j), (w_i/w_j) / a_ij), and the ratio w_i/w_j the weights imply.
    public var mostInconsistentPair: (row: Int, column: Int, given: Double, implied: Double)? {
        var best: (row: Int, column: Int, given: Double, implied: Double)?
        var worst = 1.0
        for i in names.indices {
            for j in names.indices where j > i {
                let implied = weights[i] / weights[j]
                let a = matrix[i][j]
                let deviation = max(a / implied, implied / a)
                if deviation > worst + 1e-12 {
                    worst = deviation
                    best = (i, j, a, implied)
                }
            }
        }
        return best
    }

    /// Returns self when the judgements are consistent enough (CR ≤ `maximumRatio`).
    ///
    /// - Throws: `ScoringError(.inconsistent)`: "inconsistent judgements: CR = 0.14 > 0.10; revise
    ///   the comparisons, e.g. …", naming the most inconsistent pair and the cell.
    @discardableResult
    public func requireConsistency(maximumRatio: Double = AHP.acceptableRatio) throws -> AHP {
        guard consistencyRatio > maximumRatio else { return self }
        var message = String(
            format: "inconsistent judgements: CR = %.2f > %.2f; revise the comparisons", consistencyRatio, maximumRatio)
        var cell: ScoringError.Cell?
        if let pair = mostInconsistentPair {
            message += ", e.g. \"\(names[pair.row])\" vs \"\(names[pair.column])\" is \(Self.format(pair.given))"
            message += " where the other judgements imply about \(Self.format(pair.implied))"
            cell = .init(row: pair.row, column: pair.column)
        }
        throw ScoringError(.inconsistent, message, cell: cell)
    }

    /// The weights as `IndicatorWeights`, for a composite score.
    public var indicatorWeights: IndicatorWeights { IndicatorWeights(names: names, weights: weights) }

    static func multiply(_ a: [[Double]], _ x: [Double]) -> [Double] {
        a.map { row in zip(row, x).reduce(0) { $0 + $1.0 * $1.1 } }
    }

    /// A judgement as people write it: `5`, `1/3`, or `2.31`.
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return NumberText.plain(value) }
        if value >= 1 || value <= 0 {
            return value == value.rounded() && abs(value) < 1e9 ? String(Int(value)) : NumberText.plain(value)
        }
        let inverse = 1 / value
        if inverse < 1e9 && abs(inverse - inverse.rounded()) < 1e-9 { return "1/\(Int(inverse.rounded()))" }
        return String(format: "%.2f", value)
    }
}
