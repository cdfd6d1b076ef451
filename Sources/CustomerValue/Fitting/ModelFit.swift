import Foundation

/// A fitted model: parameters with standard errors and the facts of the fit.
///
/// Parameter names follow the papers (`r`, `alpha`, `a`, `b`, …) and keep their order. The
/// log-likelihood is the sum over customers in the caller's time unit, so it can be compared with
/// published values directly (BG/NBD on CDNOW in weeks: −9582.43).
public struct ModelFit: Sendable, Equatable {
    /// Stable model key: `bgnbd`, `pareto`, `mbgnbd`, `bgbb`, `sbg`, `gammagamma`.
    public var model: String
    public var names: [String]
    public var values: [Double]
    /// Standard errors from the inverse Hessian of the log-likelihood; nil when it is not invertible.
    public var standardErrors: [Double]?
    /// The log-likelihood at the estimates; nil when there is none — a model given as parameters,
    /// or a fit that could not be made (then `converged` is false and `message` says what is
    /// needed). Never NaN or infinite: a non-finite value is stored as nil.
    public var logLikelihood: Double? {
        didSet { if let value = logLikelihood, !value.isFinite { logLikelihood = nil } }
    }
    /// Number of customers (sum of the row weights) the fit saw.
    public var customers: Double
    public var iterations: Int
    public var converged: Bool
    /// What the optimiser said, and advice when the fit did not converge.
    public var message: String
    /// The L2 penalty coefficient used (0 for a plain maximum-likelihood fit).
    public var penalizer: Double
    /// The time unit of the histories the model was fitted on (rates such as alpha are per this
    /// unit); nil when unknown. Set by whoever knows it — the fit itself sees only numbers.
    public var unit: TimeUnit?

    /// A non-finite `logLikelihood` (the NaN of "no likelihood") is stored as nil, and standard
    /// errors with a non-finite entry as nil.
    public init(
        model: String, names: [String], values: [Double], standardErrors: [Double]?, logLikelihood: Double?,
        customers: Double, iterations: Int, converged: Bool, message: String, penalizer: Double = 0
    ) {
        self.model = model
        self.names = names
        self.values = values
        self.standardErrors = standardErrors.flatMap { $0.allSatisfy(\.isFinite) ? $0 : nil }
        self.logLikelihood = logLikelihood.flatMap { $0.isFinite ? $0 : nil }
        self.customers = customers
        self.iterations = iterations
        self.converged = converged
        self.message = message
        self.penalizer = penalizer
    }

    /// Akaike information criterion, 2k − 2 LL; nil without a log-likelihood.
    public var aic: Double? { logLikelihood.map { 2 * Double(values.count) - 2 * $0 } }
    /// Bayesian information criterion, k ln n − 2 LL, with n the number of customers; nil without a
    /// log-likelihood.
    public var bic: Double? { logLikelihood.map { Double(values.count) * log(max(customers, 1)) - 2 * $0 } }

    /// The value of a named parameter.
    public subscript(_ name: String) -> Double {
        guard let index = names.firstIndex(of: name) else { preconditionFailure("no parameter \(name) in \(model)") }
        return values[index]
    }
}

extension ModelFit: Codable {
    private enum CodingKeys: String, CodingKey {
        case model, unit, parameters, standardErrors, logLikelihood, aic, bic, converged, customers, iterations,
            message,
            penalizer
    }

    /// Named values as a JSON object (JSON objects are unordered: readers restore the paper's order
    /// with `parameters(_:of:)`).
    private struct OrderedValues: Codable {
        var pairs: [(String, Double)]
        init(_ pairs: [(String, Double)]) { self.pairs = pairs }
        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }
        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            for (name, value) in pairs { try container.encode(value, forKey: Key(stringValue: name)) }
        }
        init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: Key.self)
            // A decoder hands the keys out in no set order: put them back in the papers' order, so
            // a fit read back writes the same document every time.
            pairs = try container.allKeys.map { ($0.stringValue, try container.decode(Double.self, forKey: $0)) }
                .sorted { a, b in
                    let (i, j) = (Self.order.firstIndex(of: a.0) ?? .max, Self.order.firstIndex(of: b.0) ?? .max)
                    return i != j ? i < j : a.0 < b.0
                }
        }

        /// Every model's parameters in the order its paper writes them: BG/NBD and MBG/NBD r, α,
        /// a, b; Pareto/NBD r, α, s, β; BG/BB and sBG α, β, γ, δ; Gamma-Gamma p, q, v.
        static let order = ["r", "alpha", "a", "b", "s", "beta", "gamma", "delta", "p", "q", "v"]
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(model, forKey: .model)
        try container.encodeIfPresent(unit, forKey: .unit)
        try container.encode(OrderedValues(Array(zip(names, values))), forKey: .parameters)
        if let standardErrors {
            try container.encode(OrderedValues(Array(zip(names, standardErrors))), forKey: .standardErrors)
        } else {
            try container.encodeNil(forKey: .standardErrors)
        }
        // JSON has no NaN: a fit given as parameters has no log-likelihood, written as null.
        for (value, key) in [(logLikelihood, CodingKeys.logLikelihood), (aic, .aic), (bic, .bic)] {
            if let value, value.isFinite {
                try container.encode(value, forKey: key)
            } else {
                try container.encodeNil(forKey: key)
            }
        }
        try container.encode(converged, forKey: .converged)
        try container.encode(customers, forKey: .customers)
        try container.encode(iterations, forKey: .iterations)
        try container.encode(message, forKey: .message)
        try container.encode(penalizer, forKey: .penalizer)
    }

    /// Decodes a saved fit; the parameter order is restored from the model's own list by the caller
    /// when it matters (JSON objects are unordered).
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        model = try container.decode(String.self, forKey: .model)
        let parameters = try container.decode(OrderedValues.self, forKey: .parameters).pairs
        let parameterNames = parameters.map(\.0)
        names = parameterNames
        values = parameters.map(\.1)
        let errors = try container.decodeIfPresent(OrderedValues.self, forKey: .standardErrors)
        let named = errors.map { e in parameterNames.map { n in e.pairs.first { $0.0 == n }?.1 ?? .nan } }
        standardErrors = named.flatMap { $0.allSatisfy(\.isFinite) ? $0 : nil }
        logLikelihood = try container.decodeIfPresent(Double.self, forKey: .logLikelihood).flatMap {
            $0.isFinite ? $0 : nil
        }
        customers = try container.decodeIfPresent(Double.self, forKey: .customers) ?? 0
        converged = try container.decodeIfPresent(Bool.self, forKey: .converged) ?? true
        iterations = try container.decodeIfPresent(Int.self, forKey: .iterations) ?? 0
        message = try container.decodeIfPresent(String.self, forKey: .message) ?? ""
        penalizer = try container.decodeIfPresent(Double.self, forKey: .penalizer) ?? 0
        unit = try container.decodeIfPresent(TimeUnit.self, forKey: .unit)
    }
}
