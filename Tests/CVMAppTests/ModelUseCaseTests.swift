import CVMStore
import CustomerValue
import Foundation
import Testing
import _CVMTestSupport

@testable import CVMApp

/// fit, predict, validate and segments as workspace calls, on the CDNOW data of the BTYD literature.
@Suite struct ModelUseCaseTests {
    static let summaryFile = Fixtures.url("cdnow_customers_summary_with_transactions.csv")

    /// A workspace holding the CDNOW sample; the caller removes `directory`.
    static func cdnow() async throws -> (Workspace, URL) {
        let directory = try Fixtures.temporaryDirectory()
        let workspace = try Workspace.create(database: directory.appendingPathComponent("cvm.sqlite").path)
        _ = try await workspace.importFile(.transactions, from: Fixtures.cdnowSample)
        return (workspace, directory)
    }

    /// Fader, Hardie & Lee (2005): r=0.243, α=4.414, a=0.793, b=2.426, LL −9582.4 (weeks);
    /// Gamma-Gamma p=6.25, q=3.74, v=15.44, LL −4055.92 (Fader & Hardie 2013). The JSON written
    /// reads back as the same fit.
    @Test func fitGivesThePublishedEstimatesAndItsJSONReadsBack() async throws {
        let result = try await Workspace.fit(
            FitRequest(models: [.gammagamma, .bgnbd], source: .summaryFile(Self.summaryFile, unit: .week)), in: nil)
        // Purchase models first, then the spend model.
        #expect(result.models.map(\.fit.model) == ["bgnbd", "gammagamma"])
        let bgnbd = result.models[0].fit
        #expect(result.models[0].status == .fitted)
        #expect(abs(bgnbd["r"] - 0.243) < 5e-4 && abs(bgnbd["alpha"] - 4.414) < 5e-4)
        #expect(abs(bgnbd["a"] - 0.793) < 5e-4 && abs(bgnbd["b"] - 2.426) < 5e-4)
        #expect(abs((bgnbd.logLikelihood ?? .nan) + 9582.43) < 0.01)
        let gg = result.models[1].fit
        #expect(abs(gg["p"] - 6.25) < 0.01 && abs(gg["q"] - 3.74) < 0.01 && abs(gg["v"] - 15.44) < 0.01)
        #expect(abs((gg.logLikelihood ?? .nan) + 4055.92) < 0.01)

        let text = try JSONDocument.text(bgnbd)
        // Keys in the declared order, snake_case, parameters in the paper's order.
        let keys = [
            "\"model\"", "\"unit\"", "\"parameters\"", "\"r\"", "\"alpha\"", "\"a\"", "\"b\"", "\"standard_errors\"",
            "\"log_likelihood\"", "\"aic\"", "\"bic\"", "\"converged\"", "\"customers\"", "\"iterations\"",
            "\"message\"", "\"penalizer\"",
        ]
        let positions = keys.map { text.range(of: $0)?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        let back = try ModelFit.decode(Data(text.utf8), name: "fit.json")
        #expect(back.names == bgnbd.names && back.values == bgnbd.values)
        #expect(back.logLikelihood == bgnbd.logLikelihood && back.unit == .week)
        #expect(back.standardErrors == bgnbd.standardErrors && back.iterations == bgnbd.iterations)
        // The camelCase of earlier versions still reads.
        let old = try ModelFit.decode(
            Data(
                #"{"model":"bgnbd","unit":"week","parameters":{"r":1,"alpha":2,"a":3,"b":4},"logLikelihood":-5}"#.utf8),
            name: "old.json")
        #expect(old.logLikelihood == -5 && old.values == [1, 2, 3, 4])
        #expect(throws: AppError.self) { try ModelFit.decode(Data("[1]".utf8), name: "x.json") }
    }

    /// A saved fit predicts what a fresh fit does; customer 1 (x=2, tₓ=30.43, T=38.86) expects
    /// 1.226 purchases in 39 weeks (FHL 2005, Hardie's spreadsheet).
    @Test func predictFromASavedFitOrParameters() async throws {
        let source = ModelSource.summaryFile(Self.summaryFile, unit: .week)
        let fresh = try await Workspace.predict(PredictRequest(source: source, horizon: 39), in: nil)
        let fit = try await Workspace.fit(FitRequest(source: source), in: nil).models[0].fit
        let saved = try await Workspace.predict(
            PredictRequest(
                source: source, fit: try ModelFit.decode(Data(try JSONDocument.text(fit).utf8), name: "f"),
                horizon: 39), in: nil)
        #expect(fresh.predictions.expectedPurchases == saved.predictions.expectedPurchases)
        #expect(fresh.columns == ["customer_id", "p_alive", "expected_purchases"])
        #expect(fresh.fields(0)[0] == "1")
        #expect(abs(fresh.predictions.expectedPurchases[0] - 1.226) < 1e-3)
        #expect(fresh.stored == nil)
        let given = try ModelFit.given(
            "r=0.243,alpha=4.414,a=0.793,b=2.426", model: "bgnbd", names: BGNBD.parameterNames, unit: .week)
        let byParameters = try await Workspace.predict(PredictRequest(source: source, fit: given, horizon: 39), in: nil)
        #expect(abs(byParameters.predictions.expectedPurchases[0] - 1.226) < 1e-3)
        #expect {
            try ModelFit.given("r=0.2,alpha=4", model: "bgnbd", names: BGNBD.parameterNames, unit: nil)
        } throws: { ($0 as? AppError)?.message == "the parameters lack a, b for model bgnbd (needs r, alpha, a, b)" }
    }

    /// CLV with Gamma-Gamma spend from the database, stored as a run.
    @Test func predictStoresCLVFromTheDatabase() async throws {
        let (workspace, directory) = try await Self.cdnow()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try await workspace.predict(
            PredictRequest(spend: true, horizon: 12, unit: .month, dataUnit: .month, discountRate: 0.01))
        #expect(result.columns == ["customer_id", "p_alive", "expected_purchases", "expected_spend", "clv"])
        #expect(result.rowCount == 2357)
        for i in 0..<result.rowCount {
            let v = result.fields(i).dropFirst().map { Double($0)! }
            #expect(v.allSatisfy { $0.isFinite && $0 >= 0 } && v[0] <= 1)
        }
        #expect(result.stored?.customers == 2357)
        let run = try #require(try await workspace.store.latestPredictionRun())
        #expect(run.model == "bgnbd" && run.customers == 2357)
        // The stored settings keep the keys the store reads (asOf).
        #expect(run.settings.contains("\"asOf\" : \"1998-06-30\""))
        let document = try JSONDocument.text(result.document)
        #expect(document.contains("\"discount_rate\": 0.01") && document.contains("\"customer_id\": \"1\""))
    }

    /// Without a rate, a prediction discounts at the one default, 0.01 a month, compounded to the
    /// period of its unit: (1.01)^(7 / 30.436875) − 1 = 0.002291039196164135 a week (Python,
    /// `1.01**(7/30.436875)-1`), so a year discounts alike in any unit.
    @Test func predictDiscountsAtTheOneMonthlyDefault() async throws {
        let source = ModelSource.summaryFile(Self.summaryFile, unit: .week)
        let weekly = try await Workspace.predict(PredictRequest(source: source, spend: true, horizon: 52), in: nil)
        #expect(abs(weekly.settings.discountRate - 0.002291039196164135) < 1e-15)
        let monthly = try await Workspace.predict(
            PredictRequest(source: source, spend: true, horizon: 12, unit: .month), in: nil)
        #expect(monthly.settings.discountRate == 0.01)
        let given = try await Workspace.predict(
            PredictRequest(source: source, spend: true, horizon: 52, discountRate: 0), in: nil)
        #expect(given.settings.discountRate == 0)
        // Discounting lowers every positive CLV.
        let (a, b) = (try #require(weekly.predictions.clv), try #require(given.predictions.clv))
        #expect(zip(a, b).allSatisfy { $0 <= $1 } && zip(a, b).contains { $0 < $1 })
    }

    /// The BTYD walkthrough's conditional-expectation table: actual mean holdout purchases per
    /// calibration frequency 0…7+ (exact) and BG/NBD's predictions.
    @Test func validateMatchesTheBTYDWalkthrough() async throws {
        let (workspace, directory) = try await Self.cdnow()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try await workspace.validate(
            ValidateRequest(models: [.pareto, .bgnbd], calibrationEnd: Day(iso: "1997-09-30")!, unit: .week))
        let bgnbd = try #require(result.models.first { $0.fit.model == "bgnbd" })
        let actual = [0.2367116, 0.6970387, 1.392523, 1.560000, 2.532258, 2.947368, 3.862069, 6.359375]
        let expected = [0.2250893, 0.5231364, 1.044126, 1.520256, 2.163824, 2.653789, 3.503957, 6.157036]
        let counts: [Double] = [1411, 439, 214, 100, 62, 38, 29, 64]
        #expect(bgnbd.check.buckets.count == 8)
        for (k, b) in bgnbd.check.buckets.enumerated() {
            #expect(b.customers == counts[k])
            #expect(abs(b.meanActual - actual[k]) < 1e-6)
            #expect(abs(b.meanPredicted - expected[k]) < 2e-4)
        }
        #expect(result.models[0].check.meanAbsoluteError <= result.models[1].check.meanAbsoluteError)
        var csv = ""
        result.writeLongCSV { csv += $0 }
        #expect(csv.split(separator: "\n").count == result.rowCount + 1)
        #expect(
            (0..<result.rowCount).map { CSV.row(result.fields($0)) }
                == Array(csv.split(separator: "\n").dropFirst().map(String.init)))
        await #expect {
            _ = try await workspace.validate(ValidateRequest(calibrationEnd: Day(iso: "1998-06-30")!))
        } throws: {
            ($0 as? AppError)?.message
                == "the holdout is empty: the calibration end must be before the last transaction date or the as-of date"
        }
    }

