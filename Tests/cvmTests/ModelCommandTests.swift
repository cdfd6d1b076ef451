import Foundation
import Testing
import _CVMTestSupport

/// The model commands end to end, on the CDNOW data of the BTYD literature.
@Suite struct ModelCommandTests {
    static let summaryFile = Fixtures.url("cdnow_customers_summary_with_transactions.csv").path

    /// Fader, Hardie & Lee (2005): r=0.243, α=4.414, a=0.793, b=2.426, LL −9582.4 (weeks);
    /// Gamma-Gamma p=6.25, q=3.74, v=15.44, LL −4055.92 (Fader & Hardie 2013).
    @Test func fitWritesThePublishedEstimatesAsJSON() throws {
        let run = try CLI.run(["fit", "--summary", Self.summaryFile, "--summary-unit", "week", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["model"] as? String == "bgnbd")
        #expect(object["unit"] as? String == "week")
        #expect(object["converged"] as? Bool == true)
        #expect(object["customers"] as? Double == 2357)
        let p = try #require(object["parameters"] as? [String: Double])
        #expect(abs(p["r"]! - 0.243) < 5e-4 && abs(p["alpha"]! - 4.414) < 5e-4)
        #expect(abs(p["a"]! - 0.793) < 5e-4 && abs(p["b"]! - 2.426) < 5e-4)
        #expect(abs((object["logLikelihood"] as! Double) + 9582.43) < 0.01)

        let spend = try CLI.run(["fit", "--summary", Self.summaryFile, "--model", "gammagamma", "--format", "json"])
        let gg = try #require(try JSONSerialization.jsonObject(with: Data(spend.stdout.utf8)) as? [String: Any])
        let q = try #require(gg["parameters"] as? [String: Double])
        #expect(abs(q["p"]! - 6.25) < 0.01 && abs(q["q"]! - 3.74) < 0.01 && abs(q["v"]! - 15.44) < 0.01)
        #expect(abs((gg["logLikelihood"] as! Double) + 4055.92) < 0.01)
    }

    @Test func fitComparesModelsByBIC() throws {
        let run = try CLI.run(["fit", "--summary", Self.summaryFile, "--summary-unit", "week", "--model", "bgnbd,mbgnbd"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("Models ranked by BIC"))
        #expect(run.stdout.contains("-9582.43"))
    }

    /// A saved fit predicts the same as the fit made on the fly; --params scores new data.
    @Test func predictFromASavedFitOrParameters() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fitPath = directory.appendingPathComponent("fit.json").path
        let fit = try CLI.run(["fit", "--summary", Self.summaryFile, "--summary-unit", "week", "--format", "json", "--out", fitPath])
        #expect(fit.status == 0, "\(fit.stderr)")
        let saved = try CLI.run(["predict", "--summary", Self.summaryFile, "--summary-unit", "week", "--fit", fitPath, "--horizon", "39", "--format", "csv"])
        let fresh = try CLI.run(["predict", "--summary", Self.summaryFile, "--summary-unit", "week", "--horizon", "39", "--format", "csv"])
        #expect(saved.status == 0, "\(saved.stderr)")
        #expect(saved.stdout == fresh.stdout)
        let lines = saved.stdout.split(separator: "\n")
        try #require(lines.count == 2358)
        #expect(lines[0] == "customer_id,p_alive,expected_purchases")
        // Customer 1 (x=2, tₓ=30.43, T=38.86): E[X(39) | …] = 1.226 (FHL 2005, Hardie's spreadsheet).
        let first = lines[1].split(separator: ",")
        #expect(first[0] == "1")
        #expect(abs(Double(first[2])! - 1.226) < 1e-3)

        let given = try CLI.run(["predict", "--summary", Self.summaryFile, "--summary-unit", "week", "--params", "r=0.243,alpha=4.414,a=0.793,b=2.426", "--horizon", "39", "--format", "csv"])
        let row = given.stdout.split(separator: "\n")[1].split(separator: ",")
        #expect(abs(Double(row[2])! - 1.226) < 1e-3)

        let missing = try CLI.run(["predict", "--summary", Self.summaryFile, "--params", "r=0.2,alpha=4"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("--params lacks a, b for model bgnbd"))
    }

    /// CLV with Gamma-Gamma spend, and predictions stored in the database.
    @Test func predictCLVFromTheDatabase() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try CLI.run(["init"], in: directory)
        try CLI.run(["import", "transactions", Fixtures.cdnowSample.path], in: directory)
        let run = try CLI.run(
            ["predict", "--unit", "month", "--horizon", "12", "--spend", "gammagamma", "--discount-rate", "0.01", "--format", "csv"],
            in: directory)
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines[0] == "customer_id,p_alive,expected_purchases,expected_spend,clv")
        #expect(lines.count == 2358)
        for line in lines.dropFirst() {
            let v = line.split(separator: ",").dropFirst().map { Double($0)! }
            #expect(v.allSatisfy { $0.isFinite && $0 >= 0 })
            #expect(v[0] <= 1)
        }
        #expect(run.stderr.contains("Stored predictions of 2357 customers"))
    }

