import CustomerValue

/// How indicator weights are computed from a file.
public enum WeightMethod: String, CaseIterable, Codable, Sendable {
    /// The entropy weight method (熵值法) over an indicator table.
    case entropy
    /// AHP: the principal eigenvector of a pairwise comparison matrix.
    case ahp
}

/// Weights from an analyst's file, without a database.
public struct WeightsRequest: Equatable, Sendable {
    public var method: WeightMethod
    /// The indicator table (entropy) or the pairwise matrix (AHP), CSV.
    public var input: String
    /// Entropy: one direction per indicator column (default: all more-is-better).
    public var directions: [Direction]?

    public init(method: WeightMethod, input: String, directions: [Direction]? = nil) {
        self.method = method
        self.input = input
        self.directions = directions
    }
}

extension Workspace {
    /// Indicator weights by the entropy weight method or AHP, from a CSV file. Needs no database,
    /// hence static.
    ///
    /// - Throws: `AppError(.invalidFile)` naming file, line and column; `.invalidRequest` for
    ///   directions with AHP or of the wrong count.
    public static func weights(_ request: WeightsRequest) async throws -> WeightsResult {
        switch request.method {
        case .entropy:
            let table = try ScoringFiles.indicators(request.input, directions: request.directions)
            do {
                return .entropy(try EntropyWeights(table.indicators), rows: table.indicators.first?.values.count ?? 0)
            } catch let error as ScoringError {
                throw AppError(.invalidFile, "\(request.input): \(error.message)")
            }
        case .ahp:
            guard request.directions == nil else {
                throw AppError(.invalidRequest, "directions apply to the entropy weight method only")
            }
            return .ahp(try ScoringFiles.pairwise(request.input))
        }
    }
}

/// Weights of either method, with the JSON document both share.
public enum WeightsResult: Sendable {
    case entropy(EntropyWeights, rows: Int)
    case ahp(AHP)

    /// The criteria in the file's column order.
    public var names: [String] {
        switch self {
        case .entropy(let e, _): e.names
        case .ahp(let a): a.names
        }
    }

    public var weights: [Double] {
        switch self {
        case .entropy(let e, _): e.weights
        case .ahp(let a): a.weights
        }
    }

    public var warnings: [String] {
        switch self {
        case .entropy(let e, _): e.warnings
        case .ahp: []
        }
    }

    /// `{method, rows?, weights: [{name, weight, direction?, entropy?, diversification?}], lambda_max?,
    /// ci?, ri?, cr?, warnings}`: the weights as a list in the file's column order.
    public var document: Document { Document(self) }

    public struct Document: Encodable, Sendable {
        public struct Weight: Encodable, Sendable {
            public let name: String
            public let weight: Double
            public let direction: String?
            public let entropy: Double?
            /// 1 − entropy (差异系数).
            public let diversification: Double?
        }

        public let method: String
        public let rows: Int?
        public let weights: [Weight]
        public let lambdaMax, ci, ri, cr: Double?
        public let warnings: [String]

        init(_ result: WeightsResult) {
            switch result {
            case .entropy(let e, let rows):
                method = WeightMethod.entropy.rawValue
                self.rows = rows
                weights = e.names.indices.map {
                    Weight(
                        name: e.names[$0], weight: e.weights[$0], direction: e.directions[$0].symbol,
                        entropy: e.entropies[$0], diversification: e.diversification[$0])
                }
                (lambdaMax, ci, ri, cr) = (nil, nil, nil, nil)
            case .ahp(let a):
                method = WeightMethod.ahp.rawValue
                rows = nil
                weights = a.names.indices.map {
                    Weight(name: a.names[$0], weight: a.weights[$0], direction: nil, entropy: nil, diversification: nil)
                }
                (lambdaMax, ci, ri, cr) = (a.lambdaMax, a.consistencyIndex, a.randomIndex, a.consistencyRatio)
            }
            warnings = result.warnings
        }
    }
}
