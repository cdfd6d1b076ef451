import CustomerValue
import Foundation

/// The models cvm fits, by their stable keys.
public enum ModelKind: String, CaseIterable, Codable, Sendable {
    case bgnbd, pareto, mbgnbd, bgbb, sbg, gammagamma

    /// The purchase-model type, for the models that predict purchases from (x, tₓ, T).
    public var purchaseModel: (any PurchaseModel.Type)? {
        switch self {
        case .bgnbd: BGNBD.self
        case .mbgnbd: MBGNBD.self
        case .pareto: ParetoNBD.self
        default: nil
        }
    }

    /// Reads a comma-separated list of model keys, e.g. `bgnbd,pareto`.
    public static func list(_ text: String) throws -> [ModelKind] {
        try text.split(separator: ",").map { name in
            guard let kind = ModelKind(rawValue: name.trimmingCharacters(in: .whitespaces).lowercased()) else {
                throw AppError(.invalidRequest, .unknownModel, name, allCases.map(\.rawValue).joined(separator: ", "))
            }
            return kind
        }
    }
}

/// Whether a fit can be used for predictions, and if not, what the data lacks.
public enum FitStatus: Sendable, Equatable {
    /// Estimated and converged.
    case fitted
    /// Estimated, but the optimiser stopped before converging: usable with a warning.
    case notConverged
    /// Never estimated (the parameters are starting values) or estimated on data that cannot
    /// identify the model: no prediction may be made from it.
    case notFitted

    /// Repeat buyers the purchase and spend models need at the least: with one, the dropout and
    /// the heterogeneity of the rates cannot be told apart (Fader, Hardie & Lee 2005, §3).
    public static let minimumRepeatBuyers = 2.0

    /// The status of `fit`, given how many (weighted) customers with repeat purchases it saw.
    public static func of(_ fit: ModelFit, repeatBuyers: Double?) -> FitStatus {
        let finite = fit.values.allSatisfy(\.isFinite) && !fit.values.isEmpty
        if !finite || (fit.iterations == 0 && !fit.converged) { return .notFitted }
        if let repeatBuyers, repeatBuyers < minimumRepeatBuyers { return .notFitted }
        if fit.logLikelihood.map({ !$0.isFinite }) ?? true, fit.iterations > 0 { return .notFitted }
        return fit.converged ? .fitted : .notConverged
    }
}

extension Histories {
    /// Customers (by weight) who bought on more than one day.
    var repeatBuyers: Double {
        var total = 0.0
        for i in 0..<count where frequency[i] > 0 { total += weight[i] }
        return total
    }
}