    @Test func segmentsWithStrategiesFromTOML() async throws {
        let (workspace, directory) = try await Self.cdnow()
        defer { try? FileManager.default.removeItem(at: directory) }
        let toml = "[champions]\nstrategy = \"Invite them\"\nreason_zh = \"最好的客户\"\n"
        let strategies = try StrategyFile.parse(toml, name: "s.toml", builtIn: StrategyFile.builtIn(.grid))
        let result = try await workspace.segments(SegmentsRequest(strategies: strategies))
        let champions = try #require(result.segmentation.groups.first { $0.key == "champions" })
        #expect(champions.strategy == "Invite them" && champions.chineseReason == "最好的客户")
        #expect(result.customers.rowCount == 2357)
        #expect(result.groups.rowCount == 11)
        #expect(result.segmentation.groups.reduce(0) { $0 + $1.customers } == 2357)
        #expect {
            try StrategyFile.parse("[champions\n", name: "s.toml", builtIn: StrategyFile.builtIn(.grid))
        } throws: { ($0 as? AppError)?.message.hasPrefix("s.toml, line 1, column") == true }
        #expect {
            try StrategyFile.parse("[nobody]\nstrategy = \"x\"\n", name: "s.toml", builtIn: StrategyFile.builtIn(.grid))
        } throws: { ($0 as? AppError)?.message.hasPrefix("s.toml: unknown group [nobody]; use about_to_sleep") == true }
        let document = try JSONDocument.text(result.document)
        let order = ["\"scheme\"", "\"observation_end\"", "\"segments\"", "\"customers\""].map {
            document.range(of: $0)!.lowerBound
        }
        #expect(order == order.sorted())
        #expect(document.contains("\"name_zh\""))
    }

    /// Pareto/NBD (CLVTools: r=0.55315, α=10.57633, s=0.60625, β=11.67150, LL −9594.976), BG/BB on
    /// the donations data (BTYD: 1.203507, 0.7497667, 0.6567568, 2.783887, LL −33225.58) and sBG on
    /// the "high end" retention data of Fader & Hardie (2007), Table 1 (α=0.668, β=3.806); ranked
    /// by BIC, BG/NBD (BIC 19196) before Pareto/NBD on CDNOW.
    @Test func fitsTheOtherModelsAndRanksThemByBIC() async throws {
        let cdnow = try await Workspace.fit(
            FitRequest(models: [.pareto, .bgnbd], source: .summaryFile(Self.summaryFile, unit: .week)), in: nil)
        #expect(cdnow.models.map(\.fit.model) == ["bgnbd", "pareto"])
        #expect((cdnow.models[0].fit.bic ?? .nan) < (cdnow.models[1].fit.bic ?? .nan))
        let pareto = cdnow.models[1].fit
        #expect(abs((pareto.logLikelihood ?? .nan) + 9594.976) < 0.01)
        #expect(abs(pareto["r"] - 0.55315) < 2e-3 && abs(pareto["alpha"] - 10.57633) < 3e-2)

        let bgbb = try await Workspace.fit(
            FitRequest(models: [.bgbb], source: .summaryFile(Fixtures.url("donations.csv"), unit: .day)), in: nil
        ).models[0].fit
        #expect(abs((bgbb.logLikelihood ?? .nan) + 33225.58) < 0.01)
        #expect(abs(bgbb["alpha"] - 1.2035) < 1e-3 && abs(bgbb["gamma"] - 0.6568) < 1e-3)
        #expect(bgbb.customers == 11104)

        let sbg = try await Workspace.fit(
            FitRequest(models: [.sbg], survivors: [1000, 869, 743, 653, 593, 551, 517, 491]), in: nil)
        #expect(abs(sbg.models[0].fit["alpha"] - 0.668) < 1e-3 && abs(sbg.models[0].fit["beta"] - 3.806) < 4e-3)
        // S(1) = β/(α+β) = 0.851, S(2) = S(1)·(β+1)/(α+β+1) = 0.747 (Fader & Hardie 2007, eq. 3).
        #expect(sbg.notes[0].en.hasPrefix("Projected survival by period: 0=100.0% 1=85.1% 2=74.7% "))
        #expect(sbg.notes[0].zh.hasPrefix("各期预计留存：0=100.0% 1=85.1% 2=74.7% "))
        await #expect {
            try await Workspace.fit(FitRequest(models: [.sbg], survivors: [10, 12]), in: nil)
        } throws: {
            ($0 as? AppError)?.message
                == "the survivor counts must be at least two counts that never increase, starting above 0"
        }
        await #expect {
            try await Workspace.fit(
                FitRequest(models: [.bgbb], source: .summaryFile(Self.summaryFile, unit: .week)), in: nil)
        } throws: { ($0 as? AppError)?.message.hasPrefix("bgbb needs purchase opportunities") == true }
    }
}