    /// Holdout validation on CDNOW reproduces the BTYD walkthrough's conditional-expectation table:
    /// actual mean holdout purchases per calibration frequency 0…7+ (exact) and BG/NBD's predictions.
    @Test func validateMatchesTheBTYDWalkthrough() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try CLI.run(["init"], in: directory)
        try CLI.run(["import", "transactions", Fixtures.cdnowSample.path], in: directory)
        let run = try CLI.run(["validate", "--calibration-end", "1997-09-30", "--unit", "week", "--format", "csv"], in: directory)
        #expect(run.status == 0, "\(run.stderr)")
        let buckets = run.stdout.split(separator: "\n").filter { $0.hasPrefix("bgnbd,bucket,") }.map { $0.split(separator: ",") }
        let actual = [0.2367116, 0.6970387, 1.392523, 1.560000, 2.532258, 2.947368, 3.862069, 6.359375]
        let expected = [0.2250893, 0.5231364, 1.044126, 1.520256, 2.163824, 2.653789, 3.503957, 6.157036]
        let counts = [1411, 439, 214, 100, 62, 38, 29, 64]
        #expect(buckets.count == 8)
        for (k, b) in buckets.enumerated() {
            #expect(Int(b[3]) == counts[k])
            #expect(abs(Double(b[4])! - actual[k]) < 1e-6)
            #expect(abs(Double(b[5])! - expected[k]) < 2e-4)
        }
        let early = try CLI.run(["validate", "--calibration-end", "1998-06-30"], in: directory)
        #expect(early.status != 0)
        #expect(early.stderr.contains("the holdout is empty"))
    }

    /// Pareto/NBD (CLVTools: r=0.55315, α=10.57633, s=0.60625, β=11.67150, LL −9594.976), BG/BB on
    /// the donations data (BTYD: 1.203507, 0.7497667, 0.6567568, 2.783887, LL −33225.58) and sBG on
    /// the "high end" retention data of Fader & Hardie (2007), Table 1 (α=0.668, β=3.806).
    @Test func fitsTheOtherModels() throws {
        func fit(_ arguments: [String]) throws -> [String: Any] {
            let run = try CLI.run(["fit", "--format", "json"] + arguments)
            #expect(run.status == 0, "\(run.stderr)")
            return try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        }
        let pareto = try fit(["--model", "pareto", "--summary", Self.summaryFile, "--summary-unit", "week"])
        #expect(abs((pareto["logLikelihood"] as! Double) + 9594.976) < 0.01)
        let pp = pareto["parameters"] as! [String: Double]
        #expect(abs(pp["r"]! - 0.55315) < 2e-3 && abs(pp["alpha"]! - 10.57633) < 3e-2)

        let bgbb = try fit(["--model", "bgbb", "--summary", Fixtures.url("donations.csv").path])
        #expect(abs((bgbb["logLikelihood"] as! Double) + 33225.58) < 0.01)
        let bp = bgbb["parameters"] as! [String: Double]
        #expect(abs(bp["alpha"]! - 1.2035) < 1e-3 && abs(bp["gamma"]! - 0.6568) < 1e-3)
        #expect(bgbb["customers"] as? Double == 11104)

        let sbg = try fit(["--model", "sbg", "--survivors", "1000,869,743,653,593,551,517,491"])
        let sp = sbg["parameters"] as! [String: Double]
        #expect(abs(sp["alpha"]! - 0.668) < 1e-3 && abs(sp["beta"]! - 3.806) < 4e-3)

        let missing = try CLI.run(["fit", "--model", "sbg"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("give --survivors"))
        let noPeriods = try CLI.run(["fit", "--model", "bgbb", "--summary", Self.summaryFile])
        #expect(noPeriods.stderr.contains("bgbb needs purchase opportunities"))
    }

    @Test func summaryFileErrorsNameLineAndColumn() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("s.csv")
        try "frequency,recency,T\n1,2,3\n2,x,5\n".write(to: file, atomically: true, encoding: .utf8)
        let run = try CLI.run(["fit", "--summary", file.path])
        #expect(run.status != 0)
        #expect(run.stderr.contains("s.csv, line 3, column \"recency\": \"x\" is not a recency (expected a number ≥ 0)"))
        try "frequency,recency,T\n1,9,3\n".write(to: file, atomically: true, encoding: .utf8)
        let after = try CLI.run(["fit", "--summary", file.path])
        #expect(after.stderr.contains("s.csv, line 2: recency 9.0 is after T 3.0"))
        try "a,b\n1,2\n".write(to: file, atomically: true, encoding: .utf8)
        let columns = try CLI.run(["fit", "--summary", file.path])
        #expect(columns.stderr.contains("s.csv has no frequency column (found: a, b)"))
    }
}
