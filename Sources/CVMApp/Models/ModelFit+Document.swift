import CustomerValue
import Foundation

extension ModelFit {
    /// Reads a fit saved as JSON (the document `fit` writes, with snake_case keys; the camelCase
    /// of earlier versions reads too).
    ///
    /// - Throws: `AppError(.invalidFile)` naming the file.
    public static func read(_ url: URL) throws -> ModelFit {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw AppError(.invalidFile, .fitUnreadable, url.path, facts: [.init("file", url.path)])
        }
        return try decode(data, name: url.path)
    }

    /// Reads a fit from JSON text; `name` names it in messages.
    public static func decode(_ data: Data, name: String) throws -> ModelFit {
        let decoder = JSONDecoder()
        // `log_likelihood` → `logLikelihood`; camelCase keys and the parameter names pass unchanged.
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let fit: ModelFit
        do { fit = try decoder.decode(ModelFit.self, from: data) } catch {
            throw AppError(.invalidFile, .fitNotAFit, name, facts: [.init("file", name)])
        }
        return fit.inPaperOrder()
    }

    /// The parameters in the order of the model's paper (a JSON object's keys come back in any
    /// order), when the model is one cvm knows and the fit names each of its parameters.
    func inPaperOrder() -> ModelFit {
        let order: [String]? =
            switch ModelKind(rawValue: model) {
            case .bgnbd: BGNBD.parameterNames
            case .mbgnbd: MBGNBD.parameterNames
            case .pareto: ParetoNBD.parameterNames
            case .bgbb: BGBB.parameterNames
            case .gammagamma: GammaGamma.parameterNames
            case .sbg: ShiftedBetaGeometric.parameterNames
            case nil: nil
            }
        guard let order, Set(order) == Set(names), order.count == names.count else {
            return self
        }
        var fit = self
        let index = order.map { name in names.firstIndex(of: name) ?? 0 }
        fit.names = order
        fit.values = index.map { values[$0] }
        fit.standardErrors = standardErrors.map { errors in index.map { errors[$0] } }
        return fit
    }

    /// Parses `r=0.24,alpha=4.4,…` into a fit of `model` with those parameters.
    ///
    /// - Throws: `AppError(.invalidRequest)` for a malformed list or a missing parameter.
    public static func given(_ text: String, model: String, names: [String], unit: TimeUnit?) throws -> ModelFit {
        var values: [String: Double] = [:]
        for pair in text.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let value = Double(parts[1]), value.isFinite else {
                throw AppError(.invalidRequest, .paramsMalformed, names.map { "\($0)=1" }.joined(separator: ","))
            }
            values[parts[0]] = value
        }
        let missing = names.filter { values[$0] == nil }
        guard missing.isEmpty else {
            throw AppError(
                .invalidRequest, .paramsMissing, missing.joined(separator: ", "), model, names.joined(separator: ", "))
        }
        var fit = ModelFit(
            model: model, names: names, values: names.map { values[$0] ?? 0 }, standardErrors: nil,
            logLikelihood: nil, customers: 0, iterations: 0, converged: true,
            message: "parameters given")
        fit.unit = unit
        return fit
    }

}
