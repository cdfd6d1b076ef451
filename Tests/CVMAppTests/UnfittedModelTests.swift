import CVMStore
import CustomerValue
import Foundation
import Testing
import _CVMTestSupport

@testable import CVMApp

/// Data no model can be identified from: nothing is predicted or stored, no figure is NaN.
@Suite struct UnfittedModelTests {
    enum Data: String, CaseIterable {
        /// Every customer bought once, on different days.
        case noRepeatBuyers
        /// One customer, who bought on three days.
        case oneCustomer
        /// Every customer bought on the same day (several orders each).
        case allOnOneDay

        var csv: String {
            switch self {
            case .noRepeatBuyers:
                "customer_id,date,amount\n"
                    + (1...30).map { "c\($0),2024-01-\(String(format: "%02d", $0 % 28 + 1)),10" }
                    .joined(separator: "\n")
            case .oneCustomer: "customer_id,date,amount\nc1,2024-01-01,10\nc1,2024-02-01,20\nc1,2024-03-01,30"
            case .allOnOneDay:
                "customer_id,date,amount\n"
                    + (1...20).flatMap { ["c\($0),2024-01-05,10", "c\($0),2024-01-05,7"] }
                    .joined(separator: "\n")
            }
        }
    }

    static func workspace(_ data: Data) async throws -> (Workspace, URL) {
        let directory = try Fixtures.temporaryDirectory()
        let workspace = try Workspace.create(database: directory.appendingPathComponent("cvm.sqlite").path)
        let file = directory.appendingPathComponent("orders.csv")
        try data.csv.write(to: file, atomically: true, encoding: .utf8)
        _ = try await workspace.importFile(.transactions, from: file)
        return (workspace, directory)
    }

    @Test(arguments: Data.allCases, [ModelKind.bgnbd, .mbgnbd, .pareto])
    func predictStoresNothingAndSaysWhatIsMissing(_ data: Data, _ model: ModelKind) async throws {
        let (workspace, directory) = try await Self.workspace(data)
        defer { try? FileManager.default.removeItem(at: directory) }
        let repeatBuyers = data == .oneCustomer ? "1" : "0"
        await #expect {
            _ = try await workspace.predict(PredictRequest(model: model, spend: true))
        } throws: { error in
            guard let error = error as? AppError else { return false }
            return error.code == .notFitted
                && error.message
                    == "the \(model.rawValue) model could not be fitted: it needs at least 2 customers with repeat "
                    + "purchases (found \(repeatBuyers)); nothing was predicted or stored. Import more history "
                    + "(purchases over a longer period), or give a saved fit or parameters"
                && error.message(in: .zh).hasPrefix("\(model.rawValue) 模型无法拟合")
        }
        #expect(try await workspace.store.latestPredictionRun() == nil)
    }

    @Test(arguments: Data.allCases)
    func validateRefusesToo(_ data: Data) async throws {
        let (workspace, directory) = try await Self.workspace(data)
        defer { try? FileManager.default.removeItem(at: directory) }
        await #expect(throws: AppError.self) {
            _ = try await workspace.validate(ValidateRequest(calibrationEnd: Day(iso: "2024-01-02")!, unit: .day))
        }
    }

    /// `fit` shows every model as not fitted, with no NaN in its figures or its JSON.
    @Test(arguments: Data.allCases)
    func fitMarksEveryModelNotFitted(_ data: Data) async throws {
        let (workspace, directory) = try await Self.workspace(data)
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try await workspace.fit(FitRequest(models: [.bgnbd, .mbgnbd, .pareto, .gammagamma]))
        #expect(result.models.count == 4)
        for model in result.models {
            #expect(model.status == .notFitted, "\(model.fit.model): \(model.fit.message)")
        }
        let json = try result.documentText()
        #expect(!json.contains("nan") && !json.contains("inf"))
    }

    /// A saved fit may still score such data: the model is known, only the data is thin.
    @Test func aSavedFitStillPredicts() async throws {
        let (workspace, directory) = try await Self.workspace(.noRepeatBuyers)
        defer { try? FileManager.default.removeItem(at: directory) }
        let fit = try ModelFit.given(
            "r=0.243,alpha=4.414,a=0.793,b=2.426", model: "bgnbd", names: BGNBD.parameterNames, unit: .week)
        let result = try await workspace.predict(PredictRequest(fit: fit))
        #expect(result.stored?.customers == 30)
        #expect(result.predictions.expectedPurchases.allSatisfy { $0.isFinite && $0 >= 0 })
    }

    /// BG/BB with nobody buying again, and sBG with nobody leaving: not fitted, nothing predicted.
    @Test func discreteModelsOnDataWithoutRepeats() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("once.csv")
        try "frequency,recency,periods,weights\n0,0,6,500\n".write(to: file, atomically: true, encoding: .utf8)
        let source = ModelSource.summaryFile(file, unit: .day)
        let fit = try await Workspace.fit(FitRequest(models: [.bgbb], source: source), in: nil)
        #expect(fit.models[0].status == .notFitted)
        #expect(!(try fit.documentText()).contains("nan"))
        await #expect {
            try await Workspace.predict(PredictRequest(model: .bgbb, source: source), in: nil)
        } throws: { ($0 as? AppError)?.code == .notFitted }
        let sbg = try await Workspace.fit(FitRequest(models: [.sbg], survivors: [100, 100, 100]), in: nil)
        #expect(sbg.models[0].status != .fitted)
        #expect(!(try sbg.documentText()).contains("nan"))
    }
}
