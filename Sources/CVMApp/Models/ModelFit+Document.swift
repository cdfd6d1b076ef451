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
            throw AppError(.invalidFile, Text.fitUnreadable.en(url.path), facts: [.init("file", url.path)])
        }
        return try decode(data, name: url.path)
    }

    /// Reads a fit from JSON text; `name` names it in messages.
    public static func decode(_ data: Data, name: String) throws -> ModelFit {
        let decoder = JSONDecoder()
        // `log_likelihood` → `logLikelihood`; camelCase keys and the parameter names pass unchanged.
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do { return try decoder.decode(ModelFit.self, from: data) } catch {
            throw AppError(.invalidFile, Text.fitNotAFit.en(name), facts: [.init("file", name)])
        }
    }

    /// Parses `r=0.24,alpha=4.4,…` into a fit of `model` with those parameters.
    ///
    /// - Throws: `AppError(.invalidRequest)` for a malformed list or a missing parameter.
    public static func given(_ text: String, model: String, names: [String], unit: TimeUnit?) throws -> ModelFit {
        var values: [String: Double] = [:]
        for pair in text.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let value = Double(parts[1]), value.isFinite else {
                throw AppError(.invalidRequest, Text.paramsMalformed.en(names.map { "\($0)=1" }.joined(separator: ",")))
            }
            values[parts[0]] = value
        }
        let missing = names.filter { values[$0] == nil }
        guard missing.isEmpty else {
            throw AppError(
                .invalidRequest,
                Text.paramsMissing.en(missing.joined(separator: ", "), model, names.joined(separator: ", ")))
        }
        var fit = ModelFit(
            model: model, names: names, values: names.map { values[$0] ?? 0 }, standardErrors: nil,
            logLikelihood: .nan, customers: 0, iterations: 0, converged: true,
            message: "parameters given")
        fit.unit = unit
        return fit
    }

}
