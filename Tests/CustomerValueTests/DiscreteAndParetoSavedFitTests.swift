import Foundation
import Testing

@testable import CustomerValue

/// Saved fits of the three models come back as the same model, and a fit of another model is refused.
@Suite struct DiscreteAndParetoSavedFitTests {
    @Test func roundTripsThroughJSON() throws {
        let pareto = Histories(
            frequency: [2, 1, 0, 0, 5], recency: [30.43, 1.71, 0, 0, 20], T: [38.86, 38.86, 38.86, 30, 25]
        )
        .fit(ParetoNBD.self)
        let bgbb = BGBB(
            fitting: Histories(
                frequency: [0, 1, 3, 6], recency: [0, 2, 5, 6], T: [6, 6, 6, 6], weight: [50, 20, 10, 5]))
        let sbg = ShiftedBetaGeometric(fitting: [1000, 869, 743, 653])
        func again(_ fit: ModelFit) throws -> ModelFit {
            try JSONDecoder().decode(ModelFit.self, from: JSONEncoder().encode(fit))
        }
        #expect(try ParetoNBD(fit: again(pareto.fit)).parameters == pareto.parameters)
        #expect(try BGBB(fit: again(bgbb.fit)).parameters == bgbb.parameters)
        #expect(try ShiftedBetaGeometric(fit: again(sbg.fit)).parameters == sbg.parameters)
        #expect(throws: ModelError.self) { try BGBB(fit: pareto.fit) }
    }

    /// One customer cannot identify four parameters: the fit is not attempted, it says what it would
    /// need, and the predictions at the starting values stay finite.
    /// A fit read back lists its parameters in the paper's order whatever order the file gives,
    /// so writing it again gives the same document.
    @Test func parametersReadBackInThePapersOrder() throws {
        let json = """
            {"model": "bgnbd", "parameters": {"b": 2.426, "a": 0.793, "alpha": 4.414, "r": 0.243},
             "standard_errors": {"alpha": 0.1, "b": 0.3, "r": 0.01, "a": 0.2}, "converged": true}
            """
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let fit = try decoder.decode(ModelFit.self, from: Data(json.utf8))
        #expect(fit.names == ["r", "alpha", "a", "b"])
        #expect(fit.values == [0.243, 4.414, 0.793, 2.426])
        #expect(fit.standardErrors == [0.01, 0.1, 0.2, 0.3])
    }

    @Test func oneCustomerParetoFitSaysSo() {
        let model = Histories(frequency: [3], recency: [20], T: [30]).fit(ParetoNBD.self)
        #expect(!model.fit.converged)
        #expect(
            model.fit.message.contains("it needs at least 2 customers who bought more than once"),
            "\(model.fit.message)")
        let alive = model.probabilityAlive(frequency: 3, recency: 20, T: 30)
        let cet = model.expectedPurchases(in: 52, frequency: 3, recency: 20, T: 30)
        #expect(alive.isFinite && alive >= 0 && alive <= 1 && cet.isFinite && cet >= 0, "\(alive) \(cet)")
    }
}
