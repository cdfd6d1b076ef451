import CVMStore
import CustomerValue
import Foundation
import Testing
import _CVMTestSupport

@testable import CVMApp

/// Weights from analysts' files and the composite score on the CDNOW sample.
@Suite struct ScoresUseCaseTests {
    /// The 4×3 table of EntropyWeightTests (hand-worked and checked with numpy): w = 0.38077579,
    /// 0.33151627, 0.28770794; the id column is skipped; the document lists them in column order.
    @Test func entropyWeightsFromAFile() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = try write(
            "customer_id,revenue,purchases,recency\nA,100,2,10\nB,300,6,40\nC,200,4,20\nD,500,8,70\n", "x.csv",
            in: directory)
        let result = try await Workspace.weights(
            WeightsRequest(method: .entropy, input: file.path, directions: [.benefit, .benefit, .cost]))
        let document = result.document
        #expect(document.weights.map(\.name) == ["revenue", "purchases", "recency"])
        let expected = [0.3807757889397996, 0.3315162691819131, 0.2877079418782873]
        #expect(zip(document.weights.map(\.weight), expected).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(document.rows == 4)
        let json = try JSONDocument.text(document)
        #expect(
            json.hasPrefix(
                "{\n  \"method\": \"entropy\",\n  \"rows\": 4,\n  \"weights\": [\n    {\n      \"name\": \"revenue\","))
    }

    @Test func weightsRejectBadInputWithFileLineAndColumn() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        func message(_ request: WeightsRequest) async -> String? {
            do {
                _ = try await Workspace.weights(request)
                return nil
            } catch {
                return (error as? AppError)?.message
            }
        }
        let bad = try write("id,revenue,purchases\nA,100,2\nB,3x0,6\n", "bad.csv", in: directory).path
        #expect(
            await message(WeightsRequest(method: .entropy, input: bad))
                == "\(bad), line 3, column 2 (\"revenue\"): \"3x0\" is not a number")
        let short = try write("id,revenue,purchases\nA,100,2\nB,300\n", "short.csv", in: directory).path
        #expect(
            await message(WeightsRequest(method: .entropy, input: short))
                == "\(short), line 3: 2 fields, but the header (line 1) has 3")
        let two = try write("id,revenue,purchases\nA,100,2\nB,300,6\n", "two.csv", in: directory).path
        #expect(
            await message(WeightsRequest(method: .entropy, input: two, directions: [.benefit]))
                == "1 directions given for 2 indicators (revenue, purchases)")
        let one = try write("revenue,purchases\n100,2\n", "one.csv", in: directory).path
        #expect(
            await message(WeightsRequest(method: .entropy, input: one))?.hasPrefix(
                "\(one): the entropy weight method needs at least 2 customers") == true)
        let nonReciprocal = try write(",a,b,c\na,1,3,5\nb,1/2,1,3\nc,1/5,1/3,1\n", "pairs.csv", in: directory).path
        #expect(
            await message(WeightsRequest(method: .ahp, input: nonReciprocal))
                == "\(nonReciprocal), line 3, column 2: row \"b\", column \"a\" is 1/2 but must be the reciprocal "
                + "of row \"a\", column \"b\" = 3, i.e. 1/3"
        )
        let word = try write("a,b\n1,three\n1/3,1\n", "word.csv", in: directory).path
        #expect(
            await message(WeightsRequest(method: .ahp, input: word))
                == "\(word), line 2, column 2: \"three\" is not a number or fraction (use 1–9 or 1/3)")
    }

    /// Saaty's 3×3 (numpy: w = 0.63699, 0.25828, 0.10473, λmax = 3.03851, CR = 0.03320) and a
    /// matrix with CR = 0.158 rejected (AHPTests).
    @Test func ahpWeightsAndConsistency() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let saaty = try write("A,B,C\n1,3,5\n1/3,1,3\n1/5,1/3,1\n", "saaty.csv", in: directory)
        let result = try await Workspace.weights(WeightsRequest(method: .ahp, input: saaty.path))
        let document = result.document
        #expect(document.weights.map(\.name) == ["A", "B", "C"])
        #expect(abs(document.weights[0].weight - 0.6369855717447569) < 1e-12)
        #expect(abs((document.lambdaMax ?? 0) - 3.0385110905581745) < 1e-12)
        #expect(abs((document.cr ?? 1) - 0.033199215998426276) < 1e-12)
        #expect(document.ri == 0.58)
        let bad = try write(
            "historical,current,frequency,recency\n1,1/3,4,8\n3,1,2,4\n1/4,1/2,1,2\n1/8,1/4,1/2,1\n", "bad.csv",
            in: directory)
        await #expect {
            _ = try await Workspace.weights(WeightsRequest(method: .ahp, input: bad.path))
        } throws: { error in
            (error as? AppError)?.message
                == "\(bad.path): inconsistent judgements: CR = 0.16 > 0.10; revise the comparisons, e.g. "
                + "\"historical\" vs \"current\" is 1/3 where the other judgements imply about 0.76"
        }
    }

    /// Every method runs on CDNOW, scores lie in 0…100 sorted, contributions add up to the score.
    /// The clv indicator is BG/NBD + Gamma-Gamma fitted afresh: its values do not depend on what
    /// was stored before (a stored prediction run of other settings changes nothing).
    @Test func scoresOnTheCDNOWSample() async throws {
        let (workspace, directory) = try await temporaryWorkspace(transactions: Fixtures.cdnowSample)
        defer { try? FileManager.default.removeItem(at: directory) }
        let entropy = try await workspace.scores(ScoresRequest(weights: .entropy(indicators: nil)))
        #expect(
            entropy.columns == [
                "customer_id", "score", "historical", "current", "frequency", "recency", "tenure", "clv", "loyalty",
            ])
        #expect(entropy.rowCount == 2357)
        let rows = (0..<entropy.rowCount).map { entropy.fields($0).dropFirst().map { Double($0)! } }
        #expect(rows.allSatisfy { (0...100).contains($0[0]) })
        #expect(zip(rows, rows.dropFirst()).allSatisfy { $0[0] >= $1[0] })
        #expect(rows.allSatisfy { abs($0.dropFirst().reduce(0, +) - $0[0]) < 1e-9 })
        #expect(
            entropy.notes.first
                == "clv of BG/NBD + Gamma-Gamma fitted on the data to 1998-06-30, 12 months, discount 0.01/month, "
                + "margin 1"
        )
        #expect(entropy.clv?.fits.map(\.converged) == [true, true])

        // A stored prediction run changes nothing.
        let ids = entropy.indicators.ids
        try await workspace.store.savePredictions(
            PredictionSet(
                model: "bgnbd", spendModel: nil, settings: "{}", ids: ids,
                probabilityAlive: ids.map { _ in 1 }, expectedPurchases: ids.map { _ in 5.9 }, expectedSpend: nil,
                clv: ids.map { _ in 1000 }))
        let again = try await workspace.scores(ScoresRequest(weights: .entropy(indicators: nil)))
        #expect((0..<again.rowCount).map(again.fields) == (0..<entropy.rowCount).map(entropy.fields))

        let none = try await workspace.scores(
            ScoresRequest(weights: .entropy(indicators: nil), clv: ScoreCLVSource.none))
        #expect(!none.columns.contains("clv"))
        #expect(none.notes.first == "clv left out: not asked for")

        // The seeds' tree is the default: future value's 0.2 goes to loyalty value, its one part the
        // data has; the missing influence leaf is renormalised away.
        let preset = try await workspace.scores(ScoresRequest(explain: "1"))
        #expect(preset.score.indicators.map(\.name) == ["historical", "current", "loyalty_value"])
        #expect(abs(preset.score.weights[0] - 0.2 / 0.95) < 1e-12)
        #expect(abs(preset.score.weights[2] - 0.2 / 0.95) < 1e-12)
        #expect(preset.notes.contains { $0.contains("influence (0.05), credit_value (0.0667), elasticity_value") })
        #expect(preset.breakdown?.rowCount == 3)

        let toml = try WeightsFile.parse("[weights]\ncurrent = 3\nrecency = 1\n", file: "w.toml")
        let fromFile = try await workspace.scores(ScoresRequest(weights: .file("w.toml", toml)))
        #expect(fromFile.document.weights.map(\.name) == ["current", "recency"])
        #expect(fromFile.document.weights.map(\.weight) == [0.75, 0.25])
        #expect(fromFile.warnings.contains("the weights sum to 4, not 1; they were renormalised"))

        #expect {
            _ = try WeightsFile.parse("[weights]\nspend = 1\n", file: "u.toml")
        } throws: { error in
            (error as? AppError)?.message
                == "u.toml, [weights]: unknown indicator \"spend\"; known indicators: historical, current, "
                + "frequency, recency, tenure, clv, loyalty, influence, credit"
        }

        let pairs = try write(",current,recency\ncurrent,1,3\nrecency,1/3,1\n", "p.csv", in: directory)
        let ahp = try await workspace.scores(ScoresRequest(weights: .ahp(pairwise: pairs.path)))
        #expect(zip(ahp.score.weights, [0.75, 0.25]).allSatisfy { abs($0 - $1) < 1e-12 })

        await #expect {
            _ = try await workspace.scores(ScoresRequest(explain: "nobody"))
        } throws: { error in
            let error = error as? AppError
            return error?.code == .notFound
                && error?.message
                    == "customer \"nobody\" is not among the 2357 customers scored as of 1998-06-30 (unknown id, or "
                    + "first purchase after the as-of date)"
        }
        await #expect {
            _ = try await workspace.scores(ScoresRequest(currentWindowMonths: 0))
        } throws: { error in
            (error as? AppError)?.message == "the current window must be at least 1 month, not 0"
        }
    }

    /// Nobody bought twice: the BG/NBD fit does not converge, so clv is left out and the note says
    /// why (never a CLV from starting values).
    @Test func anUnfittedModelGivesNoCLV() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = try write(
            "customer_id,date,amount\nA,2022-06-01,10\nB,2023-06-01,20\nC,2023-07-01,30\n", "thin.csv", in: directory)
        let workspace = try Workspace.create(database: directory.appendingPathComponent("cvm.sqlite").path)
        _ = try await workspace.store.importTransactions(from: file)
        let result = try await workspace.scores(
            ScoresRequest(weights: .entropy(indicators: ["historical", "current"])))
        #expect(result.clv == nil)
        #expect(result.notes.first?.hasPrefix("clv left out: the BG/NBD fit did not converge") == true)
    }
}
